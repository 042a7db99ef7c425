/** Pipe tables in markdown: rows of trimmed cells, keeping leading spaces of the first cell. */
export interface MdTable {
  header: string[];
  rows: string[][];
  /** 1-based line of the header row. */
  line: number;
}

export function markdownTables(text: string): MdTable[] {
  const lines = text.split(/\r?\n/);
  const tables: MdTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isRow(lines[i]!) || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1]!)) continue;
    const header = cells(lines[i]!).map((c) => c.trim());
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && isRow(lines[j]!); j++) rows.push(cells(lines[j]!));
    tables.push({ header, rows, line: i + 1 });
    i = j - 1;
  }
  return tables;
}

function isRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // Keep indentation beyond the one padding space: lm-eval indents subtask names and aliases
  // (" - humanities", "  - formal_logic") and the tree is read from it.
  return inner.split('|').map((c) => c.replace(/^ /, '').replace(/\s+$/, ''));
}
