import 'reflect-metadata';
import { runCli } from './run-cli';

// A reader that stops early (`lifeboat simulate big.yaml | head`) is not a failure of the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// grpc-js (under the etcd client) sets the TLS server name to the host even when it is an IP
// address (`--etcd https://10.0.0.5:2379`), and Node warns about that (DEP0123) on every
// connection: nothing a user can act on, and it would break the one-line error of a refused
// connection. Every other warning is printed as usual.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' ? (rest[0] as { code?: string })?.code : rest[1];
  if (code === 'DEP0123') return;
  (emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

// Set the code rather than exit, so large reports finish writing to a pipe.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
