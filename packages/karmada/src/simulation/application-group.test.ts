import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runScenario } from '@lifeboat/simulator';
import { groupMove } from '@lifeboat/simulator/testing';
import { karmadaSimulationFlavor } from './karmada-simulation-flavor';

// The seed's second scenario on the virtual clock: the shop's database, server and config on
// member1, grouped by workloadAffinity; member2 cannot hold all three, member3 can.
const EXAMPLE = readFileSync(
  join(__dirname, '../../../../examples/karmada-application.yaml'),
  'utf8',
);
const PARTS = ['default/database', 'default/server', 'default/config'];

async function run(text: string) {
  return runScenario(loadScenario(text, [karmadaSimulationFlavor]));
}

describe('a whole application moves as one (Karmada workloadAffinity)', () => {
  it('member1 degrades: all three parts end on member3, never below their replicas, old copies kept until the group is ready', async () => {
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

  it('member1 fails: all three parts end on member3 and no old copy goes before the group is ready', async () => {
    const report = await run(EXAMPLE.replace('action: degrade', 'action: fail'));
    const move = groupMove(report, PARTS, 'member1', 'member3');
    expect(Object.values(move.clusters)).toEqual([['member3'], ['member3'], ['member3']]);
    for (const key of PARTS) expect(move.leftAt[key]).toBeGreaterThanOrEqual(move.readyAt ?? 0);
    for (const key of PARTS)
      expect(report.workloads[key]?.readyReplicas).toBe(report.workloads[key]?.desired);
  });

  it('without workloadAffinity the parts are scheduled alone and end apart', async () => {
    const report = await run(
      EXAMPLE.replace(/\n\s+workloadAffinity:\n\s+affinity: \{ groupByLabelKey: [^}]+\}/, ''),
    );
    const ends = new Set(
      Object.values(groupMove(report, PARTS, 'member1', 'member3').clusters).flat(),
    );
    expect(ends.size).toBeGreaterThan(1);
  });
});
