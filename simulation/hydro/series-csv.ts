// Small CSV tables the flood tools take: discharge hydrographs (time_s,m3_per_s) and named points (name,x,y).
// A header row is optional; every error names the file, the row and the column.
import { SimulationError } from '../errors.ts';
import { hydrographFromPairs } from './hydrograph.ts';
import type { Hydrograph } from './types.ts';

interface Row {
  line: number;
  cells: string[];
}

function rows(text: string): Row[] {
  const out: Row[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    out.push({ line: k + 1, cells: t.split(/\s*[,;\t]\s*|\s+/) });
  });
  return out;
}

/** True when a row is a header (its numeric columns are not numbers). */
function isHeader(r: Row, numericColumns: number[]): boolean {
  return numericColumns.some((c) => r.cells[c] !== undefined && !Number.isFinite(Number(r.cells[c])));
}

/**
 * Parses a two-column hydrograph CSV (time in s, then the value), header optional.
 * @param input file name for messages
 * @param valueName the value column's name, e.g. 'm3_per_s'
 * @throws SimulationError on a bad number, a negative value or times out of order
 */
export function parseHydrographCsv(text: string, input: string, valueName: string): Hydrograph {
  const rs = rows(text);
  if (rs.length > 0 && isHeader(rs[0], [0, 1])) rs.shift();
  const pairs: [number, number][] = [];
  for (const r of rs) {
    const item = `line ${r.line}`;
    if (r.cells.length < 2)
      throw new SimulationError(`has ${r.cells.length} column`, { input, item }, `write time_s,${valueName}`);
    const t = Number(r.cells[0]);
    const v = Number(r.cells[1]);
    if (!Number.isFinite(t))
      throw new SimulationError(`time "${r.cells[0]}" is not a number`, { input, item, field: 'time_s' });
    if (!Number.isFinite(v))
      throw new SimulationError(`${valueName} "${r.cells[1]}" is not a number`, { input, item, field: valueName });
    if (v < 0)
      throw new SimulationError(`${valueName} ${v} is negative`, { input, item, field: valueName }, 'use 0 or more');
    const prev = pairs.length ? pairs[pairs.length - 1][0] : -Infinity;
    if (!(t > prev))
      throw new SimulationError(
        `time ${t} s is not after the previous row's ${prev} s: times out of order`,
        { input, item, field: 'time_s' },
        'sort the rows by time and remove duplicate times',
      );
    pairs.push([t, v]);
  }
  return hydrographFromPairs(pairs, input, { nonNegative: true, valueName });
}

/** A named point in the grid's units. */
export interface NamedPoint {
  name: string;
  x: number;
  y: number;
}

/** Parses `name,x,y` rows (header optional); names must be unique. */
export function parsePointsCsv(text: string, input: string): NamedPoint[] {
  const rs = rows(text);
  if (rs.length > 0 && isHeader(rs[0], [1, 2])) rs.shift();
  const seen = new Set<string>();
  return rs.map((r) => {
    if (r.cells.length < 3)
      throw new SimulationError(`line ${r.line} needs name,x,y`, { input, item: `line ${r.line}` });
    const [name, xs, ys] = r.cells;
    const x = Number(xs);
    const y = Number(ys);
    if (!Number.isFinite(x))
      throw new SimulationError(`x "${xs}" is not a number`, { input, item: `line ${r.line}`, field: 'x' });
    if (!Number.isFinite(y))
      throw new SimulationError(`y "${ys}" is not a number`, { input, item: `line ${r.line}`, field: 'y' });
    if (seen.has(name))
      throw new SimulationError(`point name "${name}" is used twice`, { input, item: `line ${r.line}`, field: 'name' });
    seen.add(name);
    return { name, x, y };
  });
}
