import {
  matchesLabelSelector,
  matchesRequirement,
  type LabelSelector,
  type LabelSelectorRequirement,
} from './label-selector';

const labels = { region: 'eu', tier: 'gold', empty: '' };

describe('matchesRequirement', () => {
  it.each<{ name: string; requirement: LabelSelectorRequirement; want: boolean }>([
    {
      name: 'In matches a listed value',
      requirement: { key: 'region', operator: 'In', values: ['us', 'eu'] },
      want: true,
    },
    {
      name: 'In does not match an unlisted value',
      requirement: { key: 'region', operator: 'In', values: ['us'] },
      want: false,
    },
    {
      name: 'In does not match a missing label',
      requirement: { key: 'zone', operator: 'In', values: ['a'] },
      want: false,
    },
    {
      name: 'In with no values matches nothing',
      requirement: { key: 'region', operator: 'In' },
      want: false,
    },
    {
      name: 'In matches an empty value when listed',
      requirement: { key: 'empty', operator: 'In', values: [''] },
      want: true,
    },
    {
      name: 'NotIn matches an unlisted value',
      requirement: { key: 'region', operator: 'NotIn', values: ['us'] },
      want: true,
    },
    {
      name: 'NotIn does not match a listed value',
      requirement: { key: 'region', operator: 'NotIn', values: ['eu'] },
      want: false,
    },
    {
      name: 'NotIn matches a missing label',
      requirement: { key: 'zone', operator: 'NotIn', values: ['a'] },
      want: true,
    },
    {
      name: 'Exists matches a present label',
      requirement: { key: 'tier', operator: 'Exists' },
      want: true,
    },
    {
      name: 'Exists matches a present label with an empty value',
      requirement: { key: 'empty', operator: 'Exists' },
      want: true,
    },
    {
      name: 'Exists does not match a missing label',
      requirement: { key: 'zone', operator: 'Exists' },
      want: false,
    },
    {
      name: 'DoesNotExist matches a missing label',
      requirement: { key: 'zone', operator: 'DoesNotExist' },
      want: true,
    },
    {
      name: 'DoesNotExist does not match a present label',
      requirement: { key: 'tier', operator: 'DoesNotExist' },
      want: false,
    },
    {
      name: 'an inherited property is not a label',
      requirement: { key: 'toString', operator: 'Exists' },
      want: false,
    },
  ])('$name', ({ requirement, want }) => {
    expect(matchesRequirement(requirement, labels)).toBe(want);
  });
});

describe('matchesLabelSelector', () => {
  it.each<{ name: string; selector: LabelSelector; noLabels?: boolean; want: boolean }>([
    { name: 'an empty selector matches everything', selector: {}, want: true },
    {
      name: 'an empty selector matches a cluster without labels',
      selector: {},
      noLabels: true,
      want: true,
    },
    {
      name: 'matchLabels all present and equal',
      selector: { matchLabels: { region: 'eu', tier: 'gold' } },
      want: true,
    },
    {
      name: 'matchLabels with one value different',
      selector: { matchLabels: { region: 'eu', tier: 'silver' } },
      want: false,
    },
    {
      name: 'matchLabels naming a missing label',
      selector: { matchLabels: { zone: 'a' } },
      want: false,
    },
    {
      name: 'matchLabels with an empty value needs the label present and empty',
      selector: { matchLabels: { empty: '' } },
      want: true,
    },
    {
      name: 'matchLabels with an empty value does not match a missing label',
      selector: { matchLabels: { zone: '' } },
      want: false,
    },
    {
      name: 'matchLabels and matchExpressions must all hold',
      selector: {
        matchLabels: { region: 'eu' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['gold'] },
          { key: 'zone', operator: 'DoesNotExist' },
        ],
      },
      want: true,
    },
    {
      name: 'one failing expression fails the selector',
      selector: {
        matchLabels: { region: 'eu' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['gold'] },
          { key: 'region', operator: 'NotIn', values: ['eu'] },
        ],
      },
      want: false,
    },
    {
      name: 'a non-empty selector does not match a cluster without labels',
      selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      noLabels: true,
      want: false,
    },
  ])('$name', ({ selector, noLabels, want }) => {
    expect(matchesLabelSelector(selector, noLabels ? undefined : labels)).toBe(want);
  });
});
