import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// Every ```ts block of docs/guides compiles against the workspace sources, with the tsconfig
// the installing guide tells users to write: the guides cannot drift from the API.
const root = join(__dirname, '..', '..', '..');
const guides = join(root, 'docs', 'guides');

interface Block {
  readonly guide: string;
  readonly line: number;
  readonly lang: string;
  readonly text: string;
}

function blocks(file: string): Block[] {
  const found: Block[] = [];
  const lines = readFileSync(join(guides, file), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
    found.push({
      guide: file,
      line: start + 1,
      lang: open[1] ?? '',
      text: lines.slice(start, i + 1).join('\n'),
    });
    i++;
  }
  return found;
}

const files = readdirSync(guides).filter((f) => f.endsWith('.md'));
const all = files.flatMap(blocks);
const code = all.filter((b) => b.lang === 'ts');
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

describe('the guides in docs/guides', () => {
  it('are the three of issue 12, each with TypeScript to compile', () => {
    expect(files.sort()).toEqual([
      'composing-a-failover-controller.md',
      'installing-the-packages.md',
      'writing-a-scheduling-plugin.md',
    ]);
    for (const guide of ['writing-a-scheduling-plugin.md', 'composing-a-failover-controller.md'])
      expect(code.filter((b) => b.guide === guide).length).toBeGreaterThanOrEqual(3);
  });

  it("compile, every ts block, with the installing guide's tsconfig (and a broken block fails)", () => {
    const tsconfig = all.find((b) => b.guide === 'installing-the-packages.md' && b.lang === 'json');
    const compilerOptions = JSON.parse(tsconfig?.text ?? '{}').compilerOptions;
    expect(compilerOptions).toMatchObject({
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      module: 'node20',
    });
    const dir = mkdtempSync(join(root, '.guide-check-'));
    try {
      const names = code.map((b) => `${b.guide.replace(/\.md$/, '')}.line-${b.line}.ts`);
      code.forEach((b, i) => writeFileSync(join(dir, names[i] as string), `${b.text}\n`));
      // The control: proves the check reads the files and fails on a type error.
      writeFileSync(join(dir, 'control.ts'), "const n: number = 'not a number';\nexport { n };\n");
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            ...compilerOptions,
            noEmit: true,
            // Users resolve @lifeboat/* from node_modules; here they are the workspace sources.
            baseUrl: root,
            paths: base.paths,
            types: ['node', 'jest'],
            typeRoots: [join(root, 'node_modules', '@types')],
          },
          include: ['*.ts'],
        }),
      );
      let output = '';
      try {
        execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], {
          encoding: 'utf8',
        });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      const failing = [...output.matchAll(/^(.*?\.ts)\(\d+,\d+\): error/gm)].map((m) =>
        basename(m[1] ?? ''),
      );
      const inGuides = failing.filter((f) => f !== 'control.ts');
      expect({ inGuides, output: inGuides.length ? output : '' }).toEqual({
        inGuides: [],
        output: '',
      });
      expect(failing).toContain('control.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
