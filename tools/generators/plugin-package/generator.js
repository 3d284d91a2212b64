// `nx g ./tools/generators/generators.json:plugin-package <name>`: a scheduler plugin package in
// the workspace, with a score plugin to start from, tests that run @lifeboat/core/testing's
// conformance kit and one scheduling cycle, a README and a changeset. Written against the Tree
// nx hands every generator (read, write, exists), so it needs no @nx/devkit.
const path = require('node:path');

/** `cost-aware` -> `CostAware`. */
function pascal(name) {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `cost-aware` -> `costAware`. */
function camel(name) {
  const p = pascal(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

function readJson(tree, file) {
  const text = tree.read(file, 'utf-8');
  if (text === null)
    throw new Error(`${file} not found: run the generator in a Lifeboat workspace`);
  return JSON.parse(text);
}

function packageJson({ packageName, plugin, core }) {
  return `${JSON.stringify(
    {
      name: packageName,
      version: '0.1.0',
      description: `The ${plugin} scheduler plugin for Lifeboat.`,
      license: 'Apache-2.0',
      main: './dist/index.js',
      types: './dist/index.d.ts',
      exports: {
        '.': {
          types: './dist/index.d.ts',
          require: './dist/index.js',
          default: './dist/index.js',
        },
        './package.json': './package.json',
      },
      files: ['dist', '!dist/**/*.test.*', 'README.md'],
      engines: { node: core.engines.node },
      scripts: {
        build: 'tsc -p tsconfig.build.json',
        typecheck: 'tsc -p tsconfig.json --noEmit',
        lint: 'eslint src',
        test: 'jest',
      },
      dependencies: { zod: core.dependencies.zod },
      peerDependencies: {
        '@lifeboat/core': `>=${core.version} <1.0.0`,
        'reflect-metadata': core.peerDependencies['reflect-metadata'],
        tsyringe: core.peerDependencies.tsyringe,
      },
      devDependencies: { '@lifeboat/core': core.version },
    },
    null,
    2,
  )}\n`;
}

function tsconfig(up) {
  return `{
  "extends": "${up}/tsconfig.base.json",
  "compilerOptions": { "noEmit": true, "rootDir": "${up}" },
  "include": ["src/**/*.ts"]
}
`;
}

function tsconfigBuild(up) {
  return `{
  "extends": "${up}/tsconfig.base.json",
  "compilerOptions": {
    "outDir": "dist",
    "rootDir": "src",
    "paths": {},
    "types": ["node"]
  },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.test.ts"]
}
`;
}

function pluginSource({ plugin, args, label, constant }) {
  return `import {
  MAX_CLUSTER_SCORE,
  parseWith,
  type Binding,
  type Cluster,
  type CycleState,
  type PluginRegistration,
  type ScorePlugin,
} from '@lifeboat/core';
import { z } from 'zod';

/** The name profiles enable the plugin by. */
export const ${constant}_NAME = '${plugin}';

/** Args of {@link ${plugin}}: the label to read, and the value that scores 0. */
export const ${args} = z.strictObject({
  label: z.string().min(1).default('${label}'),
  max: z.number().positive().default(10),
});

/**
 * Prefers clusters with a lower value of a label: 0 scores 100, \`max\` or more (or no label, or
 * a value that is not a number) scores 0. Change \`score\` to what your plugin ranks by; add
 * \`filter\` (and \`FilterPlugin\`) to reject clusters.
 */
export class ${plugin} implements ScorePlugin {
  readonly name = ${constant}_NAME;

  constructor(private readonly args: z.output<typeof ${args}>) {}

  score(_state: CycleState, _binding: Binding, cluster: Cluster): number {
    const value = Number(cluster.metadata.labels?.[this.args.label] ?? this.args.max);
    const bounded = Math.min(
      Math.max(Number.isFinite(value) ? value : this.args.max, 0),
      this.args.max,
    );
    return Math.round(MAX_CLUSTER_SCORE * (1 - bounded / this.args.max));
  }

  /** The score reads the cluster's label only: bindings may share it. */
  equivalenceKey(): string {
    return this.args.label;
  }
}

/** Bad args are a \`ValidationError\` the framework reports at \`pluginConfig[i].args.<field>\`. */
export const ${camelOf(plugin)}Registration: PluginRegistration = {
  name: ${constant}_NAME,
  factory: (args) => new ${plugin}(parseWith(${args}, args ?? {})),
};
`;
}

/** `label` as an object key, quoted only when it must be (as Prettier writes it). */
function key(label) {
  return /^[A-Za-z_$][\w$]*$/.test(label) ? label : `'${label}'`;
}

function camelOf(plugin) {
  return plugin.charAt(0).toLowerCase() + plugin.slice(1);
}

function pluginTest({ plugin, file, label }) {
  const registration = `${camelOf(plugin)}Registration`;
  return `import {
  describePluginConformance,
  makeBinding,
  makeCluster,
  scheduleOnce,
} from '@lifeboat/core/testing';
import { ${registration} } from './${file}';

// Core's kit: construction, args refused at their field path, legal statuses, scores in range,
// and the same results with and without sharing on seeded generated fleets.
describePluginConformance(${registration}, {
  validArgs: [undefined, { label: '${label}', max: 4 }],
  invalidArgs: [
    { args: { max: 0 }, path: 'max' },
    { args: { label: '' }, path: 'label' },
  ],
  fleet: { labels: { ${key(label)}: ['0', '3', '7', '12', 'none'] } },
});

describe('${plugin} in a scheduling cycle', () => {
  it('places the replicas on the cluster with the lowest ${label}', async () => {
    const { placement, explanation } = await scheduleOnce({
      registrations: [${registration}],
      profile: { schedulerName: 'test', plugins: { score: { enabled: [{ name: '${plugin}' }] } } },
      clusters: [
        makeCluster('m1').labels({ ${key(label)}: '5' }).build(),
        makeCluster('m2').labels({ ${key(label)}: '1' }).build(),
      ],
      binding: makeBinding('web', { replicas: 2 }),
    });
    expect(placement).toEqual({ m2: 2 });
    expect(explanation).toBe('placed by TopRanked: m2=2; ranking m2 90, m1 50');
  });
});
`;
}

function indexSource({ plugin, file, args, constant }) {
  const registration = `${camelOf(plugin)}Registration`;
  return `import type { PluginRegistration } from '@lifeboat/core';
import { ${registration} } from './${file}';

export { ${plugin}, ${constant}_NAME, ${args}, ${registration} } from './${file}';

/** Every plugin of this package, as scenario files' \`spec.plugins\` and the controller's \`plugins\` load them. */
export const plugins: readonly PluginRegistration[] = [${registration}];
`;
}

function readme({ packageName, plugin, label }) {
  return `# ${packageName}

The \`${plugin}\` scheduler plugin for Lifeboat (generated by \`nx g
./tools/generators/generators.json:plugin-package\`): a score that prefers clusters with a lower
\`${label}\` label. Args: \`label\` (default \`${label}\`) and \`max\` (default 10; that value or
more scores 0).

\`\`\`ts
import { registerAll, SCHEDULER_PLUGINS } from '@lifeboat/core';
import { plugins } from '${packageName}';

registerAll(
  child,
  SCHEDULER_PLUGINS,
  plugins.map((plugin) => ({ useValue: plugin })),
);
\`\`\`

Then enable \`${plugin}\` at \`score\` in the profile (\`mergeProfiles\` into the flavour's), or name
the package in a scenario's \`spec.plugins\` or the controller config's \`plugins\`. The tests run
\`@lifeboat/core/testing\`'s plugin conformance kit; see
docs/guides/writing-a-scheduling-plugin.md in the Lifeboat repository.
`;
}

function changeset({ packageName, plugin }) {
  return `---
'${packageName}': minor
---

The \`${plugin}\` scheduler plugin: a score that prefers clusters with a lower label value, with its args validated at their field paths.
`;
}

/**
 * @param {import('nx/src/generators/tree').Tree} tree
 * @param {{ name: string, directory?: string, packageName?: string, label?: string }} options
 */
module.exports = function pluginPackageGenerator(tree, options) {
  const name = options.name;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name ?? ''))
    throw new Error(`name: "${name}" must be kebab-case, e.g. cost-aware`);
  const directory = options.directory ?? `packages/plugin-${name}`;
  if (tree.exists(path.posix.join(directory, 'package.json')))
    throw new Error(`directory: ${directory} already holds a package`);
  const packageName = options.packageName ?? `@lifeboat/plugin-${name}`;
  const label = options.label ?? 'cost';
  const plugin = pascal(name);
  const args = `${camel(name)}Args`;
  const up = directory
    .split('/')
    .filter(Boolean)
    .map(() => '..')
    .join('/');
  const core = readJson(tree, 'packages/core/package.json');
  const constant = name.replace(/-/g, '_').toUpperCase();
  const values = { packageName, plugin, args, label, file: name, core, constant };
  const files = {
    'package.json': packageJson(values),
    'tsconfig.json': tsconfig(up),
    'tsconfig.build.json': tsconfigBuild(up),
    'jest.config.js': `module.exports = require('${up}/jest.preset.js')(__dirname);\n`,
    'README.md': readme(values),
    'src/index.ts': indexSource(values),
    [`src/${name}.ts`]: pluginSource(values),
    [`src/${name}.test.ts`]: pluginTest(values),
  };
  for (const [file, content] of Object.entries(files))
    tree.write(path.posix.join(directory, file), content);
  tree.write(`.changeset/${path.posix.basename(directory)}-initial.md`, changeset(values));
  return () => {
    console.log(`Created ${packageName} in ${directory}: run npm install to link it, then`);
    console.log(`npx nx run ${packageName}:test`);
  };
};
