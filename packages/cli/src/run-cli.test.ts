import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfiguredFlavor, SimulationFlavor } from '@lifeboat/simulator';
import { ExitCode } from './exit-codes';
import { runCli } from './run-cli';

const file = join(mkdtempSync(join(tmpdir(), 'lifeboat-run-cli-')), 'scenario.yaml');
writeFileSync(
  file,
  `apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: in-process}
spec:
  flavor: test-double
  duration: 5m
  clusters: [{name: a}, {name: b}]
  workloads: [{name: foo, replicas: 2}]
  events: [{at: 1m, action: fail, cluster: a}]
`,
);

// A flavour that validates everything and composes nothing: enough to drive the CLI in process.
function flavor(register: ConfiguredFlavor['register']): SimulationFlavor {
  return {
    name: 'test-double',
    defaultCordonKey: 'test.lifeboat.dev/cordon',
    workloadFields: [],
    workloadFieldsHint: 'none',
    parseWorkload: () => ({ placement: { replicaScheduling: { type: 'Duplicated' } } }),
    configure: () => ({
      register,
      connectFleet: () => undefined,
      createAgent: () => ({ start: async () => undefined, stop: () => undefined }),
    }),
  };
}

const broken = flavor(() => {
  throw new Error('the flavour could not be composed');
});

async function cli(flavors: readonly SimulationFlavor[], ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'lifeboat', ...args], {
    flavors,
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('runCli', () => {
  it('exits 0 when validating a file the flavour accepts', async () => {
    const run = await cli([broken], 'validate', file);
    expect(run).toEqual({
      code: ExitCode.Success,
      out: `${file}: valid test-double scenario "in-process" (2 clusters, 1 workload, 1 event)\n`,
      err: '',
    });
  });

  it('exits 1 with one line and no stack trace when the run itself fails', async () => {
    const run = await cli([broken], 'simulate', file);
    expect(run).toEqual({
      code: ExitCode.RuntimeFailure,
      out: '',
      err: 'lifeboat: the flavour could not be composed\n',
    });
  });

  it('exits 2 on an unknown option and an unknown command', async () => {
    expect((await cli([broken], 'simulate', file, '--colour')).code).toBe(ExitCode.InvalidInput);
    expect((await cli([broken], 'simulat', file)).code).toBe(ExitCode.InvalidInput);
  });
});
