import 'reflect-metadata';
import { runCli } from './run-cli';

// A reader that stops early (`lifeboat simulate big.yaml | head`) is not a failure of the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// Set the code rather than exit, so large reports finish writing to a pipe.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
