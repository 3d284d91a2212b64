import 'reflect-metadata';
import { runCli } from './run-cli';
import { isProcessCommand, runProcessCli } from './runtime/run-process-cli';

// A reader that stops early (`lifeboat simulate big.yaml | head`) is not a failure of the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// Set the code rather than exit, so large reports finish writing to a pipe. The commands that
// run against etcd (controller, agent, apply, status) have their own runner.
void (isProcessCommand(process.argv) ? runProcessCli(process.argv) : runCli(process.argv)).then((code) => {
  process.exitCode = code;
});
