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
import { etcdConnectionOf, withEtcdOptions, type EtcdFlags } from '../runtime/etcd-flags';
import { MemberFleet } from '../runtime/member-fleet';
import { openEtcdSession } from '../runtime/etcd-session';
import { parseListenFlag, parsePortFlag } from '../runtime/flag-parsers';
import { LOG_LEVELS, processLogger } from '../runtime/process-logger';
import { untilSignal } from '../runtime/shutdown-signal';
import { readCaFile } from '../runtime/tls-files';

interface ControllerFlags extends EtcdFlags {
  readonly flavor: ControllerFlavor;
  readonly config?: string;
  readonly port: string;
  readonly listen: string;
  readonly id?: string;
  readonly logLevel: string;
  readonly members?: string;
  readonly memberCa?: string;
}

/** `lifeboat controller`: the real-clock failover controller with leader election on etcd. */
export function controllerCommand(): Command {
  return withEtcdOptions(
    new Command('controller').description(
      'run the failover controller on etcd; replicas elect one leader, the others stand by (SIGTERM/SIGINT stop it cleanly)',
    ),
    // The endpoints may come from the config file's etcd section instead.
    { required: false },
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
      const etcd = mergeEtcdSettings(flags, config.etcd, (flag) =>
        ['cli', 'env'].includes(command.getOptionValueSource(flag) ?? ''),
      );
      const connection = await etcdConnectionOf(etcd.flags, process.env, etcd.paths);
      const port = parsePortFlag(flags.port);
      const listen = parseListenFlag(flags.listen);
      const memberCa =
        flags.memberCa === undefined ? undefined : await readCaFile(flags.memberCa, '--member-ca');
      // A bad members file fails here, before any election: nothing is half-started.
      const members =
        flags.members === undefined
          ? undefined
          : await MemberFleet.load(flags.members, flags.flavor, config, new RealClock());
      const identity = flags.id ?? `controller-${hostname()}-${process.pid}`;
      const logger = processLogger(flags.logLevel, { component: 'controller', id: identity });
      const session = await openEtcdSession(connection, { logger });
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
      // Nothing is left to do; exit now rather than wait for the etcd client's sockets to wind down.
      process.exit(0);
    });
}
