import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ValidationError, type Binding, type Cluster } from '@lifeboat/core';
import type { CorruptObjectError } from '@lifeboat/etcd';
import {
  fleetFromState,
  readScenarioDocument,
  renderWhatIf,
  renderWhatIfPage,
  runWhatIf,
  type LoadedScenario,
  type SimulationFlavor,
  type WhatIfQuestionPaths,
} from '@lifeboat/simulator';
import pino from 'pino';
import { STARTUP_SECONDS_ANNOTATION } from '../runtime/annotations';
import { CONTROLLER_FLAVORS, parseControllerConfig } from '../runtime/controller-config';
import { etcdConnectionOf, withEtcdOptions, type EtcdFlags } from '../runtime/etcd-flags';
import { openEtcdSession } from '../runtime/etcd-session';
import { parseDurationFlag } from '../runtime/flag-parsers';
import { readInputFile } from './read-input-file';
import { readScenarioFile } from './read-scenario-file';

/** Flags of `lifeboat what-if`. */
interface WhatIfFlags extends Partial<EtcdFlags> {
  readonly fail: string[];
  readonly failRegion: string[];
  readonly json?: boolean;
  readonly report?: string;
  readonly horizon: string;
  readonly seed?: number;
  readonly flavor?: string;
  readonly config?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('must be a whole number >= 0');
  return Number(value);
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The live fleet in etcd, as a what-if scenario, with the clusters that are down already. */
async function liveFleet(
  flags: WhatIfFlags & EtcdFlags,
  flavors: readonly SimulationFlavor[],
  warn: (text: string) => void,
): Promise<{ loaded: LoadedScenario; notReady: string[] }> {
  const flavor = flavors.find((f) => f.name === flags.flavor);
  if (!flavor)
    throw ValidationError.at('--flavor', 'required with --etcd: the flavour the controller runs');
  // The controller's own config file: checked as `lifeboat controller` checks it.
  const document =
    flags.config === undefined
      ? {}
      : (readScenarioDocument(await readInputFile(flags.config, '--config')) ?? {});
  parseControllerConfig(document, flavor.name as (typeof CONTROLLER_FLAVORS)[number]);
  const config = isObject(document) ? document : {};
  const input = {
    settings: isObject(config.settings) ? config.settings : {},
    featureGates: (isObject(config.featureGates) ? config.featureGates : {}) as Record<
      string,
      boolean
    >,
  };
  const connection = await etcdConnectionOf(flags);
  const session = await openEtcdSession(connection, {
    onCorruptObject: (error: CorruptObjectError) =>
      warn(`warning: skipped ${error.storageKey ?? error.kind}: ${error.reason}\n`),
  });
  let clusters: readonly Cluster[];
  let bindings: readonly Binding[];
  try {
    [clusters, bindings] = await Promise.all([
      session.store.list('Cluster').then((l) => l.items),
      session.store.list('Binding').then((l) => l.items),
    ]);
  } finally {
    session.close();
  }
  if (clusters.length === 0 || bindings.length === 0)
    throw ValidationError.at(
      '--etcd',
      `etcd holds ${clusters.length} cluster(s) and ${bindings.length} binding(s); a what-if needs at least one of each`,
    );
  return fleetFromState(clusters, bindings, {
    flavor,
    input,
    startupSeconds: (b) => {
      const text = b.metadata.annotations?.[STARTUP_SECONDS_ANNOTATION];
      const seconds = Number(text);
      return text !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
    },
    name: `etcd ${connection.endpoints}`,
  });
}

/**
 * `lifeboat what-if FILE --fail CLUSTER [--fail-region REGION] [--json] [--report FILE.html]`,
 * or `--etcd URLS --flavor F` for the live fleet: which workloads would be short and how much
 * headroom each cluster keeps if those clusters failed.
 */
export function whatIfCommand(
  write: (text: string) => void,
  warn: (text: string) => void,
  flavors: readonly SimulationFlavor[],
): Command {
  return withEtcdOptions(
    new Command('what-if')
      .description(
        'what if these clusters failed? simulate the fleet (a scenario file, without its events, or the live state in etcd) with the real controllers and print where every workload would run, which would be short, and the headroom left',
      )
      .argument('[file]', 'scenario file (YAML or JSON); its clusters and workloads are used')
      .option('--fail <cluster>', 'a cluster that fails (repeat for more)', collect, [])
      .option('--fail-region <region>', 'every cluster of a region fails (repeatable)', collect, [])
      .option('--json', 'print the answer as JSON')
      .option('--report <file>', 'also write a self-contained HTML page of the answer')
      .option('--horizon <duration>', 'virtual time to run after the failure', '1h')
      .option('--seed <n>', 'seed of the simulation (overrides spec.seed)', parseSeed)
      .addOption(
        new Option('--flavor <flavor>', 'with --etcd: the flavour the controller runs').choices(
          CONTROLLER_FLAVORS,
        ),
      )
      .option(
        '--config <file>',
        "with --etcd: the controller's --config file (settings, featureGates)",
      ),
    { required: false },
  ).action(async (file: string | undefined, flags: WhatIfFlags) => {
    if ((file === undefined) === (flags.etcd === undefined))
      throw ValidationError.at(
        file === undefined ? '' : '--etcd',
        file === undefined
          ? 'name a scenario FILE or the live fleet with --etcd URLS'
          : 'give a scenario FILE or --etcd, not both',
      );
    if (file !== undefined && (flags.flavor !== undefined || flags.config !== undefined))
      throw ValidationError.at(
        flags.flavor !== undefined ? '--flavor' : '--config',
        'applies to --etcd only; a scenario file names its flavour and settings',
      );
    const horizonMs = parseDurationFlag(flags.horizon, '--horizon', { min: '1s', max: '23h' });
    const paths: WhatIfQuestionPaths = {
      clusters: '--fail',
      regions: '--fail-region',
      fleet: file ?? 'the fleet in etcd',
    };
    let loaded: LoadedScenario;
    const clusters = [...flags.fail];
    if (file !== undefined) loaded = await readScenarioFile(file, flavors);
    else {
      const live = await liveFleet(flags as WhatIfFlags & EtcdFlags, flavors, warn);
      loaded = live.loaded;
      for (const name of live.notReady.filter((n) => !clusters.includes(n))) {
        warn(`note: ${name} is not Ready now; the what-if fails it too\n`);
        clusters.push(name);
      }
    }
    // The controllers' own logs would interleave with the answer; the answer says what happened.
    const core = { logger: pino({ level: 'silent' }) };
    const answer = await runWhatIf(
      loaded,
      { clusters, regions: flags.failRegion },
      {
        horizonMs,
        paths,
        run: flags.seed === undefined ? { core } : { core, seed: flags.seed },
      },
    );
    if (flags.report) writeFileSync(flags.report, renderWhatIfPage(answer));
    write(flags.json ? `${JSON.stringify(answer, null, 2)}\n` : renderWhatIf(answer));
  });
}
