import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runScenario } from '@lifeboat/simulator';
import { groupMove } from '@lifeboat/simulator/testing';
import { clusternetSimulationFlavor } from './clusternet-simulation-flavor';

// The seed's whole-application failover with one Subscription whose feeds are the shop's
// database, server and config; member2 cannot hold all three, member3 can.
const EXAMPLE = readFileSync(
  join(__dirname, '../../../../examples/clusternet-application.yaml'),
  'utf8',
);
const PARTS = ['default/database', 'default/server', 'default/config'];

async function run(text: string) {
  return runScenario(loadScenario(text, [clusternetSimulationFlavor]));
}

describe('a multi-feed Subscription is scheduled as one unit', () => {
  it('member1 degrades: every feed ends on member3, never below its replicas, old copies kept until all are ready', async () => {
    const report = await run(EXAMPLE);
    const move = groupMove(report, PARTS, 'member1', 'member3');
    expect(move.clusters).toEqual({
      'default/database': ['member3'],
      'default/server': ['member3'],
      'default/config': ['member3'],
    });
    for (const key of PARTS) {
      const workload = report.workloads[key];
      expect(workload?.minReadyReplicas).toBe(workload?.desired);
    }
    expect(move.readyAt).not.toBeNull();
    for (const key of PARTS) expect(move.leftAt[key]).toBeGreaterThanOrEqual(move.readyAt ?? 0);
  });

  it('member1 fails: every feed ends on member3 with all its replicas ready', async () => {
    const report = await run(EXAMPLE.replace('action: degrade', 'action: fail'));
    const move = groupMove(report, PARTS, 'member1', 'member3');
    expect(Object.values(move.clusters)).toEqual([['member3'], ['member3'], ['member3']]);
    for (const key of PARTS) expect(move.leftAt[key]).toBeGreaterThanOrEqual(move.readyAt ?? 0);
    for (const key of PARTS)
      expect(report.workloads[key]?.readyReplicas).toBe(report.workloads[key]?.desired);
  });

  it('the same workloads with a Subscription each move alone: not all to member3, each old copy going on its own', async () => {
    const subscription = `
      subscription:
        schedulingStrategy: Replication
        schedulingBySubGroup: true
        subscribers:
          - clusterAffinity: { matchLabels: { env: prod } }
            subGroupStrategy: { minClusters: 1 }`;
    const separate = EXAMPLE.replace(/\n\s+feeds:\n(\s+- \{[^\n]+\n){3}/, '\n')
      .replace('      startupSeconds: 10\n', `      startupSeconds: 10${subscription}\n`)
      .replace('      startupSeconds: 1\n', `      startupSeconds: 1${subscription}\n`);
    const report = await run(separate);
    const move = groupMove(report, PARTS, 'member1', 'member3');
    expect(Object.values(move.clusters)).not.toEqual([['member3'], ['member3'], ['member3']]);
    expect(new Set(Object.values(move.leftAt)).size).toBeGreaterThan(1);
  });
});
