import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEDULER, VirtualClock, registerCore, resolve } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { container } from 'tsyringe';
import { runCli } from '../run-cli';
import { readControllerConfig, type ControllerConfig } from './controller-config';
import { registerControllerFlavor } from './register-controller-flavor';

// `lifeboat controller --config` names plugin modules and profile changes as a scenario does:
// loaded relative to the config file, checked against the flavour before any election, and
// registered after the flavour in every term's container.
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-controller-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configs = join(dir, 'etc');
mkdirSync(join(configs, 'plugins'), { recursive: true });
copyFileSync(
  join(__dirname, '..', '..', '..', '..', 'examples', 'plugins', 'cost-aware.js'),
  join(configs, 'plugins', 'cost-aware.js'),
);

function config(name: string, text: string): string {
  const file = join(configs, name);
  writeFileSync(file, text);
  return file;
}

const COST_AWARE = `plugins: [./plugins/cost-aware.js]
schedulerProfile:
  plugins: {score: {enabled: [{name: CostAware, weight: 2}]}}
  pluginConfig: [{name: CostAware, args: {label: cost, maxCost: 10}}]
`;

/** Where the controller's scheduler, composed from `config`, puts a one-cluster workload. */
async function placementWith(controllerConfig: ControllerConfig): Promise<unknown> {
  const child = container.createChildContainer();
  try {
    registerCore(child, { clock: new VirtualClock(0) });
    registerControllerFlavor(child, 'karmada', controllerConfig);
    const clusters = [
      makeCluster('member1').labels({ cost: '5' }).ready().build(),
      makeCluster('member2').labels({ cost: '1' }).ready().build(),
      makeCluster('member3').labels({ cost: '3' }).ready().build(),
    ];
    const binding = makeBinding('web', {
      replicas: 2,
      placement: {
        spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }],
        replicaScheduling: { type: 'Duplicated' },
      },
    });
    const result = await resolve(child, SCHEDULER).schedule(binding, clusters, 0);
    return result.ok ? result.clusters : result.status.message();
  } finally {
    await child.dispose();
  }
}

describe('lifeboat controller --config with scheduler plugins', () => {
  it('loads the modules beside the config file, and the plugin changes where the controller places', async () => {
    // Read from another working directory: the module path is the config file's, not the cwd's.
    const withPlugin = await readControllerConfig(config('cost.yaml', COST_AWARE), 'karmada');
    expect(withPlugin.extensions.plugins?.map((p) => p.name)).toEqual(['CostAware']);
    expect(await placementWith(withPlugin)).toEqual([{ name: 'member2', replicas: 2 }]);
    // Without it the clusters tie and the first by name wins.
    const without = await readControllerConfig(
      config('plain.yaml', 'probeTimeout: 5s\n'),
      'karmada',
    );
    expect(without.extensions).toEqual({ plugins: [] });
    expect(await placementWith(without)).toEqual([{ name: 'member1', replicas: 2 }]);
  });

  it('accepts the same plugins for the Clusternet flavour', async () => {
    const loaded = await readControllerConfig(config('clusternet.yaml', COST_AWARE), 'clusternet');
    expect(loaded.extensions.schedulerProfile?.plugins?.score?.enabled).toEqual([
      { name: 'CostAware', weight: 2 },
    ]);
  });

  const notAPlugin = config('plugins/not-a-plugin.js', 'exports.plugin = {};\n');
  it.each([
    [
      'a missing module',
      'plugins: [./plugins/nope.js]\n',
      ['plugins[0]: cannot find module "./plugins/nope.js"'],
    ],
    [
      'a module without a plugins export',
      `plugins: [${notAPlugin}]\n`,
      [
        `plugins[0]: "${notAPlugin}" does not export "plugins"; a plugin module exports \`plugins\` (named, or on its default export): an array of { name, factory }`,
      ],
    ],
    [
      'plugins that is not a list',
      'plugins: ./plugins/cost-aware.js\n',
      [expect.stringMatching(/^plugins: must be a list of module names/)],
    ],
    [
      'a misspelled extension point',
      'plugins: [./plugins/cost-aware.js]\nschedulerProfile: {plugins: {socre: {enabled: [{name: CostAware}]}}}\n',
      [expect.stringMatching(/^schedulerProfile\.plugins\.socre: unknown extension point "socre"/)],
    ],
    [
      'a plugin nobody registered',
      'schedulerProfile: {plugins: {score: {enabled: [{name: CostAware}]}}}\n',
      [
        expect.stringMatching(
          /^schedulerProfile\.plugins\.score\.enabled\[0\]\.name: no plugin "CostAware" is registered/,
        ),
      ],
    ],
    [
      'args the plugin refuses',
      'plugins: [./plugins/cost-aware.js]\nschedulerProfile:\n  plugins: {score: {enabled: [{name: CostAware}]}}\n  pluginConfig: [{name: CostAware, args: {maxCost: -1}}]\n',
      ['schedulerProfile.pluginConfig[0].args: maxCost must be > 0'],
    ],
    [
      'a profile of the wrong shape',
      'schedulerProfile: {plugins: {score: {enabled: [{name: CostAware, weight: 0}]}}, extra: 1}\n',
      [
        'schedulerProfile.extra: unknown field "extra"',
        expect.stringMatching(
          /^schedulerProfile\.plugins\.score\.enabled\[0\]\.weight: weights are positive/,
        ),
      ],
    ],
  ])('refuses %s with exit code 2, naming the field', async (_case, text, lines) => {
    const file = config('bad.yaml', text);
    let stderr = '';
    const code = await runCli(
      [
        'node',
        'lifeboat',
        'controller',
        '--etcd',
        'http://127.0.0.1:9',
        '--flavor',
        'karmada',
        '--config',
        file,
      ],
      { out: () => undefined, err: (t) => void (stderr += t) },
    );
    const reported = stderr.trimEnd().split('\n');
    // Every problem names the config file first, then the field.
    for (const line of reported) expect(line.startsWith(`${file}: `)).toBe(true);
    const fields = reported.map((line) => line.slice(file.length + 2)).sort();
    expect({ code, lines: fields }).toEqual({ code: 2, lines });
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
