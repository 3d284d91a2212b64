import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectEtcd, createTestCertificates } from '@lifeboat/etcd';
import { EXPECTED, workloads } from './fleet-scenarios';
import {
  LEASE_TTL_MS,
  ProcessFleet,
  TEST_CONTROLLER_CONFIG,
  addressOf,
  ensureBuilt,
  readyStatus,
  unsettled,
  waitFor,
} from './process-fleet';

// etcd with TLS only, client certificates required, and auth enabled with the users and roles
// of examples/etcd-auth/create-roles.sh (run here with the real etcdctl): every process is the
// user its certificate names, and may write only what its role allows.

const ROLES_SCRIPT = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'examples',
  'etcd-auth',
  'create-roles.sh',
);
const IDENTITIES = [
  'root',
  'lifeboat-controller',
  'lifeboat-operator',
  'lifeboat-agent-member1',
  'lifeboat-agent-member2',
];

let fleet: ProcessFleet | undefined;

beforeAll(() => ensureBuilt(), 300_000);
afterAll(async () => fleet?.dispose(), 30_000);

describe('a fleet on an etcd with client certificates and least-privilege roles', () => {
  it("works as its own identities; a client without certificates, a rogue agent (as another cluster, on bindings, on another cluster's records) and a foreign election write are refused", async () => {
    const certs = createTestCertificates(IDENTITIES);
    fleet = await ProcessFleet.start('karmada', certs);
    const f = fleet;
    const root = certs.clients['root'] as { cert: string; key: string };
    const script = spawnSync('sh', [ROLES_SCRIPT, 'member1', 'member2'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        ETCDCTL_API: '3',
        ETCDCTL_ENDPOINTS: f.endpoint,
        ETCDCTL_CACERT: certs.ca,
        ETCDCTL_CERT: root.cert,
        ETCDCTL_KEY: root.key,
      },
    });
    expect([script.status, script.stderr]).toEqual([0, '']);
    expect(script.stdout).toContain('Authentication Enabled');

    // Without the CA and a client certificate: one line, exit 1.
    const bare = spawnSync(
      process.execPath,
      [
        join(__dirname, '..', '..', 'bin', 'lifeboat.js'),
        'status',
        '--etcd',
        f.endpoint,
        '--etcd-timeout',
        '2s',
      ],
      { encoding: 'utf8' },
    );
    expect(bare.status).toBe(1);
    expect(bare.stderr).toMatch(
      new RegExp(
        `^lifeboat: cannot reach etcd at ${f.endpoint}: .*; check that etcd is running and the URL is right\\n$`,
      ),
    );

    const live = new Map<string, string>();
    const agents = ['member1', 'member2'].map((c) => f.agent(c));
    const ctlA = f.controller('ctl-a');
    for (const [i, agent] of agents.entries())
      live.set(
        `member${i + 1}`,
        await waitFor(`agent ${i + 1} to register`, 15_000, () => addressOf(agent)),
      );
    await waitFor('ctl-a to lead', 15_000, async () => (await f.readElectionHolder()) === 'ctl-a');
    // ctl-b reaches etcd through its config file's etcd section alone, no etcd flags.
    const controllerCert = certs.clients['lifeboat-controller'] as { cert: string; key: string };
    const configFile = join(f.dir, 'controller-etcd.yaml');
    writeFileSync(
      configFile,
      `${TEST_CONTROLLER_CONFIG}etcd:\n  endpoints: [${f.endpoint}]\n  ca: ${certs.ca}\n  cert: ${controllerCert.cert}\n  key: ${controllerCert.key}\n`,
    );
    const ctlB = f.spawn('ctl-b', [
      'controller',
      '--flavor',
      'karmada',
      '--config',
      configFile,
      '--id',
      'ctl-b',
    ]);
    await waitFor(
      'ctl-b to stand by',
      15_000,
      () => ctlB.logs('campaigning for leadership').length,
    );
    await waitFor('both clusters Ready', 15_000, async () =>
      (await f.clusters()).every((c) => readyStatus(c) === 'True'),
    );
    expect(f.apply(workloads(6, 1))).toBe(
      'binding default/web created\nbinding default/api created\n',
    );
    await waitFor(
      'the workloads to run',
      20_000,
      async () => (await unsettled(f, live, EXPECTED)) === undefined,
    );
    // Agents cannot write bindings: their reports reach them through the leader.
    await waitFor('status to count every ready replica', 15_000, () => {
      const view = JSON.parse(f.status('--json').stdout) as {
        bindings: { key: string; ready: number }[];
      };
      return view.bindings.every((b) => b.ready === EXPECTED.get(b.key));
    });

    // A rogue agent with member1's certificate claims member2: etcd refuses its registration.
    const endpointBefore = (await f.clusters()).find((c) => c.metadata.name === 'member2')?.spec
      .apiEndpoint;
    const rogue = f.agent('member2', 'lifeboat-agent-member1');
    expect(
      await waitFor(
        'the rogue agent to exit',
        15_000,
        () => rogue.exitCode !== undefined && [rogue.exitCode],
      ),
    ).toEqual([1]);
    expect(rogue.describe()).toMatch(/lifeboat: .*permission denied/);
    expect((await f.clusters()).find((c) => c.metadata.name === 'member2')?.spec.apiEndpoint).toBe(
      endpointBefore,
    );
    // Agents cannot write bindings: their reports reach them through the leader.
    await waitFor('status to count every ready replica', 15_000, () => {
      const view = JSON.parse(f.status('--json').stdout) as {
        bindings: { key: string; ready: number }[];
      };
      return view.bindings.every((b) => b.ready === EXPECTED.get(b.key));
    });

    // An agent's identity cannot take the election key, so it cannot block a failover.
    const member1 = certs.clients['lifeboat-agent-member1'] as { cert: string; key: string };
    const intruder = await connectEtcd(f.endpoint, {
      tls: {
        ca: readFileSync(certs.ca),
        cert: readFileSync(member1.cert),
        key: readFileSync(member1.key),
      },
    });
    try {
      const lease = intruder.lease(86_400, { autoKeepAlive: false });
      await expect(
        intruder
          .if('/lifeboat/election/controller', 'Create', '==', 0)
          .then(
            intruder
              .put('/lifeboat/election/controller')
              .value('intruder')
              .lease(await lease.grant()),
          )
          .commit(),
      ).rejects.toThrow(/permission denied/);
      await expect(intruder.put('/lifeboat/election/controller').value('intruder')).rejects.toThrow(
        /permission denied/,
      );
      // Nor anything of another cluster, nor any binding.
      for (const key of [
        '/lifeboat/Cluster/member2',
        '/lifeboat/Lease/karmada-cluster/member2',
        '/lifeboat/Report/member2/default/web',
        '/lifeboat/Report/member2/default/new',
        '/lifeboat/Binding/default/web',
        '/lifeboat/Binding/default/new',
      ]) {
        await expect(intruder.put(key).value('{}')).rejects.toThrow(/permission denied/);
        await expect(intruder.delete().key(key)).rejects.toThrow(/permission denied/);
      }
    } finally {
      intruder.close();
    }
    ctlA.signal('SIGKILL');
    await waitFor(
      'ctl-b to lead after ctl-a died',
      LEASE_TTL_MS + 3_000,
      async () => (await f.readElectionHolder()) === 'ctl-b',
    );
    expect(f.status().code).toBe(0);
  }, 180_000);
});
