import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Every published package, packed and installed together into an empty project outside the
// repository: each loads with `require`, its types resolve under tsc, and the installed
// `lifeboat` binary runs the Karmada seed scenario. Then, per flavour, a project with only core,
// the simulator and that flavour (no CLI, no etcd3) runs the flavour's seed scenario from code.
// Then the example projects (examples/cost-aware-plugin, examples/custom-controller) are
// installed from the same tarballs, built and run. What users install is what gets tested.
const PUBLISHED = ['core', 'karmada', 'clusternet', 'simulator', 'etcd', 'kubernetes', 'cli'];

describe('the published packages', () => {
  it('install from tarballs, load with require, typecheck, the lifeboat binary runs, each flavour simulates from code without the CLI, and the example projects build and run', () => {
    const script = path.join(__dirname, '..', '..', '..', 'tools', 'pack-check.js');
    let output: string;
    try {
      output = execFileSync(process.execPath, [script, ...PUBLISHED], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const result = JSON.parse(output.trim().split('\n').pop() as string);
    expect(result).toMatchObject({ ok: true, packages: PUBLISHED });
    for (const name of PUBLISHED) expect(result.exports[name]).toBeGreaterThan(0);
    // The seeds' outcomes: every workload re-placed off the failed member1, all replicas ready.
    expect(result.simulatedFromCode).toEqual({
      karmada: { 'default/foo': { member2: 2 } },
      clusternet: {
        'default/web': { member2: 3, member3: 1 },
        'default/worker': { member2: 1, member3: 2 },
      },
    });
    // The plugin package's own tests (core's kit under node:test: 2 plugins x 5 cases, and 2
    // scheduleOnce cases) ran against the tarballs and passed.
    expect(result.examples['cost-aware-plugin']).toEqual({ pass: 12, fail: 0 });
    // The custom controller: Clusternet's heartbeat detection, Karmada's taints and graceful
    // eviction, the installed plugin package's CostAware and Frozen: web starts on member1 (the
    // cheapest not frozen), moves to member3 (cheaper than member2) once member1 goes Unknown.
    const controller = result.examples['custom-controller'];
    expect(controller.detected).toContain('member1 Unknown ClusterStatusUnknown');
    expect(controller.taints).toEqual([
      'member1 cluster.karmada.io/unreachable:NoSchedule',
      'member1 cluster.karmada.io/unreachable:NoExecute',
    ]);
    expect(controller.workloads).toEqual([
      {
        workload: 'default/web',
        scheduled: [{ member1: 2 }, { member3: 2 }],
        evictions: ['EvictionStarted member1 Gracefully', 'EvictionCompleted member1'],
        final: { member3: 2 },
        readyReplicas: 2,
      },
    ]);
  }, 1_800_000);
});
