import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Every published package, packed and installed together into an empty project outside the
// repository: each loads with `require`, its types resolve under tsc, and the installed
// `lifeboat` binary runs the Karmada seed scenario. What users install is what gets tested.
const PUBLISHED = ['core', 'karmada', 'clusternet', 'simulator', 'etcd', 'kubernetes', 'cli'];

describe('the published packages', () => {
  it('install from tarballs, load with require, typecheck, and the lifeboat binary runs', () => {
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
  }, 300_000);
});
