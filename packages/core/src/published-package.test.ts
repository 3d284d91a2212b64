import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Installs the packed tarball into an empty project outside the repository and compiles and runs
// a consumer against it: what users install is what gets tested.
describe('the published @lifeboat/core package', () => {
  it('loads with require and its types resolve under tsc when installed from a tarball', () => {
    const script = path.join(__dirname, '..', '..', '..', 'tools', 'pack-check.js');
    let output: string;
    try {
      output = execFileSync(process.execPath, [script, 'core'], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const result = JSON.parse(output.trim().split('\n').pop() as string);
    expect(result).toMatchObject({ ok: true, packages: ['core'] });
    expect(result.exports.core).toBeGreaterThan(50);
  }, 180_000);
});
