/**
 * Decides which controller replica is active. `run` resolves once leadership is lost or `stop`
 * is called; `onStartedLeading` receives a signal that aborts when leadership ends. The caller
 * drives it: run a `FailoverManager` inside `onStartedLeading` and stop it when the signal aborts.
 * @public
 */
export interface LeaderElector {
  run(callbacks: {
    onStartedLeading(signal: AbortSignal): void | Promise<void>;
    onStoppedLeading(): void;
  }): Promise<void>;
  isLeader(): boolean;
  stop(): Promise<void>;
}
