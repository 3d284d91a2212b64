import {
  ACTUATOR,
  FailoverManager,
  RealClock,
  register,
  registerCore,
  resolve,
  type Clock,
} from '@lifeboat/core';
import type { Logger } from 'pino';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { ControllerConfig, ControllerFlavor } from './controller-config';
import { LeaderRecord } from './leader-record';
import { registerControllerFlavor } from './register-controller-flavor';
import { ProcessServer } from './process-server';
import { logWriteFailure } from './log-write-failure';
import type { MemberFleet, MemberTerm } from './member-fleet';
import { ReportCollector } from './report-collector';
import type { SessionElector, StateSession } from './state-session';
import { StoreChannelActuator } from './store-channel-actuator';

/** Settings of a {@link ControllerProcess}. */
export interface ControllerProcessOptions {
  /** Where the state is and the election held: etcd or the hub. */
  readonly session: StateSession;
  readonly flavor: ControllerFlavor;
  readonly config: ControllerConfig;
  /** Who campaigns: the election key's value and the leader record's holder. */
  readonly identity: string;
  readonly port: number;
  /** Address the server listens on (default 127.0.0.1). */
  readonly listen?: string;
  readonly logger: Logger;
  /** Real member clusters (`--members`): the leader probes them, reads their capacity and applies to them. */
  readonly members?: MemberFleet;
  /** CA bundle of the members' serving certificates (`--member-ca`), for https probes and predictor calls. */
  readonly memberCa?: Buffer;
}

/** Waits before campaigning again after a term that could not start, doubling up to the last. */
const FAILED_TERM_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/** One term of leadership: its own container, registry and manager, thrown away when it ends. */
interface Term {
  readonly child: DependencyContainer;
  readonly registry: Registry;
  readonly manager: FailoverManager;
  readonly record: LeaderRecord;
  readonly members?: MemberTerm;
  /** Copies the agents' reports into the bindings (when the store is the channel to agents). */
  readonly collector?: ReportCollector;
  /** Taking the leader record and starting the manager; a term ends only after it settles. */
  starting: Promise<void>;
  ended?: Promise<void>;
}

/**
 * `lifeboat controller`: campaigns for leadership on its state's backend (etcd's election key,
 * or a Lease on the hub); while leading, runs core's `FailoverManager` composed with the flavour
 * through DI exactly as a user would (registerCore with the fenced store, then the flavour, then
 * the actuator), so every write of the term checks on the backend that this replica still leads. A lost term throws its container away and the
 * process campaigns again, so a deposed or partitioned replica becomes a standby, not a zombie.
 * Serves `/metrics`, `/healthz` and `/readyz` on loopback throughout.
 */
export class ControllerProcess {
  private readonly clock: Clock = new RealClock();
  private readonly election: SessionElector;
  private readonly server: ProcessServer;
  /** Process-wide metrics; each term adds its own registry from its container. */
  private readonly processRegistry = new Registry();
  private readonly leading: Gauge;
  private term?: Term;
  private stopping = false;
  private campaigning?: Promise<void>;
  /** Terms in a row that ended before their failover manager ran. */
  private failedTerms = 0;
  private backoff?: { timer: ReturnType<Clock['setTimeout']>; wake: () => void };

  constructor(private readonly options: ControllerProcessOptions) {
    const { config, session, identity } = options;
    this.election = session.elector({
      identity,
      leaseTtlSeconds: config.leaseTtlSeconds,
      retryPeriodMs: config.retryPeriodMs,
      ...(config.renewDeadlineMs === undefined ? {} : { renewDeadlineMs: config.renewDeadlineMs }),
    });
    collectDefaultMetrics({ register: this.processRegistry, prefix: 'lifeboat_controller_' });
    this.leading = new Gauge({
      name: 'lifeboat_controller_leader',
      help: '1 while this replica is the active controller, else 0.',
      registers: [this.processRegistry],
    });
    this.server = new ProcessServer({
      '/healthz': { get: () => ({ status: 200, body: 'ok\n' }) },
      // Ready means "doing its job": leading with caches loaded, or standing by for the leader;
      // neither is possible while etcd (or the hub) does not answer.
      '/readyz': {
        get: () =>
          this.stopping
            ? { status: 503, body: 'stopping\n' }
            : !session.health.healthy
              ? { status: 503, body: `${session.backend} unreachable\n` }
              : { status: 200, body: `${this.term ? 'leader' : 'standby'}\n` },
      },
      '/metrics': { get: () => this.metrics() },
    });
  }

  /** Listens, then campaigns in the background; resolves with the HTTP address. */
  async start(): Promise<string> {
    const address = await this.server.listen(this.options.port, this.options.listen);
    this.options.session.health.start();
    this.options.logger.info(
      { address, flavor: this.options.flavor, election: this.election.election },
      'controller listening; campaigning for leadership',
    );
    this.campaigning = this.campaign();
    return address;
  }

  /** Releases leadership at once (so a standby need not wait for the TTL), stops everything. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.backoff) {
      this.clock.clearTimeout(this.backoff.timer);
      this.backoff.wake();
    }
    // End the term while still leading, so the release of the leader record is accepted.
    if (this.term) await this.endTerm(this.term, 'shutting down');
    await this.election.elector.stop();
    await this.campaigning;
    await this.options.session.health.stop();
    await this.server.close();
  }

  private async campaign(): Promise<void> {
    while (!this.stopping) {
      let started = false;
      await this.election.elector.run({
        onStartedLeading: async (signal) => {
          await this.lead(signal);
          started = true;
        },
        onStoppedLeading: () => this.options.logger.info('leadership ended'),
      });
      if (this.stopping) break;
      // A term whose start failed (etcd refused its writes, the caches could not load) would
      // otherwise be retried at once, in a loop: wait longer after each such term.
      this.failedTerms = started ? 0 : this.failedTerms + 1;
      if (this.failedTerms > 0) await this.pause(this.failedTerms);
      if (!this.stopping) this.options.logger.info('campaigning again as a standby');
    }
  }

  private pause(failures: number): Promise<void> {
    const delay = FAILED_TERM_BACKOFF_MS[
      Math.min(failures, FAILED_TERM_BACKOFF_MS.length) - 1
    ] as number;
    this.options.logger.warn(
      { failedTerms: failures, retryInMs: delay },
      'the term could not start; waiting before campaigning again',
    );
    return new Promise((resolve) => {
      const wake = (): void => {
        this.backoff = undefined;
        resolve();
      };
      this.backoff = { timer: this.clock.setTimeout(wake, delay), wake };
    });
  }

  private async lead(signal: AbortSignal): Promise<void> {
    const { logger, identity, config } = this.options;
    logger.info({ election: this.election.election }, 'leading: starting the failover manager');
    // Every write of the term checks, on the backend, that *this term* still leads: the term's
    // own fence, not the elector's current one, so a reconcile of an old term that finishes late
    // (say, after etcd came back and this process won a new term) cannot write with the new
    // term's authority from the old term's cache.
    const termStore = this.election.termStore();
    const registry = new Registry();
    const child = rootContainer.createChildContainer();
    registerCore(child, {
      clock: this.clock,
      store: termStore,
      logger,
      metrics: registry,
    });
    const { memberCa } = this.options;
    registerControllerFlavor(
      child,
      this.options.flavor,
      config,
      memberCa ? { ca: memberCa, clock: this.clock } : undefined,
    );
    // With real members the leader reaches them itself; without, the store is the channel to agents.
    const members = this.options.members?.register(child, termStore, logger);
    if (!members)
      register(child, ACTUATOR, { useValue: new StoreChannelActuator(logger, registry) });
    const reports = this.options.session.reports;
    const collector =
      members || !reports ? undefined : new ReportCollector(reports, termStore, this.clock, logger);
    const manager = resolve(child, FailoverManager);
    // With the term's fence, a release after a lost term really reaches the backend and is refused there.
    const record = new LeaderRecord(
      termStore,
      this.clock,
      identity,
      config.leaseTtlSeconds,
      logger,
    );
    const term: Term = {
      child,
      registry,
      manager,
      record,
      ...(members ? { members } : {}),
      ...(collector ? { collector } : {}),
      starting: Promise.resolve(),
    };
    this.term = term;
    this.leading.set(1);
    term.starting = (async () => {
      await record.acquire();
      await members?.start();
      await manager.start();
      await collector?.start();
    })();
    // Registered before the first await, so no abort is missed; endTerm waits for the start.
    signal.addEventListener(
      'abort',
      () =>
        void this.endTerm(
          term,
          signal.reason instanceof Error ? signal.reason.message : 'leadership lost',
        ),
    );
    await term.starting;
    logger.info('failover manager running');
  }

  private endTerm(term: Term, reason: string): Promise<void> {
    term.ended ??= (async () => {
      const { logger } = this.options;
      logger.info({ reason }, 'term over: stopping the failover manager');
      if (this.term === term) this.term = undefined;
      this.leading.set(0);
      await term.starting.catch(() => undefined);
      term.record.stopRenewing();
      await term.collector?.stop();
      await term.manager.stop();
      await term.members?.stop();
      try {
        await term.record.release();
        logger.info('leader record released');
      } catch (error) {
        logWriteFailure(logger, error, 'could not release the leader record');
      }
      await term.child.dispose();
    })();
    return term.ended;
  }

  private async metrics(): Promise<{ status: number; body: string; contentType: string }> {
    const base = [this.processRegistry, this.options.session.registry];
    const registries = this.term ? [...base, this.term.registry] : base;
    const merged = Registry.merge(registries);
    return { status: 200, body: await merged.metrics(), contentType: merged.contentType };
  }
}
