import { retryOnConflict, type Clock, type StateStore, type TimerHandle } from '@lifeboat/core';
import {
  collectAgentStatus,
  toClusterStatus,
  type AgentObservation,
  type AgentStatus,
} from './agent-status';

/** Settings of {@link ClusternetAgent}. @public */
export interface ClusternetAgentSettings {
  /** How often status is gathered (`clusterStatusCollectFrequency`). */
  readonly collectFrequencyMs: number;
  /** How often status is posted (`clusterStatusUpdateFrequency`): the heartbeat. */
  readonly updateFrequencyMs: number;
  /** Told about failed collections or reports; the loops keep running. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The member side of the heartbeat: a clusternet-agent's two loops on the injected clock. The
 * collect loop asks `observe` for probes and nodes; the report loop writes the latest collected
 * status to the cluster in the store. `stop` silences the agent (as a dead agent would be).
 * @public
 */
export class ClusternetAgent {
  private collectTimer: TimerHandle | undefined;
  private reportTimer: TimerHandle | undefined;
  private latestStatus: AgentStatus | undefined;

  constructor(
    private readonly clusterName: string,
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly observe: () => AgentObservation | Promise<AgentObservation>,
    private readonly settings: ClusternetAgentSettings,
  ) {}

  /** Whether the loops are running. */
  get running(): boolean {
    return this.collectTimer !== undefined;
  }

  /** The status the next report will post. */
  latest(): AgentStatus | undefined {
    return this.latestStatus;
  }

  /** Collects and reports at once, then every period. Resolves after the first report. */
  async start(): Promise<void> {
    if (this.running) return;
    this.scheduleCollect();
    this.scheduleReport();
    await this.collect();
    await this.report();
  }

  stop(): void {
    if (this.collectTimer) this.clock.clearTimeout(this.collectTimer);
    if (this.reportTimer) this.clock.clearTimeout(this.reportTimer);
    this.collectTimer = undefined;
    this.reportTimer = undefined;
  }

  private scheduleCollect(): void {
    this.collectTimer = this.clock.setTimeout(() => {
      this.scheduleCollect();
      void this.collect();
    }, this.settings.collectFrequencyMs);
  }

  private scheduleReport(): void {
    this.reportTimer = this.clock.setTimeout(() => {
      this.scheduleReport();
      void this.report();
    }, this.settings.updateFrequencyMs);
  }

  private async collect(): Promise<void> {
    try {
      const observation = await this.observe();
      this.latestStatus = collectAgentStatus(
        observation,
        this.clock.now(),
        this.settings.updateFrequencyMs,
      );
    } catch (error) {
      this.settings.onError?.(error);
    }
  }

  private async report(): Promise<void> {
    const status = this.latestStatus;
    if (!status || !this.running) return;
    try {
      await retryOnConflict(async () => {
        const cluster = await this.store.get('Cluster', this.clusterName);
        if (cluster)
          await this.store.update('Cluster', {
            ...cluster,
            status: toClusterStatus(status, cluster.status),
          });
      });
    } catch (error) {
      this.settings.onError?.(error);
    }
  }
}
