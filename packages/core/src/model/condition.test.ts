import { findCondition, sameCondition, setCondition, type Condition } from './condition';

const ready = (status: Condition['status'], at: number, reason = 'R', message = ''): Condition => ({
  type: 'Ready',
  status,
  reason,
  message,
  lastTransitionTime: at,
});
const other: Condition = {
  type: 'Scheduled',
  status: 'True',
  reason: 'Done',
  message: '',
  lastTransitionTime: 5,
};

describe('conditions', () => {
  it.each<{
    name: string;
    conditions: Condition[] | undefined;
    next: Condition;
    want: Condition[];
  }>([
    {
      name: 'adds a condition to none',
      conditions: undefined,
      next: ready('True', 10),
      want: [ready('True', 10)],
    },
    {
      name: 'an unchanged status keeps the old transition time but takes the new reason',
      conditions: [ready('True', 10, 'Old')],
      next: ready('True', 99, 'New', 'm'),
      want: [ready('True', 10, 'New', 'm')],
    },
    {
      name: 'a changed status takes the new transition time',
      conditions: [ready('True', 10)],
      next: ready('False', 99),
      want: [ready('False', 99)],
    },
    {
      name: 'other conditions are kept',
      conditions: [other, ready('Unknown', 1)],
      next: ready('True', 2),
      want: [other, ready('True', 2)],
    },
    {
      name: 'a condition set again keeps its place in the list (as Kubernetes SetStatusCondition)',
      conditions: [ready('Unknown', 1), other],
      next: ready('True', 2),
      want: [ready('True', 2), other],
    },
    {
      name: 'a new condition is appended',
      conditions: [ready('True', 1)],
      next: other,
      want: [ready('True', 1), other],
    },
  ])('setCondition: $name', ({ conditions, next, want }) => {
    expect(setCondition(conditions, next)).toEqual(want);
  });

  it('setCondition does not change its input', () => {
    const conditions = [ready('True', 10)];
    setCondition(conditions, ready('False', 20));
    expect(conditions).toEqual([ready('True', 10)]);
  });

  it('findCondition finds by type', () => {
    expect(findCondition([other, ready('True', 1)], 'Ready')).toEqual(ready('True', 1));
    expect(findCondition([other], 'Ready')).toBeUndefined();
    expect(findCondition(undefined, 'Ready')).toBeUndefined();
  });

  it.each<{ name: string; a: Condition | undefined; b: Condition | undefined; want: boolean }>([
    {
      name: 'equal but for the transition time',
      a: ready('True', 1),
      b: ready('True', 2),
      want: true,
    },
    { name: 'another status', a: ready('True', 1), b: ready('False', 1), want: false },
    { name: 'another reason', a: ready('True', 1, 'A'), b: ready('True', 1, 'B'), want: false },
    {
      name: 'another message',
      a: ready('True', 1, 'A', 'x'),
      b: ready('True', 1, 'A', 'y'),
      want: false,
    },
    {
      name: 'another type',
      a: ready('True', 1, 'Done'),
      b: { ...other, lastTransitionTime: 1 },
      want: false,
    },
    { name: 'both missing', a: undefined, b: undefined, want: true },
    { name: 'one missing', a: ready('True', 1), b: undefined, want: false },
  ])('sameCondition: $name', ({ a, b, want }) => {
    expect(sameCondition(a, b)).toBe(want);
  });
});
