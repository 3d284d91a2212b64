import { Command, CommanderError } from 'commander';
import { ValidationError, formatIssue } from '@lifeboat/core';
import type * as SimulateCommand from './commands/simulate-command';
import type * as ValidateCommand from './commands/validate-command';
import type * as WhatIfCommand from './commands/what-if-command';
import { ExitCode } from './exit-codes';
import type * as SimulationFlavors from './flavors/simulation-flavors';
import type * as ProcessCommands from './runtime/process-commands';
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

function resolveIo(options: CliOptions): CliIo {
  return {
    out: options.out ?? ((t) => void process.stdout.write(t)),
    err: options.err ?? ((t) => void process.stderr.write(t)),
  };
}

/*
 * Each command's module is loaded only when its command is added, so `lifeboat simulate` does not
 * load the etcd and Kubernetes clients the process commands need (about half a second of CPU at
 * start-up, most of the 100-cluster example's loading time). `require` rather than `import()`:
 * `createProgram` stays synchronous.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const flavorsOf = (options: CliOptions): readonly SimulationFlavor[] =>
  options.flavors ??
  (require('./flavors/simulation-flavors') as typeof SimulationFlavors).SIMULATION_FLAVORS;

/** The commands, in the order help lists them, by the names that select them on the command line. */
const COMMANDS: readonly {
  readonly names: readonly string[];
  readonly add: (program: Command, io: CliIo, options: CliOptions) => void;
}[] = [
  {
    names: ['simulate'],
    add: (program, io, options) =>
      program.addCommand(
        (require('./commands/simulate-command') as typeof SimulateCommand).simulateCommand(
          io.out,
          flavorsOf(options),
        ),
      ),
  },
  {
    names: ['validate'],
    add: (program, io, options) =>
      program.addCommand(
        (require('./commands/validate-command') as typeof ValidateCommand).validateCommand(
          io.out,
          flavorsOf(options),
        ),
      ),
  },
  {
    names: ['what-if'],
    add: (program, io, options) =>
      program.addCommand(
        (require('./commands/what-if-command') as typeof WhatIfCommand).whatIfCommand(
          io.out,
          io.err,
          flavorsOf(options),
        ),
      ),
  },
  {
    names: ['controller', 'agent', 'apply', 'status'],
    add: (program, io) =>
      (require('./runtime/process-commands') as typeof ProcessCommands).addProcessCommands(
        program,
        io,
      ),
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The program with every command, or with only the one `argv` names (its module alone loaded);
 * help, a bare `lifeboat` and an unknown command get them all.
 */
function programFor(options: CliOptions, argv?: readonly string[]): Command {
  const io = resolveIo(options);
  const named = argv?.[2];
  const only = COMMANDS.find((command) => named !== undefined && command.names.includes(named));
  const program = new Command('lifeboat')
    .description(
      'Lifeboat: multi-cluster workload failover. Simulate and validate scenarios; run controllers and agents on etcd.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const command of only ? [only] : COMMANDS) command.add(program, io, options);
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/** The `lifeboat` program with its commands. @public */
export function createProgram(options: CliOptions = {}): Command {
  return programFor(options);
}

/**
 * Runs `lifeboat` with `argv` (as `process.argv`) and returns the exit code: 0 on success, 2 when
 * the input is refused (one line per problem, naming the field path, on stderr), 1 when the run
 * itself fails. Never prints a stack trace.
 * @public
 */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<ExitCode> {
  const io = resolveIo(options);
  const program = programFor(options, argv);
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
