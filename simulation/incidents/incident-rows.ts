// Splits an incident log file (CSV or NDJSON) into rows of a known type with their cells as text, each remembering
// its file, row (the line number: the spreadsheet's row, header = row 1) and column (name and spreadsheet letter), so
// every later check can name all three.
import { TwinError } from '../../twin/errors.ts';
import { readCsvRecords } from '../../twin/io/csv.ts';
import { SimulationError } from '../errors.ts';
import { INCIDENT_ROW_TYPES, type IncidentRowType } from './incident-schema.ts';

/** One row of a log, its cells as trimmed text (absent or empty cells are undefined). */
export interface RawRow {
  file: string;
  /** Line number in the file (for CSV the spreadsheet row; the header is row 1). */
  row: number;
  type: IncidentRowType;
  cell(name: string): string | undefined;
  /** Where a column of this row is, for messages: 'row 8, column E' (CSV) or 'row 8' (NDJSON) and the column name. */
  where(name: string): { input: string; item: string; field: string };
}

/** A file's rows, and the problems of rows that could not even be typed (lenient imports skip those). */
export interface SplitFile {
  rows: RawRow[];
  problems: SimulationError[];
}

/** Which columns say what a CSV without a `type` column holds. */
const TYPE_BY_COLUMN: [string, IncidentRowType][] = [
  ['order_id', 'order'],
  ['action', 'closure'],
  ['gauge_id', 'rain'],
  ['sensor_id', 'reading'],
];

/** Spreadsheet letters of column index i (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function typeOf(text: string | undefined): IncidentRowType | undefined {
  const t = text?.trim().toLowerCase();
  return (INCIDENT_ROW_TYPES as readonly string[]).includes(t ?? '') ? (t as IncidentRowType) : undefined;
}

function guessType(columns: Iterable<string>): IncidentRowType | undefined {
  const have = new Set(columns);
  return TYPE_BY_COLUMN.find(([c]) => have.has(c))?.[1];
}

/**
 * Splits a CSV log. The header names the columns (any order, case-insensitive; unknown ones are ignored); rows whose
 * first cell starts with '#' are comments.
 * @throws SimulationError naming the file (and line) when it has no header or its quoting is broken
 */
export function splitCsv(text: string, file: string): SplitFile {
  let records;
  try {
    records = readCsvRecords(text, file);
  } catch (e) {
    if (!(e instanceof TwinError)) throw e;
    throw new SimulationError(e.what, { input: file, item: `row ${e.where.line ?? '?'}` }, e.hint);
  }
  const data = records.filter((r) => !r.cells[0].trim().startsWith('#'));
  const head = data.shift();
  if (!head)
    throw new SimulationError('is empty', { input: file }, 'write a header row naming the columns, then the rows');
  const names = head.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => index.has(n) || index.set(n, i));
  const fallback = guessType(names);
  if (!index.has('type') && !fallback)
    throw new SimulationError(
      `cannot tell what rows it holds (columns: ${names.join(', ')})`,
      { input: file, item: `row ${head.line}`, field: 'type' },
      'add a "type" column (reading, rain, order, closure), or an order_id, action, gauge_id or sensor_id column',
    );
  const out: SplitFile = { rows: [], problems: [] };
  for (const r of data) {
    const cell = (name: string): string | undefined => {
      const i = index.get(name);
      const v = i === undefined ? undefined : r.cells[i]?.trim();
      return v === undefined || v === '' ? undefined : v;
    };
    const where = (name: string) => {
      const i = index.get(name);
      return { input: file, item: `row ${r.line}${i === undefined ? '' : `, column ${columnLetter(i)}`}`, field: name };
    };
    const given = cell('type');
    const type = given === undefined ? fallback : typeOf(given);
    if (!type) {
      out.problems.push(
        new SimulationError(
          `"${given ?? ''}" is not a row type`,
          where('type'),
          `write one of ${INCIDENT_ROW_TYPES.join(', ')}`,
        ),
      );
      continue;
    }
    out.rows.push({ file, row: r.line, type, cell, where });
  }
  return out;
}

/** Splits an NDJSON log: one JSON object per line, keys as the CSV columns; blank lines are skipped. */
export function splitNdjson(text: string, file: string): SplitFile {
  const out: SplitFile = { rows: [], problems: [] };
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  lines.forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      obj = undefined;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      out.problems.push(
        new SimulationError('is not a JSON object', { input: file, item: `row ${row}` }, 'write one {…} per line'),
      );
      return;
    }
    const values = new Map<string, string>();
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      const text = typeof v === 'object' ? JSON.stringify(v) : String(v).trim();
      if (text !== '') values.set(k.toLowerCase(), text);
    }
    const where = (name: string) => ({ input: file, item: `row ${row}`, field: name });
    const given = values.get('type');
    const type = given === undefined ? guessType(values.keys()) : typeOf(given);
    if (!type) {
      out.problems.push(
        new SimulationError(
          given === undefined ? 'has no "type"' : `"${given}" is not a row type`,
          where('type'),
          `write "type": one of ${INCIDENT_ROW_TYPES.join(', ')}`,
        ),
      );
      return;
    }
    out.rows.push({ file, row, type, cell: (name) => values.get(name), where });
  });
  return out;
}
