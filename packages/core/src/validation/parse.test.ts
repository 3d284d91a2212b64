import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { formatPath, parseWith, zodIssues } from './parse';

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
      { path: 'spec.tags[1]', message: 'Invalid input: expected string, received number' },
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
