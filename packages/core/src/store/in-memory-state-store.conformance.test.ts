import type { Cluster } from '../model/cluster';
import { describeStateStoreConformance } from '../testing/state-store-conformance';
import { InMemoryStateStore } from './in-memory-state-store';

const HISTORY_LIMIT = 10;

describeStateStoreConformance('InMemoryStateStore', async () => {
  const store = new InMemoryStateStore({ historyLimit: HISTORY_LIMIT });
  return {
    store,
    // The in-memory store forgets by pushing changes out of its bounded log.
    async forgetHistory(kind) {
      if (kind !== 'Cluster')
        throw new Error(`the harness only forgets Cluster history, not ${kind}`);
      for (let i = 0; i <= HISTORY_LIMIT / 2; i++) {
        const filler: Cluster = { metadata: { name: `filler-${i}` }, spec: {} };
        await store.create('Cluster', filler);
        await store.delete('Cluster', `filler-${i}`);
      }
    },
    async close() {},
  };
});
