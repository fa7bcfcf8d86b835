// A small RFC 4180 CSV parser that keeps line numbers for error messages: quoted fields (with "" escapes and line
// breaks inside), a UTF-8 BOM, CRLF or LF line ends, blank lines skipped. Spreadsheets save point tables this way.
import { TwinError } from '../errors.ts';

/** One data record: its cells and the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A parsed CSV file: the header's column names (trimmed) and the data rows. */
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/**
 * Parses CSV text. Throws TwinError (file and line) on an unclosed quote, a stray quote inside an unquoted field,
 * a row whose cell count differs from the header's, an empty or duplicated column name, or a file without header.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records = readCsvRecords(text, file);
  const head = records.shift();
  if (!head) throw new TwinError('is empty: no header row', { file, line: 1 }, 'the first line names the columns');
  const header = head.cells.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, k) => {
    if (h === '') throw new TwinError(`column ${k + 1} has no name`, { file, line: head.line });
    if (seen.has(h)) throw new TwinError(`column "${h}" appears twice`, { file, line: head.line, field: h });
    seen.add(h);
  });
  for (const row of records) {
    if (row.cells.length !== header.length) {
      throw new TwinError(
        `row has ${row.cells.length} cells, the header has ${header.length} columns`,
        { file, line: row.line },
        'check for a missing or extra comma, or quote fields that contain commas',
      );
    }
  }
  return { header, rows: records };
}

/**
 * Splits CSV text into records (the header is the first), each with the line it starts on; blank lines skipped.
 * Throws TwinError (file and line) on an unclosed quote or a stray quote. The one CSV tokenizer of the project.
 */
export function readCsvRecords(text: string, file: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line is a single empty unquoted cell: skip it.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  // 1. Scan characters, tracking quotes and line numbers.
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      if (cell.trim() !== '' || wasQuoted) {
        throw new TwinError(
          'a quote inside an unquoted field',
          { file, line },
          'quote the whole field and double any quote inside it: "a ""b"" c"',
        );
      }
      cell = '';
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') endCell();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (!wasQuoted) cell += c;
    else if (c !== ' ' && c !== '\t') {
      throw new TwinError(
        'text after a closing quote',
        { file, line },
        'put the separator right after the closing quote',
      );
    }
  }
  if (quoted) {
    throw new TwinError('a quoted field is not closed', { file, line: recordLine }, 'close the quote with "');
  }
  if (cell !== '' || cells.length > 0 || wasQuoted) endRecord();

  return records;
}
