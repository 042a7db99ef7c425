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
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: csvDelimiter(text), transformHeader: (h) => h.trim() });
  for (const e of parsed.errors.slice(0, 5)) {
    // papaparse counts data rows from 0; the header is line 1.
    ctx.problems.warning(file, `CSV: ${e.message}`, { ...(e.row !== undefined ? { line: e.row + 2 } : {}), dialect: 'csv' });
  }
  if (parsed.data.length === 0) ctx.problems.warning(file, 'CSV has a header but no data rows', { line: 1, dialect: 'csv' });
  // In semicolon- or tab-separated files (European spreadsheets) "78,5" is 78.5.
  const decimalComma = parsed.meta.delimiter !== ',';
  let firstComma: { line: number; column: string; text: string } | undefined;
  const rows = parsed.data.map((row, i) => {
    const out = dict<unknown>();
    for (const [k, v] of Object.entries(row)) {
      let t = typeof v === 'string' ? v.trim() : v;
      if (decimalComma && typeof t === 'string' && /^-?\d+,\d+$/.test(t)) {
        firstComma ??= { line: i + 2, column: k, text: t };
        t = t.replace(',', '.');
      }
      out[k] = t === '' || t === undefined ? undefined : /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(String(t)) ? Number(t) : /^(true|false)$/i.test(String(t)) ? String(t).toLowerCase() === 'true' : /^(null|none|nan)$/i.test(String(t)) ? null : t;
    }
    return out;
  });
  if (firstComma) {
    ctx.problems.warning(file, `decimal commas read as decimal points ("${firstComma.text}" in column ${firstComma.column} is ${firstComma.text.replace(',', '.')})`, { line: firstComma.line, dialect: 'csv', found: `"${parsed.meta.delimiter === ';' ? ';' : 'tab'}"-separated values` });
  }
  return rows;
}

/** The delimiter of a CSV file from its header line: the most frequent of comma, semicolon and tab. */
export function csvDelimiter(text: string): ',' | ';' | '\t' {
  const nl = text.indexOf('\n');
  const header = nl === -1 ? text : text.slice(0, nl);
  const count = (c: string) => header.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}
