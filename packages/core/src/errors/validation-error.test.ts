import { ValidationError, formatIssue } from './validation-error';

describe('ValidationError', () => {
  it('lists every issue, one per line, each with its path', () => {
    const error = new ValidationError([
      { path: 'spec.replicas', message: 'must be >= 0' },
      { path: '', message: 'document is empty' },
      { path: 'spec.events[3].cluster', message: 'unknown cluster "x"' },
    ]);
    expect(error.name).toBe('ValidationError');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      'spec.replicas: must be >= 0\ndocument is empty\nspec.events[3].cluster: unknown cluster "x"',
    );
  });

  it('at() makes a single-issue error', () => {
    const error = ValidationError.at('featureGates.X', 'unknown feature gate "X"');
    expect(error.issues).toEqual([{ path: 'featureGates.X', message: 'unknown feature gate "X"' }]);
    expect(error.message).toBe('featureGates.X: unknown feature gate "X"');
  });

  it('inFile() names the file on every problem that names none, and keeps the original as cause', () => {
    const original = new ValidationError([
      { path: 'spec.seed', message: 'required' },
      { path: '', message: 'm', file: 'other.yaml' },
    ]);
    const error = original.inFile('scenario.yaml');
    expect(error.message).toBe('scenario.yaml: spec.seed: required\nother.yaml: m');
    expect(error.cause).toBe(original);
  });

  it('keeps a cause', () => {
    const cause = new Error('yaml: bad indent');
    expect(new ValidationError([{ path: 'a', message: 'b' }], { cause }).cause).toBe(cause);
  });

  it.each([
    { issue: { path: 'a.b', message: 'm' }, want: 'a.b: m' },
    { issue: { path: '', message: 'm' }, want: 'm' },
    { issue: { path: 'a', message: 'm', file: 'x.yaml' }, want: 'x.yaml: a: m' },
    {
      issue: { path: '', message: 'm', file: 'x.yaml', line: 5, column: 3 },
      want: 'x.yaml:5:3: m',
    },
    { issue: { path: '', message: 'm', line: 5, column: 3 }, want: 'line 5, column 3: m' },
  ])('formatIssue($issue.path) is "$want"', ({ issue, want }) => {
    expect(formatIssue(issue)).toBe(want);
  });
});
