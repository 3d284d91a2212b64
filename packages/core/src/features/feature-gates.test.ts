import { ValidationError } from '../errors/validation-error';
import { FeatureGates } from './feature-gates';

const known = {
  Failover: { default: true, stage: 'Beta' as const },
  GracefulEviction: { default: true, stage: 'Beta' as const },
  PropagateDeps: { default: false, stage: 'Alpha' as const },
};
const gates = () => new FeatureGates(known);

function validationErrorOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

describe('FeatureGates', () => {
  it('starts from the defaults', () => {
    expect(gates().toJSON()).toEqual({
      Failover: true,
      GracefulEviction: true,
      PropagateDeps: false,
    });
    expect(gates().enabled('PropagateDeps')).toBe(false);
  });

  it.each<{
    name: string;
    settings: string | Record<string, unknown>;
    want: Record<string, boolean>;
  }>([
    {
      name: 'the Kubernetes list syntax',
      settings: 'Failover=false,PropagateDeps=true',
      want: { Failover: false, GracefulEviction: true, PropagateDeps: true },
    },
    {
      name: 'spaces around names, values and commas',
      settings: ' Failover = false , GracefulEviction=false ,',
      want: { Failover: false, GracefulEviction: false, PropagateDeps: false },
    },
    {
      name: 'an empty list',
      settings: '',
      want: { Failover: true, GracefulEviction: true, PropagateDeps: false },
    },
    {
      name: 'the object form with booleans',
      settings: { GracefulEviction: false, PropagateDeps: true },
      want: { Failover: true, GracefulEviction: false, PropagateDeps: true },
    },
    {
      name: 'the object form with "true"/"false" strings',
      settings: { Failover: 'false' },
      want: { Failover: false, GracefulEviction: true, PropagateDeps: false },
    },
    {
      name: 'the last setting of a gate wins',
      settings: 'PropagateDeps=true,PropagateDeps=false',
      want: { Failover: true, GracefulEviction: true, PropagateDeps: false },
    },
  ])('accepts $name', ({ settings, want }) => {
    const next = gates().with(settings);
    expect(next.toJSON()).toEqual(want);
    for (const [name, value] of Object.entries(want)) expect(next.enabled(name)).toBe(value);
  });

  it('returns a copy and leaves the original alone', () => {
    const original = gates();
    const next = original.with('Failover=false');
    expect(next).not.toBe(original);
    expect(original.enabled('Failover')).toBe(true);
    expect(next.enabled('Failover')).toBe(false);
    // A copy can be changed again.
    expect(next.with({ Failover: true }).enabled('Failover')).toBe(true);
  });

  it.each<{
    name: string;
    settings: string | Record<string, unknown>;
    path?: string;
    issues: { path: string; message: string }[];
  }>([
    {
      name: 'an unknown gate',
      settings: 'Failover=true,Teleport=true',
      issues: [
        {
          path: 'featureGates.Teleport',
          message:
            'unknown feature gate "Teleport"; known gates: Failover, GracefulEviction, PropagateDeps',
        },
      ],
    },
    {
      name: 'a value other than true or false',
      settings: 'Failover=yes',
      issues: [
        {
          path: 'featureGates.Failover',
          message: 'feature gate "Failover" must be true or false, got "yes"',
        },
      ],
    },
    {
      name: 'a gate without a value',
      settings: 'Failover',
      issues: [
        {
          path: 'featureGates.Failover',
          message: 'feature gate "Failover" must be true or false, got undefined',
        },
      ],
    },
    {
      name: 'a capitalised value (only true/false are accepted)',
      settings: 'Failover=True',
      issues: [
        {
          path: 'featureGates.Failover',
          message: 'feature gate "Failover" must be true or false, got "True"',
        },
      ],
    },
    {
      name: 'a non-boolean in the object form',
      settings: { PropagateDeps: 1 },
      issues: [
        {
          path: 'featureGates.PropagateDeps',
          message: 'feature gate "PropagateDeps" must be true or false, got 1',
        },
      ],
    },
    {
      name: 'several problems at once, each with its path under a custom base',
      settings: { Nope: true, Failover: 'maybe', GracefulEviction: false },
      path: 'controller.featureGates',
      issues: [
        {
          path: 'controller.featureGates.Nope',
          message:
            'unknown feature gate "Nope"; known gates: Failover, GracefulEviction, PropagateDeps',
        },
        {
          path: 'controller.featureGates.Failover',
          message: 'feature gate "Failover" must be true or false, got "maybe"',
        },
      ],
    },
  ])('rejects $name, naming it, and applies nothing', ({ settings, path, issues }) => {
    const original = gates().with('PropagateDeps=true');
    const error = validationErrorOf(() =>
      path ? original.with(settings, path) : original.with(settings),
    );
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(original.toJSON()).toEqual({
      Failover: true,
      GracefulEviction: true,
      PropagateDeps: true,
    });
  });

  it('asking for an unknown gate is a programming error', () => {
    expect(() => gates().enabled('Teleport')).toThrow(
      new RangeError('unknown feature gate "Teleport"'),
    );
  });

  it('prints in name order in Kubernetes syntax', () => {
    expect(
      new FeatureGates({ Zeta: { default: false }, Alpha: { default: true } }).toString(),
    ).toBe('Alpha=true,Zeta=false');
  });

  it('round-trips through its printed form', () => {
    const next = gates().with('GracefulEviction=false');
    expect(gates().with(next.toString()).toJSON()).toEqual(next.toJSON());
  });
});
