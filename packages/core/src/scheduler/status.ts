/**
 * Plugin outcome codes (kube-scheduler's closed set):
 * - `Success`: go on;
 * - `Skip`: the plugin has nothing to say for this binding (its paired points are skipped too);
 * - `Unschedulable`: rejected, but something else (another cluster, post-filter) might help;
 * - `UnschedulableAndUnresolvable`: rejected and nothing in this cycle can change that;
 * - `Error`: a bug or an I/O failure; the cycle is aborted and retried with backoff.
 * @public
 */
export type StatusCode =
  'Success' | 'Skip' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

/**
 * The outcome of a plugin call. Expected outcomes are values, not exceptions; the runtime turns
 * a thrown error into an `Error` status and stamps the plugin's name on every non-success.
 * @public
 */
export class Status {
  private constructor(
    readonly code: StatusCode,
    readonly reasons: readonly string[],
    readonly plugin?: string,
    readonly cause?: unknown,
  ) {
    Object.freeze(this);
  }

  /** The shared success value: the happy path allocates nothing. */
  static readonly success = new Status('Success', []);
  static readonly skip = new Status('Skip', []);

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  static error(cause: unknown, reason?: string): Status {
    const message = reason ?? (cause instanceof Error ? cause.message : String(cause));
    return new Status('Error', [message], undefined, cause);
  }

  /** This status attributed to `plugin` (the runtime does this). */
  withPlugin(plugin: string): Status {
    return this.code === 'Success' || this.plugin === plugin
      ? this
      : new Status(this.code, this.reasons, plugin, this.cause);
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  isSkip(): boolean {
    return this.code === 'Skip';
  }

  /** Unschedulable or unresolvable. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable';
  }

  /** `reason; reason` */
  message(): string {
    return this.reasons.join('; ');
  }
}
