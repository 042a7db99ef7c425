/**
 * One convention for every command (ingest, collect, sample-study), after citty's CLIError:
 * - UsageError: the user can fix the command line, config or input file. Prints the message with a
 *   stable code and the usage, exit 2.
 * - FailureError: the work failed for a reason outside the program (a server died, a lock is held,
 *   a benchmark failed). Prints the message with its code, exit 1 (130 after Ctrl-C).
 * - Anything else is a bug: prints the stack, exit 1.
 */

export class UsageError extends Error {
  readonly code: string;
  constructor(message: string, code = 'EUSAGE') {
    super(message);
    this.name = 'UsageError';
    this.code = code;
  }
}

export class FailureError extends Error {
  readonly code: string;
  constructor(message: string, code = 'EFAILED') {
    super(message);
    this.name = 'FailureError';
    this.code = code;
  }
}

/** The text and exit status for an error thrown out of a command's main. */
export function describeError(command: string, usage: string, err: unknown, interrupted = false): { text: string; exitCode: number } {
  if (err instanceof UsageError) return { text: `${command}: ${err.message} [${err.code}]\n${usage}`, exitCode: 2 };
  if (err instanceof FailureError) return { text: `${command}: ${err.message} [${err.code}]`, exitCode: interrupted ? 130 : 1 };
  const trace = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return { text: `${command}: unexpected error (a bug in evalsite; please report it with this trace)\n${trace}`, exitCode: 1 };
}

/**
 * Runs a command's main and sets the exit status by the convention above. `cleanup` runs before
 * the error is printed (the collector stops its servers there).
 */
export async function runCommand(command: string, usage: string, main: () => number | Promise<number>, cleanup?: () => Promise<unknown>, interrupted: () => boolean = () => false): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (cleanup) await cleanup().catch(() => undefined);
    const { text, exitCode } = describeError(command, usage, err, interrupted());
    console.error(text);
    process.exitCode = exitCode;
  }
}

/** Node's parseArgs throws TypeErrors with codes for unknown or malformed flags: those are usage errors. */
export function asUsageError(err: unknown): unknown {
  if (err instanceof TypeError && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) return new UsageError(err.message, 'EARG');
  return err;
}
