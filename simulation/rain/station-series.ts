// Measured rain series from CSV: one gauge (time_s,mm_per_h) or many (station_id,x,y,time_s,mm_per_h).
// Parsing is pure (text in, hyetographs out) so the same code reads a file in Node and an upload in the browser.
import { SimulationError } from '../errors.ts';
import { numberCell, readCsvTable, textCell, type CsvRow } from './csv-rows.ts';
import { createHyetograph, type Hyetograph } from './hyetograph.ts';

/** A rain gauge: its id, position in local metres and its measured series. */
export interface StationSeries {
  id: string;
  /** Local metres east of the district origin. */
  x: number;
  /** Local metres north of the district origin. */
  y: number;
  hyetograph: Hyetograph;
}

/** Names the place of row i (and a field) in the original input, for error messages. */
export type RowLocator = (i: number, field: 'time_s' | 'mm_per_h') => { item: string; field: string };

/**
 * Turns (time_s, mm_per_h) rows into a hyetograph. Each rate holds from its time until the next row's time; the
 * last row closes the series and must carry 0 mm/h (it says when the rain stops). Times are ≥ 0 and strictly
 * increasing; rates are finite and ≥ 0.
 * @throws SimulationError naming the row (via `locate`) and the field.
 */
export function hyetographFromRows(
  timesS: readonly number[],
  ratesMmPerH: readonly number[],
  input: string,
  locate: RowLocator = (i, field) => ({ item: `row ${i + 1}`, field }),
): Hyetograph {
  const n = timesS.length;
  if (n < 2)
    throw new SimulationError(
      `has ${n} data row${n === 1 ? '' : 's'}; a series needs at least two (when rain starts, when it stops)`,
      { input },
      'list one row per change of rate and end with a row "<time the rain stops>,0"',
    );
  for (let i = 0; i < n; i++) {
    const t = timesS[i];
    const r = ratesMmPerH[i];
    if (!Number.isFinite(t) || t < 0)
      throw new SimulationError(
        `time ${t} s is ${t < 0 ? 'negative' : 'not a finite number'}`,
        { input, ...locate(i, 'time_s') },
        'times are seconds from the start of the scenario, ≥ 0',
      );
    if (i > 0 && !(t > timesS[i - 1]))
      throw new SimulationError(
        `time ${t} s is not after the previous row's ${timesS[i - 1]} s`,
        { input, ...locate(i, 'time_s') },
        'rows must be in time order with strictly increasing time_s',
      );
    if (!Number.isFinite(r) || r < 0)
      throw new SimulationError(
        `rain rate ${r} mm/h is ${r < 0 ? 'negative' : 'not a finite number'}`,
        { input, ...locate(i, 'mm_per_h') },
        'rain rates are finite and ≥ 0 mm/h',
      );
  }
  if (ratesMmPerH[n - 1] !== 0)
    throw new SimulationError(
      `the last row (time_s ${timesS[n - 1]}) has ${ratesMmPerH[n - 1]} mm/h, but nothing says when that rain stops`,
      { input, ...locate(n - 1, 'mm_per_h') },
      'end the series with a row "<time the rain stops>,0"',
    );
  return createHyetograph(timesS.slice(0, n - 1), ratesMmPerH.slice(0, n - 1), timesS[n - 1], { input });
}

/**
 * Parses one gauge's series. Required header: `time_s,mm_per_h` (other columns are ignored). `mm_per_h` is the
 * rate from that row's time until the next row's; the last row, with 0 mm/h, marks the end of the rain.
 * @param text CSV text
 * @param input file name used in error messages
 */
export function parseRainSeriesCsv(text: string, input = 'rain.csv'): Hyetograph {
  const table = readCsvTable(text, input, ['time_s', 'mm_per_h'], 'time_s,mm_per_h');
  const times: number[] = [];
  const rates: number[] = [];
  for (const row of table.rows) {
    times.push(numberCell(table, row, 'time_s', 'time', { unit: 's' }));
    rates.push(numberCell(table, row, 'mm_per_h', 'rain rate', { unit: 'mm/h', nonNegative: true }));
  }
  return hyetographFromRows(times, rates, input, csvLocator(table.rows, table.columns));
}

/**
 * Parses several gauges from one long table. Required header: `station_id,x,y,time_s,mm_per_h`, with x and y in
 * local metres, repeated identically on each of a station's rows. A station's rows follow the single-gauge rules
 * (time order, last row 0 mm/h); stations may be interleaved. Stations come back in order of first appearance.
 */
export function parseStationsCsv(text: string, input = 'stations.csv'): StationSeries[] {
  const table = readCsvTable(
    text,
    input,
    ['station_id', 'x', 'y', 'time_s', 'mm_per_h'],
    'station_id,x,y,time_s,mm_per_h',
  );
  const byId = new Map<string, { x: number; y: number; firstLine: number; rows: CsvRow[]; t: number[]; r: number[] }>();
  for (const row of table.rows) {
    const id = textCell(table, row, 'station_id', 'station id');
    const x = numberCell(table, row, 'x', 'x coordinate');
    const y = numberCell(table, row, 'y', 'y coordinate');
    let s = byId.get(id);
    if (!s) byId.set(id, (s = { x, y, firstLine: row.line, rows: [], t: [], r: [] }));
    else if (s.x !== x || s.y !== y)
      throw new SimulationError(
        `station "${id}" is at (${x}, ${y}) here but at (${s.x}, ${s.y}) on line ${s.firstLine}`,
        { input, item: `line ${row.line}`, field: s.x !== x ? 'x' : 'y' },
        'give each station one position, repeated on all its rows',
      );
    s.rows.push(row);
    s.t.push(numberCell(table, row, 'time_s', 'time', { unit: 's' }));
    s.r.push(numberCell(table, row, 'mm_per_h', 'rain rate', { unit: 'mm/h', nonNegative: true }));
  }
  if (byId.size === 0)
    throw new SimulationError('has a header but no stations', { input }, 'add rows station_id,x,y,time_s,mm_per_h');
  const out: StationSeries[] = [];
  for (const [id, s] of byId) {
    const hyetograph = hyetographFromRows(s.t, s.r, `${input}, station "${id}"`, csvLocator(s.rows, table.columns));
    out.push({ id, x: s.x, y: s.y, hyetograph });
  }
  return out;
}

function csvLocator(rows: readonly CsvRow[], columns: Map<string, number>): RowLocator {
  return (i, field) => ({ item: `line ${rows[i].line}, column ${(columns.get(field) as number) + 1}`, field });
}
