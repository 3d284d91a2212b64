import { parseResourceList } from '@lifeboat/core';
import {
  agentReadyCondition,
  collectAgentStatus,
  nodeStatistics,
  toClusterStatus,
  type AgentNode,
} from './agent-status';

const node = (name: string, ready: AgentNode['ready'], cpu = '2'): AgentNode => ({
  name,
  ...(ready === undefined ? {} : { ready }),
  capacity: parseResourceList({ cpu, memory: '4Gi' }),
  allocatable: parseResourceList({ cpu, memory: '3Gi' }),
});

describe('agentReadyCondition', () => {
  it.each([
    {
      name: 'livez and readyz make the cluster ready',
      probes: { healthz: false, livez: true, readyz: true },
      want: ['True', 'ManagedClusterReady'],
    },
    {
      name: 'healthz alone makes the cluster ready',
      probes: { healthz: true, livez: false, readyz: false },
      want: ['True', 'ManagedClusterReady'],
    },
    {
      name: 'livez without readyz is not ready',
      probes: { healthz: false, livez: true, readyz: false },
      want: ['False', 'ManagedClusterNotReady'],
    },
    {
      name: 'no probe answering is not ready',
      probes: { healthz: false, livez: false, readyz: false },
      want: ['False', 'ManagedClusterNotReady'],
    },
  ])('$name', ({ probes, want }) => {
    const condition = agentReadyCondition({ ...probes, lastObservedTime: 5 });
    expect([condition.status, condition.reason]).toEqual(want);
    expect(condition.type).toBe('Ready');
  });
});

describe('collectAgentStatus', () => {
  it('sums node resources, counts nodes by readiness and stamps the heartbeat', () => {
    const status = collectAgentStatus(
      {
        healthz: true,
        livez: true,
        readyz: true,
        nodes: [
          node('a', 'True'),
          node('b', 'False', '4'),
          node('c', 'Unknown'),
          node('d', undefined),
        ],
      },
      1_000,
      20_000,
    );
    expect(status.lastObservedTime).toBe(1_000);
    expect(status.heartbeatFrequencySeconds).toBe(20);
    expect(status.capacity.cpu?.toString()).toBe('10');
    expect(status.allocatable.memory?.value()).toBe(12n * 1024n ** 3n);
    expect(status.nodeStatistics).toEqual({
      readyNodes: 1,
      notReadyNodes: 1,
      unknownNodes: 1,
      lostNodes: 1,
    });
    expect(status.predictorEnabled).toBe(false);
  });

  it('advertises the predictor when the agent serves one', () => {
    const status = collectAgentStatus(
      {
        healthz: true,
        livez: true,
        readyz: true,
        nodes: [],
        predictorAddress: 'http://10.0.0.1:8080',
      },
      0,
      180_000,
    );
    expect(status).toMatchObject({
      predictorEnabled: true,
      predictorAddress: 'http://10.0.0.1:8080',
      heartbeatFrequencySeconds: 180,
    });
  });
});

describe('nodeStatistics', () => {
  it('counts an empty cluster as all zeros', () => {
    expect(nodeStatistics([])).toEqual({
      readyNodes: 0,
      notReadyNodes: 0,
      unknownNodes: 0,
      lostNodes: 0,
    });
  });
});

describe('toClusterStatus', () => {
  const report = (at: number, healthz: boolean) =>
    collectAgentStatus(
      { healthz, livez: false, readyz: false, nodes: [node('a', 'True')] },
      at,
      20_000,
    );

  it('maps lastObservedTime to the heartbeat and the verdict to Ready', () => {
    const status = toClusterStatus(report(40_000, true));
    expect(status.lastHeartbeatTime).toBe(40_000);
    expect(status.heartbeatFrequencySeconds).toBe(20);
    expect(status.conditions?.[0]).toMatchObject({
      type: 'Ready',
      status: 'True',
      lastTransitionTime: 40_000,
    });
  });

  it('keeps the transition time of an unchanged verdict', () => {
    const first = toClusterStatus(report(40_000, true));
    const second = toClusterStatus(report(60_000, true), first);
    expect(second.lastHeartbeatTime).toBe(60_000);
    expect(second.conditions?.[0]?.lastTransitionTime).toBe(40_000);
  });

  it('replaces a lifecycle Unknown with the fresh verdict', () => {
    const stale = {
      ...toClusterStatus(report(0, true)),
      conditions: [
        {
          type: 'Ready',
          status: 'Unknown' as const,
          reason: 'ClusterStatusUnknown',
          message: '',
          lastTransitionTime: 61_000,
        },
      ],
      readyz: false,
    };
    const fresh = toClusterStatus(report(90_000, true), stale);
    expect(fresh.conditions).toEqual([
      expect.objectContaining({
        status: 'True',
        reason: 'ManagedClusterReady',
        lastTransitionTime: 90_000,
      }),
    ]);
    expect(fresh.healthz).toBe(true);
  });
});
