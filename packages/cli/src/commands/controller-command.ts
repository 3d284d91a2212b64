import { hostname } from 'node:os';
import { Command, Option } from 'commander';
import { RealClock } from '@lifeboat/core';
import {
  CONTROLLER_FLAVORS,
  readControllerConfig,
  type ControllerFlavor,
} from '../runtime/controller-config';
import { ControllerProcess } from '../runtime/controller-process';
import { mergeEtcdSettings } from '../runtime/controller-etcd-config';
import type { EtcdFlags } from '../runtime/etcd-flags';
import { hubRenewDeadlineMs } from '../runtime/hub-session';
import { MemberFleet } from '../runtime/member-fleet';
import {
  openStateSession,
  stateConnectionOf,
  withStateOptions,
  type StateFlags,
} from '../runtime/state-session';
import { parseListenFlag, parsePortFlag } from '../runtime/flag-parsers';
import { LOG_LEVELS, processLogger } from '../runtime/process-logger';
import { untilSignal } from '../runtime/shutdown-signal';
import { readCaFile } from '../runtime/tls-files';

type ControllerFlags = StateFlags & {
  readonly flavor: ControllerFlavor;
  readonly config?: string;
  readonly port: string;
  readonly listen: string;
  readonly id?: string;
  readonly logLevel: string;
  readonly members?: string;
  readonly memberCa?: string;
};

/**
 * `lifeboat controller`: the real-clock failover controller, its state and leader election on
 * etcd (`--etcd`) or on the hub cluster's API (`--kubeconfig`).
 */
export function controllerCommand(): Command {
  return withStateOptions(
    new Command('controller').description(
      'run the failover controller with its state on etcd (--etcd) or on a hub cluster (--kubeconfig); replicas elect one leader, the others stand by (SIGTERM/SIGINT stop it cleanly)',
    ),
  )
    .addOption(
      new Option('--flavor <flavor>', 'which controllers to run')
        .choices(CONTROLLER_FLAVORS)
        .makeOptionMandatory(),
    )
    .option(
      '--config <file>',
      'YAML/JSON: flavour settings, featureGates, leaderElection, probeTimeout, etcd (see docs/operations.md)',
    )
    .option(
      '--port <n>',
      'port for /metrics, /healthz and /readyz (0 picks a free one, logged at start)',
      '0',
    )
    .option('--listen <address>', 'address the server listens on', '127.0.0.1')
    .option('--id <name>', 'identity in the election (default controller-<host>-<pid>)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .option(
      '--members <path>',
      'real member clusters: a members file (kind: Members) or a directory of kubeconfigs; the leader probes them, reads their capacity and applies workload templates to them (see docs/kubernetes.md)',
    )
    .option(
      '--member-ca <file>',
      "PEM CA bundle of the agents' serving certificates: Karmada probes and Clusternet predictor calls to https:// members verify against it",
    )
    .action(async (flags: ControllerFlags, command: Command) => {
      const config = await readControllerConfig(flags.config, flags.flavor);
      // The config file's etcd section fills in what the etcd flags leave out (etcd mode only).
      const etcd =
        flags.kubeconfig === undefined
          ? mergeEtcdSettings(flags as EtcdFlags, config.etcd, (flag) =>
              ['cli', 'env'].includes(command.getOptionValueSource(flag) ?? ''),
            )
          : { flags: {}, paths: {} };
      const connection = await stateConnectionOf(
        { ...flags, ...etcd.flags },
        process.env,
        etcd.paths,
      );
      const port = parsePortFlag(flags.port);
      const listen = parseListenFlag(flags.listen);
      const memberCa =
        flags.memberCa === undefined ? undefined : await readCaFile(flags.memberCa, '--member-ca');
      if ('hub' in connection) hubRenewDeadlineMs(config);
      // A bad members file fails here, before any election: nothing is half-started.
      const members =
        flags.members === undefined
          ? undefined
          : await MemberFleet.load(flags.members, flags.flavor, config, new RealClock());
      const identity = flags.id ?? `controller-${hostname()}-${process.pid}`;
      const logger = processLogger(flags.logLevel, { component: 'controller', id: identity });
      const session = await openStateSession(connection, { logger });
      const controller = new ControllerProcess({
        session,
        flavor: flags.flavor,
        config,
        identity,
        port,
        listen,
        logger,
        ...(members ? { members } : {}),
        ...(memberCa ? { memberCa } : {}),
      });
      const stopped = untilSignal(logger, async () => {
        await controller.stop();
        session.close();
      });
      await controller.start();
      await stopped;
      logger.info('stopped');
      // Nothing is left to do; exit now rather than wait for the client's sockets to wind down.
      process.exit(0);
    });
}
