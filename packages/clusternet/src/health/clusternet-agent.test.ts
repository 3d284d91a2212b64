import { InMemoryStateStore, VirtualClock, type Cluster } from '@lifeboat/core';
import { ClusternetAgent } from './clusternet-agent';
import type { AgentObservation } from './agent-status';

const cluster: Cluster = { kind: 'Cluster', metadata: { name: 'm1' }, spec: {}, status: {} };

describe('ClusternetAgent', () => {
  it('posts the collected status every update period and stops posting when stopped', async () => {
    const clock = new VirtualClock(0);
    const store = new InMemoryStateStore();
    await store.create('Cluster', cluster);
    let healthy = true;
    const observe = (): AgentObservation => ({
      healthz: healthy,
      livez: healthy,
      readyz: healthy,
      nodes: [],
    });
    const agent = new ClusternetAgent('m1', store, clock, observe, {
      collectFrequencyMs: 5_000,
      updateFrequencyMs: 20_000,
    });
    await agent.start();
    const heartbeat = async () => (await store.get('Cluster', 'm1'))?.status;
    expect(await heartbeat()).toMatchObject({
      lastHeartbeatTime: 0,
      heartbeatFrequencySeconds: 20,
    });

    healthy = false;
    await clock.advance(20_000);
    // The report at 20 s posts the latest collection, made at 15 s: lastObservedTime is when the
    // status was gathered, not when it was posted.
    expect((await heartbeat())?.lastHeartbeatTime).toBe(15_000);
    expect((await heartbeat())?.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: 'ManagedClusterNotReady',
    });

    agent.stop();
    expect(agent.running).toBe(false);
    await clock.advance(60_000);
    expect((await heartbeat())?.lastHeartbeatTime).toBe(15_000);
  });

  it('reports a failing collection and keeps the last good status', async () => {
    const clock = new VirtualClock(0);
    const store = new InMemoryStateStore();
    await store.create('Cluster', cluster);
    const errors: unknown[] = [];
    let calls = 0;
    const observe = (): AgentObservation => {
      calls++;
      if (calls > 1) throw new Error('apiserver unreachable');
      return { healthz: true, livez: true, readyz: true, nodes: [] };
    };
    const agent = new ClusternetAgent('m1', store, clock, observe, {
      collectFrequencyMs: 10_000,
      updateFrequencyMs: 10_000,
      onError: (e) => errors.push(e),
    });
    await agent.start();
    await clock.advance(10_000);
    expect(errors).toEqual([new Error('apiserver unreachable')]);
    expect(agent.latest()?.lastObservedTime).toBe(0);
    agent.stop();
  });
});
