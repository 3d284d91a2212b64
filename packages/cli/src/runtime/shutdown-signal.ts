import { RealClock } from '@lifeboat/core';
import type { Logger } from 'pino';

/** How long a clean shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Runs `stop` once on the first SIGTERM or SIGINT and resolves when it has finished. A second
 * signal, or a shutdown that takes longer than {@link SHUTDOWN_TIMEOUT_MS}, exits at once with
 * code 1: an operator pressing Ctrl-C twice means it.
 */
export function untilSignal(
  logger: Logger,
  stop: (signal: string) => Promise<void>,
): Promise<void> {
  const clock = new RealClock();
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without a clean shutdown');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const timer = clock.setTimeout(() => {
        logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'clean shutdown took too long; exiting');
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS);
      void stop(signal)
        .catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'))
        .finally(() => {
          clock.clearTimeout(timer);
          resolve();
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
