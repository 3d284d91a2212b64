import type { LeaderElector } from '../contracts/leader-elector';

/**
 * The embedded default for a single controller: it leads at once and until stopped. Use a real
 * elector (e.g. on etcd leases) when more than one replica runs.
 * @public
 */
export class AlwaysLeader implements LeaderElector {
  private leading = false;
  private readonly abort = new AbortController();
  private release?: () => void;

  async run(callbacks: {
    onStartedLeading(signal: AbortSignal): void | Promise<void>;
    onStoppedLeading(): void;
  }): Promise<void> {
    this.leading = true;
    const stopped = new Promise<void>((resolve) => (this.release = resolve));
    await callbacks.onStartedLeading(this.abort.signal);
    await stopped;
    this.leading = false;
    callbacks.onStoppedLeading();
  }

  isLeader(): boolean {
    return this.leading;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.release?.();
  }
}
