import 'reflect-metadata';
import { runCli } from './run-cli';

// Set the code rather than exit, so large reports finish writing to a pipe.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
