import { ValidationError } from '../errors/validation-error';
import {
  addResources,
  parseResourceList,
  replicasThatFit,
  scaleResources,
  subtractResources,
  type ResourceList,
} from './resources';

/** `{cpu: '1500m'}`-style view of a list, for whole comparisons. */
const show = (list: ResourceList) =>
  Object.fromEntries(Object.entries(list).map(([k, q]) => [k, q.toString()]));

describe('parseResourceList', () => {
  it('parses every entry, strings and numbers', () => {
    expect(show(parseResourceList({ cpu: '500m', memory: '1Gi', pods: 110 }))).toEqual({
      cpu: '500m',
      memory: '1Gi',
      pods: '110',
    });
  });

  it.each([
    {
      name: 'an error names path.resource',
      path: 'spec.replicaRequirements',
      want: 'spec.replicaRequirements.memory',
    },
    { name: 'without a base path an error names the resource', path: '', want: 'memory' },
  ])('$name', ({ path, want }) => {
    expect(() => parseResourceList({ cpu: '1', memory: '5 Gi' }, path)).toThrow(
      new ValidationError([
        {
          path: want,
          message:
            'invalid quantity "5 Gi": expected a number with an optional suffix such as 500m, 2, 1.5Gi or 1e3',
        },
      ]),
    );
  });
});

describe('resource arithmetic', () => {
  const a = parseResourceList({ cpu: '2', memory: '4Gi' });
  const b = parseResourceList({ cpu: '500m', gpu: '1' });

  it('addResources sums per resource and keeps resources of either side', () => {
    expect(show(addResources(a, b))).toEqual({ cpu: '2500m', memory: '4Gi', gpu: '1' });
  });

  it('subtractResources subtracts only from resources the left side has', () => {
    expect(show(subtractResources(a, b))).toEqual({ cpu: '1500m', memory: '4Gi' });
  });

  it('subtractResources may go negative', () => {
    expect(
      show(subtractResources(parseResourceList({ cpu: '1' }), parseResourceList({ cpu: '3' }))),
    ).toEqual({ cpu: '-2' });
  });

  it('scaleResources multiplies every resource', () => {
    expect(show(scaleResources(parseResourceList({ cpu: '250m', memory: '512Mi' }), 4))).toEqual({
      cpu: '1',
      memory: '2147483648',
    });
  });

  it('does not change its inputs', () => {
    addResources(a, b);
    subtractResources(a, b);
    expect(show(a)).toEqual({ cpu: '2', memory: '4Gi' });
  });
});

type Amounts = Record<string, string | number>;

describe('replicasThatFit', () => {
  it.each<{ name: string; available: Amounts; request: Amounts; want: number }>([
    {
      name: 'the scarcest resource limits',
      available: { cpu: '8', memory: '8Gi' },
      request: { cpu: '1', memory: '3Gi' },
      want: 2,
    },
    {
      name: 'milli-cpu requests divide exactly',
      available: { cpu: '2' },
      request: { cpu: '500m' },
      want: 4,
    },
    {
      name: 'a partial replica does not count',
      available: { cpu: '1999m' },
      request: { cpu: '500m' },
      want: 3,
    },
    {
      name: 'pods cap the count, one per replica',
      available: { cpu: '100', pods: 3 },
      request: { cpu: '1' },
      want: 3,
    },
    { name: 'pods alone cap an empty request', available: { pods: 5 }, request: {}, want: 5 },
    {
      name: 'a pods request is ignored (pods count one per replica)',
      available: { pods: 10 },
      request: { pods: 4 },
      want: 10,
    },
    { name: 'negative pods fit nothing', available: { pods: -2 }, request: {}, want: 0 },
    {
      name: 'a resource the cluster does not list is not limiting',
      available: { cpu: '4' },
      request: { cpu: '1', 'nvidia.com/gpu': '1' },
      want: 4,
    },
    {
      name: 'a zero request for a resource is not limiting',
      available: { cpu: '4', memory: '0' },
      request: { cpu: '1', memory: '0' },
      want: 4,
    },
    {
      name: 'an empty request fits without bound',
      available: { cpu: '4' },
      request: {},
      want: Number.POSITIVE_INFINITY,
    },
    {
      name: 'nothing available and nothing requested fits without bound',
      available: {},
      request: { cpu: '1' },
      want: Number.POSITIVE_INFINITY,
    },
    {
      name: 'negative availability fits nothing',
      available: { cpu: '-1' },
      request: { cpu: '1' },
      want: 0,
    },
    {
      name: 'an exhausted resource fits nothing',
      available: { cpu: '8', memory: '0' },
      request: { cpu: '1', memory: '1Mi' },
      want: 0,
    },
  ])('$name', ({ available, request, want }) => {
    expect(replicasThatFit(parseResourceList(available), parseResourceList(request))).toBe(want);
  });
});
