#!/usr/bin/env node
// Packs workspace packages with `npm pack`, installs the tarballs into an empty project outside
// the repository, then checks that each loads with `require` and that its types resolve under
// tsc (module node20); for the CLI, that the installed `lifeboat` binary runs a scenario. Then,
// for each flavour among them (with core and simulator), a second project with only core, the
// simulator and that flavour (no CLI, no etcd3) runs a scenario from code through the flavour's
// `./simulation` subpath. With core, the simulator and both flavours, the example projects in
// examples/ (a plugin package, then a controller that installs it) are copied out, built and run
// against the same tarballs.
// Usage: node tools/pack-check.js core [karmada ...]
// Prints one JSON line {ok, packages, exports, simulatedFromCode, examples} and exits non-zero
// on failure.
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

const FLAVORS = ['karmada', 'clusternet'];
const rootPkg = require(path.join(root, 'package.json'));

/** An empty project under `work` with `tarballs` and the peers installed. */
function consumerProject(work, name, tarballs) {
  const project = path.join(work, name);
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name, private: true }));
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
  return project;
}

/** Compiles `source` as `consumer.ts` with tsc (module node20, strict, no skipLibCheck). */
function compile(project, source) {
  fs.writeFileSync(path.join(project, 'consumer.ts'), source);
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
}

/**
 * A project with only core, the simulator and `flavor` runs the flavour's seed scenario from code
 * and gets the seed's outcome; nothing of the CLI or etcd is installed.
 */
function simulateFromCode(work, flavor, tarballs) {
  const project = consumerProject(work, `simulate-${flavor}`, [
    tarballs.core,
    tarballs.simulator,
    tarballs[flavor],
  ]);
  const present = ['@lifeboat/cli', '@lifeboat/etcd', 'etcd3', 'commander', '@grpc/grpc-js'].filter(
    (dep) => fs.existsSync(path.join(project, 'node_modules', ...dep.split('/'))),
  );
  if (present.length) throw new Error(`simulating ${flavor} installed ${present.join(', ')}`);
  const exported = `${flavor}SimulationFlavor`;
  compile(
    project,
    [
      "import 'reflect-metadata';",
      "import { readFileSync } from 'node:fs';",
      "import { loadScenario, runScenario } from '@lifeboat/simulator';",
      `import { ${exported} } from '@lifeboat/${flavor}/simulation';`,
      `const loaded = loadScenario(readFileSync(process.argv[2] as string, 'utf8'), [${exported}]);`,
      'void runScenario(loaded).then((report) => console.log(JSON.stringify(report.workloads)));',
      '',
    ].join('\n'),
  );
  const scenario = path.join(root, 'examples', `${flavor}-seed.yaml`);
  const workloads = JSON.parse(run(process.execPath, ['consumer.js', scenario], project));
  const entries = Object.entries(workloads);
  for (const [key, w] of entries) {
    if (w.readyReplicas !== w.desired || (w.placement.member1 ?? 0) !== 0)
      throw new Error(
        `${flavor} from code: ${key} was not re-placed off member1 (${JSON.stringify(w)})`,
      );
  }
  if (entries.length === 0) throw new Error(`${flavor} from code: the report has no workloads`);
  return Object.fromEntries(entries.map(([key, w]) => [key, w.placement]));
}

/**
 * Copies `examples/<name>` (its sources, not node_modules or dist) into `work`, points its
 * `@lifeboat/*` and sibling-example dependencies at `tarballs`, and installs it.
 */
function exampleProject(work, name, tarballs) {
  const from = path.join(root, 'examples', name);
  const project = path.join(work, `example-${name}`);
  fs.cpSync(from, project, {
    recursive: true,
    filter: (src) => !/^(node_modules|dist|package-lock\.json)/.test(path.relative(from, src)),
  });
  const file = path.join(project, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const dep of Object.keys(pkg[field] ?? {})) {
      const tarball = tarballs[dep.replace(/^@lifeboat\//, '')] ?? tarballs[dep];
      if (dep.startsWith('@lifeboat/') || String(pkg[field][dep]).startsWith('file:')) {
        if (!tarball) throw new Error(`example ${name}: no tarball for its dependency ${dep}`);
        pkg[field][dep] = `file:${tarball}`;
      }
    }
  }
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  return project;
}

/**
 * The plugin package example is built, its tests (core's plugin kit under node:test) pass and it
 * is packed; the controller example installs that tarball, is built, and runs its scenario.
 */
function runExamples(work, tarballs) {
  const plugin = exampleProject(work, 'cost-aware-plugin', tarballs);
  run('npm', ['run', 'build'], plugin);
  const tests = run('npm', ['test'], plugin);
  const count = (what) => Number(new RegExp(`^(?:#|ℹ) ${what} (\\d+)$`, 'm').exec(tests)?.[1]);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], plugin));
  const withPlugin = {
    ...tarballs,
    'lifeboat-plugin-cost-aware': path.join(work, packed[0].filename),
  };
  const controller = exampleProject(work, 'custom-controller', withPlugin);
  run('npm', ['run', 'build'], controller);
  const output = run('npm', ['start', '--silent'], controller);
  return {
    'cost-aware-plugin': { pass: count('pass'), fail: count('fail') },
    'custom-controller': JSON.parse(output.trim().split('\n').pop()),
  };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-pack-'));
try {
  const tarballs = {};
  for (const name of names) {
    const dir = path.join(root, 'packages', name);
    if (!fs.existsSync(path.join(dir, 'dist', 'index.js'))) run('npm', ['run', 'build'], dir);
    const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], dir));
    tarballs[name] = path.join(work, out[0].filename);
  }
  const project = consumerProject(work, 'consumer', Object.values(tarballs));

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
  compile(project, lines.join('\n') + '\n');
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
  const simulatedFromCode = {};
  if (names.includes('core') && names.includes('simulator'))
    for (const flavor of FLAVORS.filter((f) => names.includes(f)))
      simulatedFromCode[flavor] = simulateFromCode(work, flavor, tarballs);
  const examples = ['core', 'simulator', ...FLAVORS].every((n) => names.includes(n))
    ? runExamples(work, tarballs)
    : {};
  console.log(
    JSON.stringify({ ok: true, packages: names, exports: exported, simulatedFromCode, examples }),
  );
} catch (error) {
  const detail = [error.message, error.stdout, error.stderr].filter(Boolean).join('\n');
  console.log(JSON.stringify({ ok: false, packages: names, error: detail.slice(0, 4000) }));
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
