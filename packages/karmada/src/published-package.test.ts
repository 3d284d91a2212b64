import { execFileSync } from 'node:child_process';
import path from 'node:path';

const packageDir = path.join(__dirname, '..');
const repoRoot = path.join(packageDir, '..', '..');

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// What users install is what is tested: build this package from the current sources, pack it,
// and let the workspace's pack-check install the tarballs (with core's) into an empty project
// outside the repository, then compile and run a consumer against them.
describe('the published @lifeboat/karmada package', () => {
  beforeAll(() => {
    run('npm', ['run', 'build'], packageDir);
  }, 180_000);

  it('ships the build and the test doubles, and neither tests, scenarios nor TLS fixtures', () => {
    const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], packageDir)) as [{ files: { path: string }[] }];
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'README.md', 'package.json']));
    expect(files.filter((f) => /\.test\.|scenarios\/|fixtures\/|\.pem$|CORE-REQUESTS/.test(f))).toEqual([]);
  }, 60_000);

  it('loads with require and its types resolve under tsc when installed from a tarball beside core', () => {
    let output: string;
    try {
      output = run(process.execPath, [path.join(repoRoot, 'tools', 'pack-check.js'), 'core', 'karmada'], repoRoot);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const result = JSON.parse(output.trim().split('\n').pop() as string);
    expect(result).toMatchObject({ ok: true, packages: ['core', 'karmada'] });
    expect(result.exports.karmada).toBeGreaterThan(80);
  }, 180_000);
});
