/** CSV forms of the summary and metrics files, read with papaparse; numbers become numbers. */
import Papa from 'papaparse';
import type { ReadContext } from '../adapter.ts';
import { dict } from '../../../domain/guards.ts';

export function readCsvRecords(path: string, ctx: ReadContext): Record<string, unknown>[] | undefined {
  const decoded = ctx.readText(path);
  if (!decoded) return undefined;
  return parseCsvText(decoded.text, ctx.rel(path), ctx);
}

export function parseCsvText(text: string, file: string, ctx: Pick<ReadContext, 'problems'>): Record<string, unknown>[] | undefined {
  if (text.trim() === '') {
    ctx.problems.error(file, 'file is empty', { dialect: 'csv' });
    return undefined;
  }
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  for (const e of parsed.errors.slice(0, 5)) {
    // papaparse counts data rows from 0; the header is line 1.
    ctx.problems.warning(file, `CSV: ${e.message}`, { ...(e.row !== undefined ? { line: e.row + 2 } : {}), dialect: 'csv' });
  }
  return parsed.data.map((row) => {
    const out = dict<unknown>();
    for (const [k, v] of Object.entries(row)) {
      const t = typeof v === 'string' ? v.trim() : v;
      out[k] = t === '' || t === undefined ? undefined : /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(String(t)) ? Number(t) : /^(true|false)$/i.test(String(t)) ? String(t).toLowerCase() === 'true' : /^(null|none|nan)$/i.test(String(t)) ? null : t;
    }
    return out;
  });
}
