import { makeBinding } from '@lifeboat/core/testing';
import { Informer } from '../controller/informer';
import type { Binding } from '../model/binding';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { ClusterChangeReactors } from './cluster-change-reactors';
import { SCHEDULED_CONDITION } from './scheduling-controller';

const divided = {
  replicaScheduling: { type: 'Divided' as const, division: 'Aggregated' as const },
};

function scheduled(binding: Binding, status: 'True' | 'False'): Binding {
  return {
    ...binding,
    status: {
      conditions: [
        { type: SCHEDULED_CONDITION, status, reason: 'Test', message: '', lastTransitionTime: 0 },
      ],
    },
  };
}

describe('ClusterChangeReactors', () => {
  it('lists the unschedulable and Duplicated bindings, in the order the informer lists them', async () => {
    const store = new InMemoryStateStore();
    const informer = new Informer(store, 'Binding');
    const reactors = new ClusterChangeReactors(informer);
    const all = () => informer.list().map((b) => `${b.metadata.namespace}/${b.metadata.name}`);
    await informer.start();
    await store.create('Binding', scheduled(makeBinding('placed', { placement: divided }), 'True'));
    await store.create('Binding', makeBinding('never-scheduled', { placement: divided }));
    await store.create('Binding', scheduled(makeBinding('duplicated'), 'True'));
    await store.create('Binding', scheduled(makeBinding('stuck', { placement: divided }), 'False'));
    await Promise.resolve();
    expect(reactors.keys()).toEqual([
      'default/never-scheduled',
      'default/duplicated',
      'default/stuck',
    ]);

    // Scheduling one takes it out; a placed one that becomes unschedulable keeps its place.
    const never = (await store.get('Binding', 'default/never-scheduled')) as Binding;
    await store.update('Binding', scheduled(never, 'True'));
    const placed = (await store.get('Binding', 'default/placed')) as Binding;
    await store.update('Binding', scheduled(placed, 'False'));
    // Deleted and created again, a binding moves to the end of the informer's order.
    await store.delete('Binding', 'default/duplicated');
    await store.create('Binding', makeBinding('duplicated'));
    await Promise.resolve();
    expect(reactors.keys()).toEqual(['default/placed', 'default/stuck', 'default/duplicated']);
    expect(all().filter((key) => reactors.keys().includes(key))).toEqual(reactors.keys());
    informer.stop();
  });
});
