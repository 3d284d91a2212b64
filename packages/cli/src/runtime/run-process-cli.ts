import { Command, CommanderError } from 'commander';
import { ValidationError, formatIssue } from '@lifeboat/core';
import { EtcdUnavailableError } from '@lifeboat/etcd';
import { agentCommand } from '../commands/agent-command';
import { applyCommand } from '../commands/apply-command';
import { controllerCommand } from '../commands/controller-command';
import { statusCommand } from '../commands/status-command';
import { ExitCode } from '../exit-codes';

/** The commands that run against etcd (as opposed to the simulator's). */
export const PROCESS_COMMANDS: readonly string[] = ['controller', 'agent', 'apply', 'status'];

/** Whether `argv` (as `process.argv`) names one of the {@link PROCESS_COMMANDS}. */
export function isProcessCommand(argv: readonly string[]): boolean {
  return PROCESS_COMMANDS.includes(argv[2] ?? '');
}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Adds `controller`, `agent`, `apply` and `status` to a `lifeboat` program. */
export function addProcessCommands(program: Command, io: Io): Command {
  for (const command of [controllerCommand(), agentCommand(), applyCommand(io.out), statusCommand(io.out)]) {
    // No help after an error: a bad flag gets exactly one line (commander's "error: ...").
    program.addCommand(command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }));
  }
  return program;
}

/**
 * Runs one of the {@link PROCESS_COMMANDS} and returns the exit code: 0 on success, 2 for bad
 * flags or input (one line per problem, naming the flag or field path), 1 when etcd cannot be
 * reached or the command fails. Never prints a stack trace.
 */
export async function runProcessCli(argv: readonly string[], io: Io = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) }): Promise<ExitCode> {
  const program = new Command('lifeboat').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  addProcessCommands(program, io);
  try {
    await program.parseAsync([...argv]);
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Success : ExitCode.InvalidInput;
    if (error instanceof ValidationError) {
      io.err(`${error.issues.map(formatIssue).join('\n')}\n`);
      return ExitCode.InvalidInput;
    }
    if (error instanceof EtcdUnavailableError) {
      io.err(`lifeboat: ${error.message}\n`);
      return ExitCode.RuntimeFailure;
    }
    io.err(`lifeboat: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.RuntimeFailure;
  }
}
