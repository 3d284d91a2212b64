import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ExitCode } from './exit-codes';
import { runCli } from './run-cli';

// Property: whatever a user (or an attacker) feeds `lifeboat validate`, derived from the shipped
// examples by random edits, the CLI answers 0 (accepted) or 2 (refused, with field paths), never
// a crash or a stack trace, never echoes more than a short excerpt of what it was given, and
// stays within memory. Bounded: a fixed number of runs with a fixed seed, in process.

const examplesDir = join(__dirname, '..', '..', '..', 'examples');
// The hand-written examples; the generated 1,000-workload one would make each run slow without
// adding shapes the others lack.
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'))
  .filter((text) => text.length < 64 * 1024)
  .map((text) => parse(text) as unknown);

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Path = readonly (string | number)[];

/** Every path to a value inside `value` (objects and arrays walked, capped for the big example). */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 4000) return out;
  out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 20).forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const HUGE = 'x'.repeat(2 * 1024 * 1024);

/** Values a mutation may put anywhere: wrong types, extremes, and huge or hostile strings. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -1,
    1e9,
    1e308,
    -1e-9,
    Number.MAX_SAFE_INTEGER,
    null,
    true,
    '',
    '0s',
    '-5m',
    '999999h',
    '1e-6',
    '1x',
    HUGE,
    'cpu=-1',
    '../../etc/passwd',
    '{}',
  ),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'unknown-field'; at: number; name: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('unknown-field' as const),
    at: fc.nat(),
    name: fc.string({ minLength: 1, maxLength: 8 }),
  }),
);

function apply(document: unknown, m: Mutation): unknown {
  const copy = structuredClone(document);
  const all = paths(copy).filter((p) => p.length > 0);
  const path = all[m.at % all.length];
  if (!path) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target))
      (target as Record<string, unknown>)[m.name] = 1;
  }
  return copy;
}

/** Text-level damage: cut the file short, or splice in YAML syntax. */
const textDamage = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '*nowhere',
      '&a [*a]',
      ': :',
      '[',
      '{',
      '\t',
      '"',
      '!!binary x',
      '<<: *a',
    ),
  }),
);

async function validate(text: string): Promise<{ code: ExitCode; err: string; out: string }> {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  let out = '';
  let err = '';
  const code = await runCli(['node', 'lifeboat', 'validate', file], {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, err, out };
}

function checkAnswer({ code, err }: { code: ExitCode; err: string }): void {
  expect([ExitCode.Success, ExitCode.InvalidInput]).toContain(code);
  // A stack frame line ("    at fn (file.js:1:2)") means an error escaped unhandled.
  expect(err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  // Excerpts only: the 2 MiB value must never come back whole.
  expect(err.length).toBeLessThan(64 * 1024);
  expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
}

describe('lifeboat validate on randomly damaged examples', () => {
  it('answers 0 or 2 to structural edits, never a stack trace or an echo of the whole value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: examples.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (which, mutations) => {
          const document = mutations.reduce((d, m) => apply(d, m), examples[which]);
          checkAnswer(await validate(stringify(document)));
        },
      ),
      { numRuns: 300, seed: 20261202 },
    );
  }, 120_000);

  it('answers 0 or 2 to damaged YAML text', async () => {
    const texts = examples.map((e) => stringify(e));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: texts.length - 1 }), textDamage, async (which, damage) => {
        const text = texts[which] ?? '';
        const at = damage.at % Math.max(1, text.length);
        const damaged =
          damage.kind === 'cut'
            ? text.slice(0, at)
            : text.slice(0, at) + damage.text + text.slice(at);
        checkAnswer(await validate(damaged));
      }),
      { numRuns: 200, seed: 20261202 },
    );
  }, 120_000);

  it('refuses an alias bomb with exit 2 and no stack trace', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const previous = i === 0 ? 'a' : ['b', 'c', 'd', 'e'][i - 1];
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const answer = await validate(`${levels.join('\n')}\n`);
    expect(answer.code).toBe(ExitCode.InvalidInput);
    expect(answer.err).toMatch(/alias/i);
    checkAnswer(answer);
  });
});
