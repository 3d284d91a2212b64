import { FenceLostError } from '@lifeboat/etcd';
import type { Logger } from 'pino';

/**
 * Logs a failed write of the controller's own. A refused fenced write is the expected end of a
 * deposed term, so it is said plainly (with the store's explanation under `fenceLost`, which
 * names the election key when etcd itself refused it), not reported as a crash.
 */
export function logWriteFailure(logger: Logger, error: unknown, otherwise: string): void {
  if (error instanceof FenceLostError)
    logger.warn({ fenceLost: error.message }, 'fenced write refused: this replica no longer leads');
  else logger.warn({ err: error }, otherwise);
}
