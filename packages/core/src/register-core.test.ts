import 'reflect-metadata';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import { VirtualClock } from './clock/virtual-clock';
import { EVENT_RECORDER, EVENT_RECORDER_DECORATORS } from './contracts/event-recorder';
import { SCHEDULER_PLUGINS, type FilterPlugin } from './contracts/scheduler-plugins';
import { SCHEDULING_STRATEGIES } from './contracts/scheduling-strategy';
import { register } from './di/register';
import { resolve } from './di/resolve';
import { MemoryEventRecorder } from './observability/event-recorders';
import { registerCore } from './register-core';
import { SCHEDULER_PROFILE } from './scheduler/profile';
import { SCHEDULER, SCHEDULER_OPTIONS } from './scheduler/scheduler-token';
import { Status } from './scheduler/status';
import { makeBinding, makeCluster } from './testing/builders';

const clusters = ['a', 'b', 'c'].map((n) => makeCluster(n).build());

/** A core container whose one filter counts its calls and lets equal bindings share verdicts. */
function scheduling(options?: { equivalenceCache: boolean }) {
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock: new VirtualClock(0), logger: pino({ level: 'silent' }) });
  const calls: string[] = [];
  const filter: FilterPlugin = {
    name: 'Counting',
    equivalenceKey: () => 'all-alike',
    filter: (_state, binding) => {
      calls.push(binding.metadata.name);
      return Status.success;
    },
  };
  register(container, SCHEDULER_PLUGINS, {
    useValue: { name: filter.name, factory: () => filter },
  });
  register(container, SCHEDULER_PROFILE, {
    useValue: { schedulerName: 'test', plugins: { filter: { enabled: [{ name: filter.name }] } } },
  });
  register(container, SCHEDULING_STRATEGIES, {
    useValue: {
      name: 'First',
      appliesTo: () => true,
      assign: (binding, candidates) => ({
        clusters: candidates.slice(0, 1).map((c) => ({
          name: c.cluster.metadata.name,
          replicas: binding.spec.replicas,
        })),
      }),
    },
  });
  if (options) register(container, SCHEDULER_OPTIONS, { useValue: options });
  return { container, calls };
}

describe('registerCore', () => {
  it.each([
    {
      name: 'with the equivalence cache (the default) equal bindings share the filter verdicts',
      options: undefined,
      want: 3,
    },
    {
      name: 'SCHEDULER_OPTIONS registered after it turn the cache off: each binding is filtered',
      options: { equivalenceCache: false },
      want: 6,
    },
  ])('$name', async ({ options, want }) => {
    const { container, calls } = scheduling(options);
    const scheduler = resolve(container, SCHEDULER);
    const first = await scheduler.schedule(makeBinding('one'), clusters, 0);
    const second = await scheduler.schedule(makeBinding('two'), clusters, 0);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(calls).toHaveLength(want);
  });

  it('takes the scheduler options from its own options too', async () => {
    const container = rootContainer.createChildContainer();
    registerCore(container, { scheduler: { equivalenceCache: false } });
    expect(resolve(container, SCHEDULER_OPTIONS)).toEqual({ equivalenceCache: false });
  });

  it.each([
    { name: 'before registerCore', before: true },
    { name: 'after registerCore', before: false },
  ])('wraps the recorder in every decorator, registered $name', ({ before }) => {
    const container = rootContainer.createChildContainer();
    const sink = new MemoryEventRecorder();
    const decorate = () =>
      register(container, EVENT_RECORDER_DECORATORS, {
        useValue: (inner) => ({
          record: (e) => inner.record({ ...e, reason: `Renamed${e.reason}` }),
        }),
      });
    if (before) decorate();
    registerCore(container, { recorder: sink, logger: pino({ level: 'silent' }) });
    if (!before) decorate();
    resolve(container, EVENT_RECORDER).record({
      kind: 'Cluster',
      key: 'a',
      type: 'Normal',
      reason: 'Joined',
      message: '',
      time: 0,
    });
    expect(sink.events.map((e) => e.reason)).toEqual(['RenamedJoined']);
  });
});
