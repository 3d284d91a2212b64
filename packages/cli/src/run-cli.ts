import { Command, CommanderError } from 'commander';
import { ValidationError, formatIssue } from '@lifeboat/core';
import { simulateCommand } from './commands/simulate-command';
import { validateCommand } from './commands/validate-command';
import { whatIfCommand } from './commands/what-if-command';
import { ExitCode } from './exit-codes';
import { SIMULATION_FLAVORS } from './flavors/simulation-flavors';
import { addProcessCommands } from './runtime/process-commands';
import type { SimulationFlavor } from '@lifeboat/simulator';

/** Where the CLI writes and which flavours it knows; the process streams and every flavour unless given. @public */
export interface CliOptions {
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
  readonly flavors?: readonly SimulationFlavor[];
}

interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function resolveOptions(options: CliOptions): CliIo & { flavors: readonly SimulationFlavor[] } {
  return {
    out: options.out ?? ((t) => void process.stdout.write(t)),
    err: options.err ?? ((t) => void process.stderr.write(t)),
    flavors: options.flavors ?? SIMULATION_FLAVORS,
  };
}

/** The `lifeboat` program with its commands. @public */
export function createProgram(options: CliOptions = {}): Command {
  const io = resolveOptions(options);
  const program = new Command('lifeboat')
    .description(
      'Lifeboat: multi-cluster workload failover. Simulate and validate scenarios; run controllers and agents on etcd.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program.addCommand(simulateCommand(io.out, io.flavors));
  program.addCommand(validateCommand(io.out, io.flavors));
  program.addCommand(whatIfCommand(io.out, io.err, io.flavors));
  addProcessCommands(program, io);
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/**
 * Runs `lifeboat` with `argv` (as `process.argv`) and returns the exit code: 0 on success, 2 when
 * the input is refused (one line per problem, naming the field path, on stderr), 1 when the run
 * itself fails. Never prints a stack trace.
 * @public
 */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<ExitCode> {
  const io = resolveOptions(options);
  const program = createProgram(options);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return ExitCode.InvalidInput;
    }
    await program.parseAsync([...argv]);
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exits too; usage errors were already printed by commander.
      return error.exitCode === 0 ? ExitCode.Success : ExitCode.InvalidInput;
    }
    if (error instanceof ValidationError) {
      io.err(`${error.issues.map(formatIssue).join('\n')}\n`);
      return ExitCode.InvalidInput;
    }
    io.err(`lifeboat: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.RuntimeFailure;
  }
}
