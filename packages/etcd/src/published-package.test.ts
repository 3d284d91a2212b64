import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Installs the packed tarballs of core and this package into an empty project outside the
// repository and compiles and runs a consumer against them: what users install is what is tested.
describe('the published @lifeboat/etcd package', () => {
  it('loads with require and its types resolve under tsc when installed from a tarball beside core', () => {
    const script = path.join(__dirname, '..', '..', '..', 'tools', 'pack-check.js');
    let output: string;
    try {
      output = execFileSync(process.execPath, [script, 'core', 'etcd'], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const result = JSON.parse(output.trim().split('\n').pop() as string);
    expect(result).toMatchObject({ ok: true, packages: ['core', 'etcd'] });
    expect(result.exports.etcd).toBeGreaterThanOrEqual(10);
  }, 180_000);
});
