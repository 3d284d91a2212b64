#!/usr/bin/env node
// Checks a published package's public API against its committed API reports, one report per
// entry point of its package.json `exports` (`api/core.api.md` for `@lifeboat/core`,
// `api/core-testing.api.md` for `@lifeboat/core/testing`), with API Extractor on the built
// `.d.ts` files. Fails on a report that differs from the API and on every warning API Extractor
// or TSDoc reports. `API_REPORT_UPDATE=1` (what `npm run api:update` sets) writes the reports
// instead. Also writes each entry point's doc model (`.api-extractor/model/*.api.json`, gitignored), from which
// `npm run docs:api` renders the reference.
// Run from the package's folder (its nx `api` target does), or give the folder as an argument.
const { Extractor, ExtractorConfig, CompilerState } = require('@microsoft/api-extractor');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const packageDir = path.resolve(process.argv[2] ?? '.');
const update = process.env.API_REPORT_UPDATE === '1';
const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const shortName = pkg.name.replace(/^@lifeboat\//, '');

/** Every `exports` subpath with types: `.` → core, `./testing` → core-testing. */
const entryPoints = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types)
  .map(([subpath, target]) => ({
    importPath: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
    reportName:
      subpath === '.' ? shortName : `${shortName}-${subpath.slice(2).replace(/\//g, '-')}`,
    file: path.join(packageDir, target.types),
  }));

const messages = {
  compilerMessageReporting: { default: { logLevel: 'warning' } },
  extractorMessageReporting: {
    default: { logLevel: 'warning' },
    // Every interface member without a comment would count. The contracts' TSDoc is reviewed by
    // hand; the report still shows each undocumented member's signature.
    'ae-undocumented': { logLevel: 'none' },
    // A public signature naming a type the entry point does not export is written into the report
    // (as a `// Warning:` line), where a reviewer sees it and any change to it fails the check;
    // whether to export the type or hide the member is a decision per package.
    'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
  },
  tsdocMessageReporting: { default: { logLevel: 'warning' } },
};

// A subpath entry point (./testing) uses the main entry point's types through relative imports,
// which API Extractor takes for unexported ones; the callback below drops those and fails on the rest.
const subpathMessages = {
  ...messages,
  extractorMessageReporting: {
    ...messages.extractorMessageReporting,
    'ae-forgotten-export': { logLevel: 'warning' },
  },
};

function configOf(entry) {
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageDir,
      mainEntryPointFilePath: entry.file,
      compiler: { tsconfigFilePath: path.join(packageDir, 'tsconfig.build.json') },
      apiReport: {
        enabled: true,
        reportFileName: entry.reportName,
        reportFolder: path.join(packageDir, 'api'),
        reportTempFolder: path.join(packageDir, '.api-extractor', 'report'),
      },
      docModel: {
        enabled: true,
        apiJsonFilePath: path.join(
          packageDir,
          '.api-extractor',
          'model',
          `${entry.reportName}.api.json`,
        ),
      },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: entry.importPath === pkg.name ? messages : subpathMessages,
    },
    configObjectFullPath: path.join(packageDir, 'api-extractor.json'),
    packageJsonFullPath: path.join(packageDir, 'package.json'),
  });
}

/** Names the package's main entry point exports, which its other entry points may refer to. */
function mainExports(compilerState) {
  const main = entryPoints.find((e) => e.importPath === pkg.name);
  if (!main) return new Set();
  const checker = compilerState.program.getTypeChecker();
  const source = compilerState.program.getSourceFile(main.file);
  const symbol = source && checker.getSymbolAtLocation(source);
  return new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []);
}

if (entryPoints.length === 0) {
  console.error(`${pkg.name}: package.json exports no entry point with types`);
  process.exit(1);
}
if (update) fs.mkdirSync(path.join(packageDir, 'api'), { recursive: true });
const configs = entryPoints.map(configOf);
const compilerState = CompilerState.create(configs[0], {
  additionalEntryPoints: entryPoints.map((e) => e.file),
});
const fromMain = mainExports(compilerState);
let failed = false;
entryPoints.forEach((entry, i) => {
  const problems = [];
  // Judged by the problems collected and the report comparison: `result.succeeded` also counts
  // the warnings dropped above.
  const result = Extractor.invoke(configs[i], {
    localBuild: update,
    compilerState,
    messageCallback(message) {
      message.handled = true;
      const forgotten = /^The symbol "([^"]+)" needs to be exported/.exec(message.text);
      if (forgotten && entry.importPath !== pkg.name && fromMain.has(forgotten[1])) return;
      if (['none', 'verbose', 'info'].includes(message.logLevel)) return;
      // Report changes are judged below from the result, with a diff.
      if (message.messageId.startsWith('console-') && message.logLevel !== 'error') return;
      const where = message.sourceFilePath
        ? `${path.relative(process.cwd(), message.sourceFilePath)}:${message.sourceFileLine}: `
        : '';
      problems.push(`${where}[${message.messageId}] ${message.text}`);
    },
  });
  const report = path.relative(process.cwd(), configs[i].reportFilePath);
  for (const problem of problems) console.error(`${entry.importPath}: ${problem}`);
  if (problems.length > 0) failed = true;
  if (result.apiReportChanged && !update) {
    failed = true;
    console.error(`${entry.importPath}: the public API differs from ${report}:`);
    spawnSync('diff', ['-u', configs[i].reportFilePath, configs[i].reportTempFilePath], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    console.error(
      'If the change is intended, run `npm run api:update` and commit the report with a changeset.',
    );
  } else if (problems.length === 0) {
    console.log(
      `${entry.importPath}: ${update && result.apiReportChanged ? 'updated' : 'matches'} ${report}`,
    );
  }
});
process.exit(failed ? 1 : 0);
