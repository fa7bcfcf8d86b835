// Rows of plain values to CSV (RFC 4180 quoting), the columns taken from the first row in its key order; NaN and
// ±Infinity are written empty, so a spreadsheet or GIS reads a missing time as missing, not as text.

/** A CSV document (header line, then one line per row, each ending in \n). */
export function csvTable(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
