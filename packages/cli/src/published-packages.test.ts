import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Every published package, packed and installed together into an empty project outside the
// repository: each loads with `require`, its types resolve under tsc, and the installed
// `lifeboat` binary runs the Karmada seed scenario. Then, per flavour, a project with only core,
// the simulator and that flavour (no CLI, no etcd3) runs the flavour's seed scenario from code.
// What users install is what gets tested.
const PUBLISHED = ['core', 'karmada', 'clusternet', 'simulator', 'etcd', 'kubernetes', 'cli'];

describe('the published packages', () => {
  it('install from tarballs, load with require, typecheck, the lifeboat binary runs, and each flavour simulates from code without the CLI', () => {
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
  }, 600_000);
});
