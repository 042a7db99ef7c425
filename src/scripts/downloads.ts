/** Client side of <Downloads>: turns the embedded rows into a CSV or JSON file. */

// A number as JSON writes it, and nothing else: "-1+HYPERLINK(...)" starts like one but is not.
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A float without binary noise: -0.006699999999999928 -> -0.0067 (12 significant digits). */
export function tidyNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(12))) : '';
}

/**
 * CSV with a UTF-8 BOM (so spreadsheet programs read Chinese), quoted where needed, floats without
 * binary noise, and every cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * prefixed with ' unless it is a plain number.
 */
export function toCsv(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? tidyNumber(v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
    const safe = /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\ufeff' + [keys.map(cell).join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\r\n') + '\r\n';
}

export function attachDownloads(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-downloads]:not([data-ready])')) {
    box.dataset.ready = '1';
    const rows = JSON.parse(box.querySelector('script[type="application/json"]')?.textContent ?? '[]') as Record<string, unknown>[];
    for (const button of box.querySelectorAll<HTMLButtonElement>('button[data-format]')) {
      button.addEventListener('click', () => {
        const csv = button.dataset.format === 'csv';
        const blob = new Blob([csv ? toCsv(rows) : JSON.stringify(rows, null, 2)], { type: csv ? 'text/csv' : 'application/json' });
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = `${box.dataset.name ?? 'table'}.${csv ? 'csv' : 'json'}`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      });
    }
  }
}
