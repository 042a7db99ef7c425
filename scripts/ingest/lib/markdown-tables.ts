/** Pipe tables in markdown: rows of trimmed cells, keeping leading spaces of the first cell. */
export interface MdTable {
  header: string[];
  rows: string[][];
  /** 1-based line of the header row. */
  line: number;
}

// detect() and read() both ask for the tables of one text: keep the last answer.
let last: { text: string; tables: MdTable[] } | undefined;

export function markdownTables(text: string): MdTable[] {
  if (last?.text === text) return last.tables;
  const lines = text.split('\n');
  const tables: MdTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isRow(lines[i]!) || !isDelimiter(lines[i + 1]!)) continue;
    const header = cells(lines[i]!).map((c) => c.trim());
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && isRow(lines[j]!); j++) rows.push(cells(lines[j]!));
    tables.push({ header, rows, line: i + 1 });
    i = j - 1;
  }
  last = { text, tables };
  return tables;
}

/** A table row: | at both ends of the trimmed line (string tests, no pattern: a million blank lines stay cheap). */
function isRow(line: string): boolean {
  const t = line.trim();
  return t.length >= 2 && t.startsWith('|') && t.endsWith('|');
}

function isDelimiter(line: string): boolean {
  const t = line.trim();
  return t.length >= 3 && /^\|?\s*:?-{3,}/.test(t);
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // Keep indentation beyond the one padding space: lm-eval indents subtask names and aliases
  // (" - humanities", "  - formal_logic") and the tree is read from it.
  return inner.split('|').map((c) => c.replace(/^ /, '').replace(/\s+$/, ''));
}
