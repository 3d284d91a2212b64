import { Command, Option } from 'commander';
import { ValidationError } from '@lifeboat/core';
import { AgentProcess } from '../runtime/agent-process';
import { CONTROLLER_FLAVORS, type ControllerFlavor } from '../runtime/controller-config';
import { etcdConnectionOf, withEtcdOptions, type EtcdFlags } from '../runtime/etcd-flags';
import { openEtcdSession } from '../runtime/etcd-session';
import {
  parseAdvertiseFlag,
  parseCapacityFlag,
  parseDurationFlag,
  parseLabelsFlag,
  parseListFlag,
  parseListenFlag,
  parseNameFlag,
  parsePortFlag,
} from '../runtime/flag-parsers';
import { LOG_LEVELS, processLogger } from '../runtime/process-logger';
import { untilSignal } from '../runtime/shutdown-signal';
import { readServingTls } from '../runtime/tls-files';

interface AgentFlags extends EtcdFlags {
  readonly cluster: string;
  readonly capacity: string;
  readonly region?: string;
  readonly zones?: string;
  readonly provider?: string;
  readonly labels?: string;
  readonly port: string;
  readonly listen: string;
  readonly advertise?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly flavor: ControllerFlavor;
  readonly syncMode?: 'Push' | 'Pull';
  readonly heartbeatInterval: string;
  readonly leaseDuration: string;
  readonly startupSeconds: string;
  readonly logLevel: string;
}

/** `lifeboat agent`: a member cluster's stand-in that registers, heartbeats and runs its replicas. */
export function agentCommand(): Command {
  return withEtcdOptions(
    new Command('agent').description(
      'run a member-cluster stand-in: registers the cluster, heartbeats, serves /readyz and the predictor, runs the replicas placed on it',
    ),
  )
    .requiredOption('--cluster <name>', 'the member cluster this agent is (a DNS label)')
    .requiredOption('--capacity <list>', 'cluster resources, e.g. cpu=8,memory=32Gi,pods=110')
    .option('--region <region>', 'cluster region')
    .option('--zones <list>', 'cluster zones, comma-separated')
    .option('--provider <name>', 'cloud provider')
    .option('--labels <list>', 'cluster labels, e.g. env=prod,team=a')
    .option(
      '--port <n>',
      'port for /readyz, /replicas, /metrics and the predictor (0 picks a free one)',
      '0',
    )
    .option('--listen <address>', 'address the server listens on', '127.0.0.1')
    .option(
      '--advertise <url>',
      "the cluster's endpoint as the controllers reach it (default http://LISTEN:PORT, https:// with --tls-cert)",
    )
    .option(
      '--tls-cert <file>',
      'PEM serving certificate: /readyz and the predictor over HTTPS (controllers verify it with --member-ca)',
    )
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .addOption(
      new Option(
        '--flavor <flavor>',
        'whose member side to speak (Karmada: probed /readyz and a lease; Clusternet: status reports)',
      )
        .choices(CONTROLLER_FLAVORS)
        .default('karmada'),
    )
    .addOption(
      new Option(
        '--sync-mode <mode>',
        'Karmada: Push (the controller probes /readyz) or Pull (lease and reported readyz); default Push, Clusternet Pull',
      ).choices(['Push', 'Pull']),
    )
    .option(
      '--heartbeat-interval <duration>',
      'time between heartbeats (lease renewal and status)',
      '10s',
    )
    .option(
      '--lease-duration <duration>',
      'duration written on the cluster lease (whole seconds)',
      '40s',
    )
    .option(
      '--startup-seconds <n>',
      'start-up delay of a replica when its workload does not say',
      '10',
    )
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .action(async (flags: AgentFlags) => {
      const connection = await etcdConnectionOf(flags);
      const cluster = parseNameFlag(flags.cluster, '--cluster');
      const capacity = parseCapacityFlag(flags.capacity);
      const labels = flags.labels === undefined ? undefined : parseLabelsFlag(flags.labels);
      const port = parsePortFlag(flags.port);
      const listen = parseListenFlag(flags.listen);
      const advertise =
        flags.advertise === undefined ? undefined : parseAdvertiseFlag(flags.advertise);
      const tls = await readServingTls(flags.tlsCert, flags.tlsKey);
      const heartbeatIntervalMs = parseDurationFlag(
        flags.heartbeatInterval,
        '--heartbeat-interval',
      );
      const leaseDurationSeconds = Math.ceil(
        parseDurationFlag(flags.leaseDuration, '--lease-duration', { min: '1s' }) / 1000,
      );
      if (leaseDurationSeconds * 1000 <= heartbeatIntervalMs)
        throw ValidationError.at(
          '--lease-duration',
          'must be longer than --heartbeat-interval, or the lease expires between beats',
        );
      const startupSeconds =
        parseDurationFlag(flags.startupSeconds, '--startup-seconds', { min: 0 }) / 1000;
      const syncMode = flags.syncMode ?? (flags.flavor === 'clusternet' ? 'Pull' : 'Push');
      const logger = processLogger(flags.logLevel, { component: 'agent', cluster });
      let agent: AgentProcess | undefined;
      const session = await openEtcdSession(connection, {
        logger,
        onHealthChange: (healthy) => {
          if (healthy) agent?.etcdBack();
        },
      });
      agent = new AgentProcess({
        session,
        cluster,
        flavor: flags.flavor,
        syncMode,
        capacity,
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.zones ? { zones: parseListFlag(flags.zones) } : {}),
        ...(flags.provider ? { provider: flags.provider } : {}),
        ...(labels ? { labels } : {}),
        port,
        listen,
        ...(advertise ? { advertise } : {}),
        ...(tls ? { tls } : {}),
        heartbeatIntervalMs,
        leaseDurationSeconds,
        startupSeconds,
        logger,
      });
      const running = agent;
      const stopped = untilSignal(logger, async () => {
        await running.stop();
        session.close();
      });
      try {
        await running.start();
      } catch (error) {
        // Close what started (the server listens before registering), so the process can exit.
        await running.stop().catch(() => undefined);
        session.close();
        throw error;
      }
      await stopped;
      logger.info('stopped');
      // Nothing is left to do; exit now rather than wait for the etcd client's sockets to wind down.
      process.exit(0);
    });
}
