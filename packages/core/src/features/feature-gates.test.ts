import { ValidationError } from '../errors/validation-error';
import { parseWith } from '../validation/parse';
import { featureGatesSchema } from './feature-gates';

const schema = featureGatesSchema({
  Failover: { default: true, stage: 'Beta' },
  PropagateDeps: { default: false, stage: 'Alpha' },
});

describe('featureGatesSchema', () => {
  it.each([
    {
      name: 'nothing set gives every default',
      input: undefined,
      want: { Failover: true, PropagateDeps: false },
    },
    {
      name: 'a set gate overrides its default only',
      input: { PropagateDeps: true },
      want: { Failover: true, PropagateDeps: true },
    },
    {
      name: 'a gate can be turned off',
      input: { Failover: false },
      want: { Failover: false, PropagateDeps: false },
    },
  ])('$name', ({ input, want }) => {
    expect(parseWith(schema, input, 'featureGates')).toEqual(want);
  });

  it('refuses an unknown gate and a value other than a boolean, naming each path', () => {
    let error: unknown;
    try {
      parseWith(schema, { Failovr: true, PropagateDeps: 'yes' }, 'featureGates');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual([
      'featureGates.Failovr',
      'featureGates.PropagateDeps',
    ]);
    expect((error as ValidationError).message).toContain('featureGates.Failovr: unknown field');
  });
});
