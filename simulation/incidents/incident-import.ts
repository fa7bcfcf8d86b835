// Reads the files of an incident log (CSV or NDJSON text) into checked records against a district: strict, the first
// bad row stops the import with its file, row and column; lenient, bad rows are skipped and listed with the same.
import { SimulationError } from '../errors.ts';
import {
  parseClosure,
  parseOrder,
  parseRain,
  parseReading,
  SeriesOrder,
  type IncidentDistrict,
  type ParsedLog,
} from './incident-parse.ts';
import { splitCsv, splitNdjson, type RawRow } from './incident-rows.ts';

/** One file of a log: its name (for messages) and text. */
export interface LogFile {
  name: string;
  text: string;
}

/** A row left out by a lenient import. */
export interface SkippedRow {
  file: string;
  row: number;
  column: string;
  /** The one-line error the strict import would have stopped with. */
  message: string;
}

/** The records, the rows skipped (lenient only) and the rows per file. */
export interface ImportedRows {
  parsed: ParsedLog;
  skipped: SkippedRow[];
  rowsPerFile: number[];
}

/** The file's format by its name: .csv (also .txt) or .ndjson / .jsonl / .json. */
export function logFormat(name: string): 'csv' | 'ndjson' {
  const n = name.toLowerCase();
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl') || n.endsWith('.json')) return 'ndjson';
  if (n.endsWith('.csv') || n.endsWith('.txt')) return 'csv';
  throw new SimulationError(
    'is neither CSV nor NDJSON by its name',
    { input: name },
    'name incident log files *.csv or *.ndjson (README "Incident logs")',
  );
}

function skippedOf(e: SimulationError, fallbackFile: string): SkippedRow {
  const row = Number(/row (\d+)/.exec(String(e.where.item ?? ''))?.[1] ?? 0);
  return {
    file: e.where.input ?? fallbackFile,
    row,
    column: e.where.field ?? '',
    message: e.message,
  };
}

/**
 * Checks every row of every file against the format and the district.
 * @throws SimulationError for the first bad row unless `lenient`; always for a file that cannot be read as a log
 */
export function importRows(files: readonly LogFile[], d: IncidentDistrict, lenient = false): ImportedRows {
  const parsed: ParsedLog = { readings: [], rain: [], orders: [], closures: [] };
  const skipped: SkippedRow[] = [];
  const rowsPerFile: number[] = [];
  const order = new SeriesOrder();
  const orderIds = new Set<string>();
  const fail = (e: SimulationError, file: string) => {
    if (!lenient) throw e;
    skipped.push(skippedOf(e, file));
  };
  for (const f of files) {
    const split = logFormat(f.name) === 'csv' ? splitCsv(f.text, f.name) : splitNdjson(f.text, f.name);
    // Rows that could not be typed come first in their file's order with the rest.
    const items: (RawRow | SimulationError)[] = [...split.rows, ...split.problems].sort(
      (a, b) => rowNumber(a) - rowNumber(b),
    );
    let kept = 0;
    for (const item of items) {
      if (item instanceof SimulationError) {
        fail(item, f.name);
        continue;
      }
      try {
        if (item.type === 'reading') {
          const r = parseReading(item, d, order);
          if ('sensorId' in r) parsed.readings.push(r);
          else parsed.rain.push(r);
        } else if (item.type === 'rain') parsed.rain.push(parseRain(item, d, order));
        else if (item.type === 'order') {
          const o = parseOrder(item, d, orderIds);
          orderIds.add(o.orderId);
          parsed.orders.push(o);
        } else parsed.closures.push(parseClosure(item, d, order));
        kept++;
      } catch (e) {
        if (!(e instanceof SimulationError)) throw e;
        fail(e, f.name);
      }
    }
    rowsPerFile.push(kept);
  }
  return { parsed, skipped, rowsPerFile };
}

function rowNumber(x: RawRow | SimulationError): number {
  return x instanceof SimulationError ? Number(/row (\d+)/.exec(String(x.where.item ?? ''))?.[1] ?? 0) : x.row;
}
