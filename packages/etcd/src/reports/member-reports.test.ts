import { RealClock, type AggregatedStatusItem } from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import type { CorruptObjectError } from '../errors/corrupt-object-error';
import { EtcdServer } from '../testing/etcd-server';
import { MEMBER_REPORTS_PER_WRITE, MemberReports, type MemberReportEvent } from './member-reports';

const clock = new RealClock();
let server: EtcdServer;
let client: Etcd3;
let n = 0;

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

function fresh(): { reports: MemberReports; prefix: string; corrupt: CorruptObjectError[] } {
  const prefix = `/reports-${++n}/`;
  const corrupt: CorruptObjectError[] = [];
  return {
    reports: new MemberReports({ client, prefix, onCorruptObject: (e) => corrupt.push(e) }),
    prefix,
    corrupt,
  };
}

const healthy = { applied: true, health: 'Healthy' as const, readyReplicas: 2, healthSince: 5 };

describe('MemberReports', () => {
  it('keeps one key per cluster and binding, under the cluster', async () => {
    const { reports, prefix } = fresh();
    await reports.put('member1', 'default/web', healthy);
    await reports.put('member2', 'default/web', { ...healthy, readyReplicas: 1 });
    expect(reports.keyOf('member1', 'default/web')).toBe(`${prefix}Report/member1/default/web`);
    expect(await client.get(`${prefix}Report/member1/default/web`).json()).toEqual({
      ...healthy,
      clusterName: 'member1',
    });
    expect(await reports.get('member1', 'default/web')).toEqual({
      ...healthy,
      clusterName: 'member1',
    });
    expect(await reports.get('member3', 'default/web')).toBeUndefined();
    expect((await reports.list('member2')).reports).toEqual([
      {
        cluster: 'member2',
        binding: 'default/web',
        status: { ...healthy, readyReplicas: 1, clusterName: 'member2' },
      },
    ]);
    expect((await reports.list()).reports.map((r) => `${r.cluster} ${r.binding}`)).toEqual([
      'member1 default/web',
      'member2 default/web',
    ]);
    await reports.delete('member1', 'default/web');
    expect(await reports.get('member1', 'default/web')).toBeUndefined();
  });

  it('writes many reports of one cluster in one transaction: puts and deletes, one revision', async () => {
    const { reports } = fresh();
    await reports.put('member1', 'default/gone', healthy);
    const before = (await reports.list()).revision;
    await reports.write(
      'member1',
      new Map<string, Omit<AggregatedStatusItem, 'clusterName'> | undefined>([
        ['default/a', healthy],
        ['default/b', { ...healthy, health: 'Unknown' as const, readyReplicas: 0 }],
        ['default/gone', undefined],
      ]),
    );
    const { reports: stored, revision } = await reports.list();
    expect(BigInt(revision) - BigInt(before)).toBe(1n);
    expect(stored).toEqual([
      { cluster: 'member1', binding: 'default/a', status: { ...healthy, clusterName: 'member1' } },
      {
        cluster: 'member1',
        binding: 'default/b',
        status: { ...healthy, health: 'Unknown', readyReplicas: 0, clusterName: 'member1' },
      },
    ]);
    await reports.write('member1', new Map());
    expect((await reports.list()).revision).toBe(revision);
    const tooMany = new Map(
      Array.from({ length: MEMBER_REPORTS_PER_WRITE + 1 }, (_, i) => [`default/w${i}`, healthy]),
    );
    await expect(reports.write('member1', tooMany)).rejects.toThrow(RangeError);
  });

  it('skips and reports invalid values, including a report naming another cluster', async () => {
    const { reports, prefix, corrupt } = fresh();
    await client.put(`${prefix}Report/member1/default/a`).value('not json {');
    await client
      .put(`${prefix}Report/member1/default/b`)
      .value(JSON.stringify({ ...healthy, clusterName: 'member2' }));
    await client.put(`${prefix}Report/member1/default/c`).value(JSON.stringify({ applied: 1 }));
    await reports.put('member1', 'default/d', healthy);
    expect((await reports.list()).reports.map((r) => r.binding)).toEqual(['default/d']);
    expect(corrupt.map((e) => e.message)).toEqual([
      expect.stringMatching(/Report\/member1\/default\/a does not hold a valid Report: not JSON/),
      expect.stringContaining('clusterName "member2" is not the key\'s cluster "member1"'),
      expect.stringContaining('valid Report: clusterName: '),
    ]);
    await expect(reports.get('member1', 'default/b')).rejects.toThrow(/not the key's cluster/);
  });

  it('watches every change after a list, in order, skipping invalid values', async () => {
    const { reports, prefix, corrupt } = fresh();
    await reports.put('member1', 'default/web', healthy);
    const { revision } = await reports.list();
    const events: MemberReportEvent[] = [];
    const errors: Error[] = [];
    const stop = reports.watch(
      revision,
      (e) => events.push(e),
      (e) => errors.push(e),
    );
    try {
      await reports.put('member2', 'default/web', { ...healthy, health: 'Unknown' });
      await client.put(`${prefix}Report/member2/default/web`).value('{');
      await reports.delete('member1', 'default/web');
      await waitUntil(() => events.length >= 2);
      expect(events).toEqual([
        {
          type: 'PUT',
          cluster: 'member2',
          binding: 'default/web',
          status: { ...healthy, health: 'Unknown', clusterName: 'member2' },
        },
        { type: 'DELETE', cluster: 'member1', binding: 'default/web' },
      ]);
      expect(corrupt).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await clock.sleep(50); // real-time: waiting for etcd's watch stream
}
