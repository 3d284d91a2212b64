import { Status, type StatusCode } from './status';

describe('Status', () => {
  it.each<{
    name: string;
    status: Status;
    code: StatusCode;
    reasons: string[];
    success: boolean;
    skip: boolean;
    rejected: boolean;
  }>([
    {
      name: 'success',
      status: Status.success,
      code: 'Success',
      reasons: [],
      success: true,
      skip: false,
      rejected: false,
    },
    {
      name: 'skip',
      status: Status.skip,
      code: 'Skip',
      reasons: [],
      success: false,
      skip: true,
      rejected: false,
    },
    {
      name: 'unschedulable',
      status: Status.unschedulable('a', 'b'),
      code: 'Unschedulable',
      reasons: ['a', 'b'],
      success: false,
      skip: false,
      rejected: true,
    },
    {
      name: 'unresolvable',
      status: Status.unresolvable('c'),
      code: 'UnschedulableAndUnresolvable',
      reasons: ['c'],
      success: false,
      skip: false,
      rejected: true,
    },
    {
      name: 'error from an Error',
      status: Status.error(new Error('disk on fire')),
      code: 'Error',
      reasons: ['disk on fire'],
      success: false,
      skip: false,
      rejected: false,
    },
    {
      name: 'error from a string',
      status: Status.error('plain'),
      code: 'Error',
      reasons: ['plain'],
      success: false,
      skip: false,
      rejected: false,
    },
    {
      name: 'error with its own reason',
      status: Status.error(new Error('inner'), 'outer'),
      code: 'Error',
      reasons: ['outer'],
      success: false,
      skip: false,
      rejected: false,
    },
  ])('$name', ({ status, code, reasons, success, skip, rejected }) => {
    expect(status.code).toBe(code);
    expect(status.reasons).toEqual(reasons);
    expect(status.isSuccess()).toBe(success);
    expect(status.isSkip()).toBe(skip);
    expect(status.isRejected()).toBe(rejected);
    expect(status.plugin).toBeUndefined();
    expect(Object.isFrozen(status)).toBe(true);
  });

  it('keeps the cause of an error', () => {
    const cause = new Error('x');
    expect(Status.error(cause).cause).toBe(cause);
  });

  it('joins reasons with "; "', () => {
    expect(Status.unschedulable('one', 'two').message()).toBe('one; two');
    expect(Status.success.message()).toBe('');
  });

  describe('withPlugin', () => {
    it('stamps a copy, leaving the original alone', () => {
      const original = Status.unschedulable('no');
      const stamped = original.withPlugin('Fit');
      expect(stamped).not.toBe(original);
      expect(stamped.plugin).toBe('Fit');
      expect(stamped.code).toBe('Unschedulable');
      expect(stamped.reasons).toEqual(['no']);
      expect(original.plugin).toBeUndefined();
    });

    it('keeps the cause', () => {
      const cause = new Error('x');
      expect(Status.error(cause).withPlugin('P').cause).toBe(cause);
    });

    it('returns the same value when already stamped with that plugin', () => {
      const stamped = Status.unschedulable('no').withPlugin('Fit');
      expect(stamped.withPlugin('Fit')).toBe(stamped);
    });

    it('leaves the shared success value unstamped', () => {
      expect(Status.success.withPlugin('Fit')).toBe(Status.success);
    });
  });
});
