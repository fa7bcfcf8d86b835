// A small CSV reader for rain tables: header required, named columns, numbers checked with line and column.
// Gauge logs are plain comma tables; this keeps the parsing (and its error messages) in one place.
import { SimulationError } from '../errors.ts';

/** One data row: its 1-based line in the file and its raw cells. */
export interface CsvRow {
  line: number;
  cells: string[];
}

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
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | undefined;
  let headerLine = 0;
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = splitCsvLine(raw);
    if (!header) {
      header = cells.map((c) => c.trim().toLowerCase());
      headerLine = i + 1;
    } else rows.push({ line: i + 1, cells });
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

/** Splits one CSV line on commas, honouring double quotes ("" inside quotes is a literal quote). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
