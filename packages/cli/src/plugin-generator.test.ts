import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// tools/generators' plugin-package generator, run by `nx g` in a scratch Lifeboat workspace
// (the repository's node_modules and core linked in): it creates a package whose typecheck,
// formatting and tests (core's plugin kit) pass as generated.
const root = join(__dirname, '..', '..', '..');
const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);
const workspace = mkdtempSync(join(tmpdir(), 'lifeboat-generator-'));

function run(command: string, args: readonly string[], cwd = workspace): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        CI: 'true',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, {
      cause: error,
    });
  }
}

const generate = (...args: string[]) =>
  run(process.execPath, [
    bin('nx', 'dist/bin/nx.js'),
    'g',
    join(root, 'tools', 'generators', 'generators.json:plugin-package'),
    ...args,
    '--no-interactive',
  ]);

beforeAll(() => {
  symlinkSync(join(root, 'node_modules'), join(workspace, 'node_modules'));
  mkdirSync(join(workspace, 'packages'));
  symlinkSync(join(root, 'packages', 'core'), join(workspace, 'packages', 'core'));
  for (const file of ['nx.json', 'tsconfig.base.json', 'jest.preset.js', '.prettierrc.json'])
    copyFileSync(join(root, file), join(workspace, file));
  // A copy, not a link: the reporter writes its counts beside itself, outside the repository.
  mkdirSync(join(workspace, 'tools', 'jest'), { recursive: true });
  copyFileSync(
    join(root, 'tools', 'jest', 'count-reporter.js'),
    join(workspace, 'tools', 'jest', 'count-reporter.js'),
  );
  writeFileSync(
    join(workspace, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, workspaces: ['packages/*'] }),
  );
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('nx g tools/generators plugin-package', () => {
  it('creates a plugin package whose typecheck, formatting and kit tests pass', () => {
    const output = generate('demo-score', '--label', 'price');
    const pkg = join(workspace, 'packages', 'plugin-demo-score');
    const files = [
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'jest.config.js',
      'README.md',
      'src/index.ts',
      'src/demo-score.ts',
      'src/demo-score.test.ts',
    ];
    for (const file of files) expect(output).toContain(`CREATE packages/plugin-demo-score/${file}`);
    expect(output).toContain('CREATE .changeset/plugin-demo-score-initial.md');
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@lifeboat/plugin-demo-score',
      peerDependencies: { '@lifeboat/core': '>=0.1.0 <1.0.0' },
    });
    expect(
      readFileSync(join(workspace, '.changeset', 'plugin-demo-score-initial.md'), 'utf8'),
    ).toMatch(
      /^---\n'@lifeboat\/plugin-demo-score': minor\n---\n\nThe `DemoScore` scheduler plugin/,
    );
    expect(readFileSync(join(pkg, 'src', 'demo-score.ts'), 'utf8')).toContain(
      "label: z.string().min(1).default('price')",
    );

    run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'], pkg);
    run(process.execPath, [
      bin('prettier', 'bin/prettier.cjs'),
      '--check',
      'packages',
      '.changeset',
    ]);
    run(process.execPath, [bin('jest', 'bin/jest.js'), '--ci'], pkg);
    const counts = JSON.parse(
      readFileSync(join(workspace, '.test-results', 'plugin-demo-score.json'), 'utf8'),
    );
    // The kit's five cases and the scheduling cycle, all passed (the reporter counts them).
    expect(counts).toEqual({ passed: 6, failed: 0, skipped: 0 });
  }, 600_000);

  it('refuses a name that is not kebab-case, and a directory that holds a package', () => {
    expect(() => generate('CostAware')).toThrow(/'CostAware' should match the pattern/);
    expect(() => generate('demo-score')).toThrow(
      /directory: packages\/plugin-demo-score already holds a package/,
    );
  }, 300_000);
});
