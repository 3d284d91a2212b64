import pino, { type Logger } from 'pino';

/** Log levels the process commands accept with `--log-level`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Structured JSON logs (pino) on stdout, one object per line, written synchronously so the
 * last lines before a crash or a `kill -9` are not lost in a buffer.
 */
export function processLogger(level: string, bindings: Record<string, string>): Logger {
  return pino(
    { level, base: { pid: process.pid, ...bindings }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: true }),
  );
}
