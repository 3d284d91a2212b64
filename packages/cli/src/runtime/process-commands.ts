import type { Command } from 'commander';
import { agentCommand } from '../commands/agent-command';
import { applyCommand } from '../commands/apply-command';
import { controllerCommand } from '../commands/controller-command';
import { statusCommand } from '../commands/status-command';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Adds `controller`, `agent`, `apply` and `status` to a `lifeboat` program. */
export function addProcessCommands(program: Command, io: Io): Command {
  for (const command of [
    controllerCommand(),
    agentCommand(),
    applyCommand(io.out),
    statusCommand(io.out),
  ]) {
    // No help after an error: a bad flag gets exactly one line (commander's "error: ...").
    program.addCommand(
      command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }),
    );
  }
  return program;
}
