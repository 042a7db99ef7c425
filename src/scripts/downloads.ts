/** Client side of <Downloads>: turns the embedded rows into a CSV or JSON file. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    // Quote fields with separators, quotes or newlines; neutralise spreadsheet formulas.
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [keys.map(cell).join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\r\n') + '\r\n';
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
