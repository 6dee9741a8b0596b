import { Either } from "effect"
import { parseCommand, helpText } from "./Arguments.js"
import { processTerminal, type Terminal } from "./Terminal.js"

/** What `spe` runs with: its arguments, environment, working folder and terminal. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly terminal: Terminal
}

/** Exit codes: 0 done, 1 the command failed (database unreachable…), 2 bad arguments or settings. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const

/**
 * Runs `spe` with its arguments and returns the exit code. Bad arguments and settings print one
 * French message and give 2; a failing command prints what failed and gives 1; never a stack trace.
 * The commands' modules (database, adapters) are loaded only once the arguments are understood.
 */
export async function runCli(
  argv: ReadonlyArray<string>,
  context: CliContext = { env: process.env, cwd: process.env["INIT_CWD"] ?? process.cwd(), terminal: processTerminal() }
): Promise<number> {
  const command = parseCommand(argv)
  if (Either.isLeft(command)) {
    context.terminal.err(command.left.message)
    return ExitCode.usage
  }
  if (command.right._tag === "help") {
    context.terminal.out(helpText)
    return ExitCode.ok
  }
  const { runCommand } = await import("./Commands.js")
  return runCommand(command.right, context)
}
