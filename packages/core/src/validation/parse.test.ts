import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { checkWith, formatPath, parseWith, zodIssues } from './parse';

describe('formatPath', () => {
  it.each<{ name: string; path: PropertyKey[]; base?: string; want: string }>([
    {
      name: 'fields joined by dots',
      path: ['spec', 'placement', 'replicaScheduling'],
      want: 'spec.placement.replicaScheduling',
    },
    {
      name: 'list items in brackets',
      path: ['spec', 'events', 3, 'cluster'],
      want: 'spec.events[3].cluster',
    },
    { name: 'nested list items', path: ['matrix', 0, 1], want: 'matrix[0][1]' },
    { name: 'under a base', path: ['weight'], base: 'profiles[0]', want: 'profiles[0].weight' },
    { name: 'an index directly under a base', path: [2], base: 'items', want: 'items[2]' },
    { name: 'nothing', path: [], want: '' },
    { name: 'nothing under a base is the base', path: [], base: 'spec', want: 'spec' },
  ])('$name', ({ path, base, want }) => {
    expect(formatPath(path, base)).toBe(want);
  });
});

describe('parseWith', () => {
  const schema = z.strictObject({
    name: z.string().min(1),
    replicas: z.number().int().nonnegative(),
    tags: z.array(z.string()).optional(),
  });

  it('returns the parsed value', () => {
    expect(parseWith(schema, { name: 'a', replicas: 2 })).toEqual({ name: 'a', replicas: 2 });
  });

  it('throws one ValidationError listing every problem with its path', () => {
    let caught: unknown;
    try {
      parseWith(schema, { name: '', replicas: -1, tags: ['ok', 7], colour: 'red' }, 'spec');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      { path: 'spec.name', message: 'Too small: expected string to have >=1 characters' },
      { path: 'spec.replicas', message: 'Too small: expected number to be >=0' },
      { path: 'spec.tags[1]', message: 'expected string, got 7' },
      { path: 'spec.colour', message: 'unknown field "colour"' },
    ]);
  });

  it('reports each unknown key separately', () => {
    const result = schema.safeParse({ name: 'a', replicas: 1, x: 1, y: 2 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssues(result.error)).toEqual([
      { path: 'x', message: 'unknown field "x"' },
      { path: 'y', message: 'unknown field "y"' },
    ]);
  });
});

describe('checkWith', () => {
  const schema = z.strictObject({
    seed: z.number().int().optional(),
    name: z.string(),
    purgeMode: z.enum(['Directly', 'Gracefully']).optional(),
    cluster: z.strictObject({
      region: z.string().optional(),
      capacity: z.string({ error: 'a quantity string' }).optional(),
    }),
    labels: z.record(z.string(), z.string()).optional(),
    etcd: z.strictObject({ password: z.string().optional() }).optional(),
  });
  const check = (input: unknown) => {
    const result = checkWith(schema, input, 'spec');
    return result.success ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
  };
  const valid = { name: 'a', cluster: {} };

  it('returns the parsed value', () => {
    expect(checkWith(schema, valid)).toEqual({ success: true, data: valid });
  });

  it.each<{ name: string; input: object; want: string }>([
    {
      name: 'an unknown field near a known one suggests it',
      input: { ...valid, sed: 1 },
      want: 'spec.sed: unknown field "sed"; did you mean "seed"?',
    },
    {
      name: 'an unknown field in a nested object suggests that object’s field',
      input: { ...valid, cluster: { regoin: 'eu' } },
      want: 'spec.cluster.regoin: unknown field "regoin"; did you mean "region"?',
    },
    {
      name: 'an unknown field near nothing only says it is unknown',
      input: { ...valid, colour: 'red' },
      want: 'spec.colour: unknown field "colour"',
    },
    { name: 'a missing field is required', input: { cluster: {} }, want: 'spec.name: required' },
    {
      name: 'a type error shows the value',
      input: { ...valid, seed: 'seven' },
      want: 'spec.seed: expected number, got "seven"',
    },
    {
      name: 'a type error shows a mapping as a mapping',
      input: { ...valid, name: { a: 1 } },
      want: 'spec.name: expected string, got a mapping',
    },
    {
      name: 'a long value is cut to an excerpt',
      input: { ...valid, seed: 'x'.repeat(10_000) },
      want: `spec.seed: expected number, got "${'x'.repeat(32)}…"`,
    },
    {
      name: 'a misspelled option suggests the option',
      input: { ...valid, purgeMode: 'Gracefuly' },
      want: 'spec.purgeMode: Invalid option: expected one of "Directly"|"Gracefully", got "Gracefuly"; did you mean "Gracefully"?',
    },
    {
      name: 'a numeric label value is explained',
      input: { ...valid, labels: { tier: 1 } },
      want: 'spec.labels.tier: got 1, but labels values are strings (Kubernetes refuses a number or a boolean there); quote it: "1"',
    },
    {
      name: 'a schema’s own message is kept, with the value',
      input: { ...valid, cluster: { capacity: 5 } },
      want: 'spec.cluster.capacity: a quantity string (got 5)',
    },
    {
      name: 'a credential is never echoed',
      input: { ...valid, etcd: { password: 12345 } },
      want: 'spec.etcd.password: expected string, got a number',
    },
  ])('$name', ({ input, want }) => {
    expect(check(input)).toEqual([want]);
  });
});
