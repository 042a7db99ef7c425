/** Collects what ingest could not read, so one bad file never stops the others. */
import type { Problem } from '../schemas/types.gen.ts';

export type { Problem };

export class ProblemLog {
  readonly items: Problem[] = [];

  add(problem: Problem): void {
    this.items.push(problem);
  }

  error(file: string, message: string, extra: Partial<Problem> = {}): void {
    this.add({ severity: 'error', file, message, ...extra });
  }

  warning(file: string, message: string, extra: Partial<Problem> = {}): void {
    this.add({ severity: 'warning', file, message, ...extra });
  }

  count(severity: Problem['severity']): number {
    return this.items.filter((p) => p.severity === severity).length;
  }
}

/** One line a person can act on: `file:line:column pointer: message (expected X, found Y)`. */
export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.column !== undefined) where += `:${p.column}`;
  const pointer = p.pointer !== undefined ? ` ${p.pointer === '' ? '(root)' : p.pointer}` : '';
  const detail = [p.expected && `expected ${p.expected}`, p.found && `found ${p.found}`].filter(Boolean).join(', ');
  return `${p.severity}: ${where}${pointer}: ${p.message}${detail ? ` (${detail})` : ''}`;
}
