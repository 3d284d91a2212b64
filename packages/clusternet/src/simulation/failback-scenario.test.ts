import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runScenario, type SimulationReport } from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from './clusternet-simulation-flavor';

// examples/clusternet-seed.yaml as shipped (member1's agent stops at 3m), with member1 back at
// 10m and Lifeboat's failback on with a 5 minute window.
const SEED = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'examples', 'clusternet-seed.yaml'),
  'utf8',
);

function seedWith(settings: string, events: string): string {
  const text = SEED.replace('duration: 20m', 'duration: 40m')
    .replace('  settings:\n', `  settings:\n${settings}`)
    .replace(/(\n {2}events:\n(?: {4}- .*\n?)*)/, (block) => `${block.trimEnd()}\n${events}`);
  return text;
}

async function run(settings: string, events: string): Promise<SimulationReport> {
  return runScenario(loadScenario(seedWith(settings, events), [clusternetSimulationFlavor]));
}

const RECOVER = '    - { at: 10m, action: recover, cluster: member1 }\n';
const WINDOW = '    failbackStabilizationWindow: 5m\n';

function scheduled(report: SimulationReport, workload: string) {
  return report.timeline.flatMap((e) =>
    e.type === 'Scheduled' && e.workload === workload ? [e] : [],
  );
}

describe('failback in the Clusternet seed (member1 back at 10m)', () => {
  it('returns every subscription to its placement before the failover, the returned copies ready before the others go', async () => {
    const report = await run(WINDOW, RECOVER);
    const back = report.clusters['member1']?.readyHistory.findLast((h) => h.status === 'True');
    expect(back?.from).toBeGreaterThanOrEqual(600);
    for (const workload of ['default/web', 'default/worker']) {
      const before = scheduled(report, workload)[0]?.placement;
      expect(before?.['member1']).toBeGreaterThan(0);
      const started = report.timeline.find(
        (e) => e.type === 'FailbackStarted' && e.workload === workload,
      );
      const completed = report.timeline.find(
        (e) => e.type === 'FailbackCompleted' && e.workload === workload,
      );
      expect(started?.t).toBeGreaterThanOrEqual((back?.from ?? 0) + 300);
      expect(started).toMatchObject({ placement: before });
      expect(completed).toMatchObject({ placement: before });
      expect(report.workloads[workload]?.placement).toEqual(before);
      const desired = report.workloads[workload]?.desired ?? 0;
      const during = (report.workloads[workload]?.series ?? []).filter(
        (s) => s.t >= (started?.t ?? 0),
      );
      expect(during.length).toBeGreaterThan(0);
      expect(Math.min(...during.map((s) => s.ready))).toBeGreaterThanOrEqual(desired);
    }
  });

  it('restarts the window when member1 flaps: the return comes 5m after its last recovery', async () => {
    const report = await run(
      WINDOW,
      RECOVER +
        '    - { at: 13m, action: fail, cluster: member1 }\n' +
        '    - { at: 16m, action: recover, cluster: member1 }\n',
    );
    const back = report.clusters['member1']?.readyHistory.findLast((h) => h.status === 'True');
    expect(back?.from).toBeGreaterThanOrEqual(960);
    const starts = report.timeline.filter((e) => e.type === 'FailbackStarted');
    expect(starts.length).toBeGreaterThan(0);
    for (const e of starts) expect(e.t).toBeGreaterThanOrEqual((back?.from ?? 0) + 300);
  });

  it('without the setting stays where FailOver put it, as Clusternet', async () => {
    const report = await run('', RECOVER);
    expect(report.timeline.filter((e) => e.type === 'FailbackStarted')).toEqual([]);
    expect(report.workloads['default/web']?.placement['member1']).toBeUndefined();
  });
});
