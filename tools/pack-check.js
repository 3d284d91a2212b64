#!/usr/bin/env node
// Packs workspace packages with `npm pack`, installs the tarballs into an empty project outside
// the repository, then checks that each loads with `require` and that its types resolve under
// tsc (module node20); for the CLI, that the installed `lifeboat` binary runs a scenario.
// Usage: node tools/pack-check.js core [karmada ...]
// Prints one JSON line {ok, packages, exports} and exits non-zero on failure.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node tools/pack-check.js <package> [<package> ...]');
  process.exit(2);
}

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-pack-'));
try {
  const tarballs = [];
  for (const name of names) {
    const dir = path.join(root, 'packages', name);
    if (!fs.existsSync(path.join(dir, 'dist', 'index.js'))) run('npm', ['run', 'build'], dir);
    const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], dir));
    tarballs.push(path.join(work, out[0].filename));
  }
  const project = path.join(work, 'consumer');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true }),
  );
  const rootPkg = require(path.join(root, 'package.json'));
  const peers = ['tsyringe', 'reflect-metadata'].map((p) => `${p}@${rootPkg.devDependencies[p]}`);
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...tarballs,
      ...peers,
      `@types/node@${rootPkg.devDependencies['@types/node']}`,
    ],
    project,
  );

  const lines = [];
  for (const name of names) {
    lines.push(`import * as ${name.replace(/-/g, '_')} from '@lifeboat/${name}';`);
    // Every subpath a package exports (e.g. `./testing`) must load and typecheck too.
    const { exports: subpaths = {} } = require(path.join(root, 'packages', name, 'package.json'));
    for (const subpath of Object.keys(subpaths).filter(
      (p) => p !== '.' && p !== './package.json',
    )) {
      lines.push(
        `import * as ${name.replace(/-/g, '_')}_${subpath.slice(2).replace(/\W/g, '_')} from '@lifeboat/${name}/${subpath.slice(2)}';`,
      );
      lines.push(
        `if (Object.keys(${name.replace(/-/g, '_')}_${subpath.slice(2).replace(/\W/g, '_')}).length === 0) throw new Error('@lifeboat/${name}/${subpath.slice(2)} exports nothing');`,
      );
    }
  }
  lines.push(
    `const loaded: Record<string, number> = { ${names.map((n) => `'${n}': Object.keys(${n.replace(/-/g, '_')}).length`).join(', ')} };`,
  );
  if (names.includes('core')) {
    lines.push(
      "const q: core.Quantity = core.Quantity.parse('1500m');",
      'const clock: core.Clock = new core.VirtualClock(0);',
      "if (q.milliValue() !== 1500n || clock.now() !== 0) throw new Error('core misbehaves');",
    );
  }
  lines.push('console.log(JSON.stringify(loaded));');
  fs.writeFileSync(path.join(project, 'consumer.ts'), lines.join('\n') + '\n');
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'node20',
        moduleResolution: 'node16',
        target: 'ES2022',
        strict: true,
        types: ['node'],
        skipLibCheck: false,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
      files: ['consumer.ts'],
    }),
  );
  run(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    project,
  );
  const exported = JSON.parse(run(process.execPath, ['consumer.js'], project));
  const empty = Object.entries(exported).filter(([, n]) => n === 0);
  if (empty.length) throw new Error(`packages export nothing: ${empty.map(([n]) => n).join(', ')}`);
  if (names.includes('cli')) {
    const bin = path.join(project, 'node_modules', '.bin', 'lifeboat');
    const scenario = path.join(root, 'examples', 'karmada-seed.yaml');
    const report = JSON.parse(run(bin, ['simulate', scenario, '--json'], project));
    if (report.workloads['default/foo'].readyReplicas !== 2)
      throw new Error('the installed lifeboat binary did not re-place foo');
  }
  console.log(JSON.stringify({ ok: true, packages: names, exports: exported }));
} catch (error) {
  const detail = [error.message, error.stdout, error.stderr].filter(Boolean).join('\n');
  console.log(JSON.stringify({ ok: false, packages: names, error: detail.slice(0, 4000) }));
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
