/** JSON Lines: one bad line is reported with its number and skipped; the rest are kept. */
import { parseJson } from '../../../domain/json-source.ts';
import type { ProblemLog } from '../../../domain/problems.ts';

export interface JsonlLine {
  value: unknown;
  /** 1-based line number in the file. */
  line: number;
  /** The line's text, for mapping pointers to columns. */
  text: string;
}

export function readJsonl(text: string, file: string, problems: ProblemLog, dialect?: string): JsonlLine[] {
  const out: JsonlLine[] = [];
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const raw = text.slice(start, end);
    const isLast = end >= text.length;
    start = end + 1;
    if (raw.trim() === '') {
      if (isLast) break;
      continue;
    }
    const parsed = parseJson(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (parsed.ok) {
      out.push({ value: parsed.value, line: lineNo, text: raw });
      if (parsed.nonFinite.length) {
        problems.warning(file, `non-finite number (NaN/Infinity) read as null`, { line: lineNo, pointer: parsed.nonFinite[0], dialect });
      }
    } else {
      const cut = isLast && parsed.truncated;
      problems.add({
        severity: cut ? 'warning' : 'error',
        file,
        line: lineNo,
        column: parsed.position.column,
        message: cut ? `last line is cut off mid-write (${parsed.message}); the ${out.length} complete lines before it were kept` : `invalid JSON line skipped: ${parsed.message}`,
        dialect,
      });
    }
    if (isLast) break;
  }
  return out;
}
