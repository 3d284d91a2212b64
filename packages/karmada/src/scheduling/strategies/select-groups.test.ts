import { GROUP_SEARCH_BUDGET, selectGroups, type GroupInfo } from './select-groups';

const g = (name: string, value: number, weight: number): GroupInfo => ({ name, value, weight });

// Karmada's own table, TestSelectGroups (pkg/scheduler/core/spreadconstraint/select_groups_test.go).
// Until Lifeboat searched combinations, it took the best `maxGroups` groups by weight, which
// disagreed with the five cases marked below (in four of them it found no valid set at all).
describe('selectGroups (Karmada TestSelectGroups)', () => {
  it.each<{
    name: string;
    groups: GroupInfo[];
    min: number;
    max: number;
    target: number;
    want?: string[];
  }>([
    { name: 'empty groups', groups: [], min: 2, max: 3, target: 1 },
    { name: 'no enough groups', groups: [g('R1', 1, 80)], min: 2, max: 3, target: 1 },
    {
      name: 'no enough value',
      groups: [g('R1', 1, 80), g('R2', 2, 30)],
      min: 2,
      max: 3,
      target: 4,
    },
    { name: 'select one group', groups: [g('R1', 1, 80)], min: 1, max: 3, target: 1, want: ['R1'] },
    {
      // was a disagreement: the three best by weight (R1, R3, R2) hold 3 of 10
      name: 'prioritize one path',
      groups: [
        g('R1', 1, 80),
        g('R3', 1, 80),
        g('R2', 1, 60),
        g('R5', 2, 60),
        g('R4', 5, 50),
        g('R6', 3, 50),
      ],
      min: 1,
      max: 3,
      target: 10,
      want: ['R5', 'R4', 'R6'],
    },
    {
      // was a disagreement: R1 alone holds 1 of 5 and the best six hold everything
      name: 'select groups with less total number',
      groups: [
        g('R1', 1, 80),
        g('R2', 4, 40),
        g('R3', 1, 30),
        g('R4', 3, 30),
        g('R5', 3, 20),
        g('R6', 5, 10),
      ],
      min: 2,
      max: 6,
      target: 5,
      want: ['R1', 'R2'],
    },
    {
      // was a disagreement: the best three (R1, R2, R3) hold 3 of 6
      name: 'select groups with the highest score',
      groups: [
        g('R1', 1, 60),
        g('R2', 1, 50),
        g('R3', 1, 40),
        g('R4', 3, 30),
        g('R5', 3, 20),
        g('R6', 3, 10),
      ],
      min: 1,
      max: 3,
      target: 6,
      want: ['R1', 'R4', 'R5'],
    },
    {
      // was a disagreement: the best two (R1, R2) hold 3 of 5
      name: 'select groups that are chosen earlier',
      groups: [g('R1', 1, 60), g('R2', 2, 50), g('R3', 3, 40), g('R4', 4, 30)],
      min: 1,
      max: 2,
      target: 5,
      want: ['R1', 'R4'],
    },
    {
      // was a disagreement: the best two (R4, R3) hold 4 of 5
      name: 'select groups with greater value',
      groups: [g('R4', 1, 60), g('R3', 3, 50), g('R1', 3, 40), g('R2', 4, 30)],
      min: 1,
      max: 2,
      target: 5,
      want: ['R3', 'R1'],
    },
  ])('$name', ({ groups, min, max, target, want }) => {
    expect(selectGroups(groups, min, max, target)?.map((group) => group.name)).toEqual(want);
  });

  it('takes the best-weighted groups greedily when the search would be too large', () => {
    // 40 groups of one cluster, 20 needed: C(40, 20) combinations, far over the budget.
    const many = Array.from({ length: 40 }, (_, i) =>
      g(`L${String(i).padStart(2, '0')}`, 1, 100 - i),
    );
    expect(GROUP_SEARCH_BUDGET).toBeLessThan(1_000_000);
    const chosen = selectGroups(many, 20, 40, 20)?.map((group) => group.name);
    expect(chosen).toEqual(many.slice(0, 20).map((group) => group.name));
  });
});
