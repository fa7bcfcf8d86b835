// A small CSV reader for rain tables: header required, named columns, numbers checked with line and column.
// Gauge logs are plain comma tables; this keeps the parsing (and its error messages) in one place.
import { TwinError } from '../../twin/errors.ts';
import { readCsvRecords } from '../../twin/io/csv.ts';
import { SimulationError } from '../errors.ts';

import type { CsvRow } from '../../twin/io/csv.ts';

export type { CsvRow };

/** A parsed table: the header's column positions by name and the data rows. */
export interface CsvTable {
  input: string;
  columns: Map<string, number>;
  rows: CsvRow[];
}

/**
 * Splits CSV text into a header and rows. Blank lines and lines starting with '#' are skipped; a UTF-8 BOM and
 * CRLF line ends are accepted; fields may be double-quoted. Column names are matched case-insensitively.
 * @throws SimulationError if a required column is missing or there is no header.
 */
export function readCsvTable(text: string, input: string, required: readonly string[], example: string): CsvTable {
  let records: CsvRow[];
  try {
    records = readCsvRecords(text, input);
  } catch (e) {
    // The shared tokenizer speaks the twin's error type; rain input errors are the simulation's.
    if (!(e instanceof TwinError)) throw e;
    const line = e.where.line === undefined ? {} : { item: `line ${e.where.line}` };
    throw new SimulationError(e.what, { input, ...line }, e.hint);
  }
  let header: string[] | undefined;
  let headerLine = 0;
  const rows: CsvRow[] = [];
  for (const r of records) {
    const first = r.cells[0].trim();
    if ((first === '' && r.cells.every((c) => c.trim() === '')) || first.startsWith('#')) continue;
    if (!header) {
      header = r.cells.map((c) => c.trim().toLowerCase());
      headerLine = r.line;
    } else rows.push(r);
  }
  if (!header)
    throw new SimulationError('is empty', { input }, `write a header line "${required.join(',')}" and then the rows`);
  const columns = new Map<string, number>();
  header.forEach((name, col) => {
    if (!columns.has(name)) columns.set(name, col);
  });
  for (const name of required) {
    if (!columns.has(name)) {
      const looksNumeric = header.every((h) => h !== '' && Number.isFinite(Number(h)));
      throw new SimulationError(
        looksNumeric
          ? `line ${headerLine} holds numbers where the header should be`
          : `the header has no column "${name}" (found: ${header.join(', ')})`,
        { input, item: `line ${headerLine}`, field: name },
        `the first line must name the columns, e.g. "${example}"`,
      );
    }
  }
  return { input, columns, rows };
}

/**
 * The number in column `name` of `row`, checked to be finite (and ≥ 0 when `opts.nonNegative`); `unit` is for messages.
 * @throws SimulationError naming the line, column number and column name.
 */
export function numberCell(
  table: CsvTable,
  row: CsvRow,
  name: string,
  what: string,
  opts: { unit?: string; nonNegative?: boolean } = {},
): number {
  const col = table.columns.get(name) as number;
  const text = (row.cells[col] ?? '').trim();
  const where = { input: table.input, item: `line ${row.line}, column ${col + 1}`, field: name };
  if (text === '')
    throw new SimulationError(`${what} is missing`, where, `every row needs a value in column "${name}"`);
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new SimulationError(`${what} "${text}" is not a number`, where, 'write a plain decimal number such as 12.5');
  if (opts.nonNegative && value < 0)
    throw new SimulationError(
      `${what} ${value}${opts.unit ? ' ' + opts.unit : ''} is negative`,
      where,
      `${what} cannot be below 0`,
    );
  return value;
}

/** The trimmed text in column `name` of `row`; throws if empty. */
export function textCell(table: CsvTable, row: CsvRow, name: string, what: string): string {
  const col = table.columns.get(name) as number;
  const text = (row.cells[col] ?? '').trim();
  if (text === '')
    throw new SimulationError(`${what} is missing`, {
      input: table.input,
      item: `line ${row.line}, column ${col + 1}`,
      field: name,
    });
  return text;
}
