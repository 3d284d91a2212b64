import type { PurgeMode } from '@lifeboat/core';

/**
 * The purge mode to write: with the GracefulEviction gate off nothing is kept for a grace period,
 * so `Gracefully` becomes `Directly` (as Karmada's taint manager did before v1.14).
 * @internal
 */
export function effectivePurgeMode(mode: PurgeMode, gracefulEvictionEnabled: boolean): PurgeMode {
  return mode === 'Gracefully' && !gracefulEvictionEnabled ? 'Directly' : mode;
}
