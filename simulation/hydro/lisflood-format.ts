// Readers for LISFLOOD-FP's boundary files (.bci, .bdy) and stage-point files (.stage), so its published
// benchmark set-ups (EA Test 4 and others) can be run through this engine and compared with its outputs.
import { SimulationError } from '../errors.ts';
import { hydrographFromPairs } from './hydrograph.ts';
import type { Hydrograph } from './types.ts';

/** One .bci line: an edge segment (N, E, S, W from `from` to `to` along it) or a point (P at x, y). */
export interface BciEntry {
  where: 'N' | 'E' | 'S' | 'W' | 'P';
  /** Edge: start and end along the edge; point: x and y. */
  a: number;
  b: number;
  /** FREE, HFIX, HVAR, QFIX, QVAR, ... */
  kind: string;
  /** The number (HFIX/QFIX/FREE slope) or the .bdy series name (HVAR/QVAR), if given. */
  value?: string;
}

function lines(text: string): { line: number; tokens: string[] }[] {
  return text
    .split(/\r?\n/)
    .map((raw, k) => ({ line: k + 1, tokens: raw.trim().split(/\s+/).filter(Boolean) }))
    .filter((l) => l.tokens.length > 0 && !l.tokens[0].startsWith('#'));
}

function num(s: string | undefined, input: string, line: number, field: string): number {
  const v = Number(s);
  if (s === undefined || !Number.isFinite(v))
    throw new SimulationError(`"${s ?? ''}" is not a number`, { input, item: `line ${line}`, field });
  return v;
}

/** Parses a .bci boundary-condition file. */
export function parseBci(text: string, input = 'boundary.bci'): BciEntry[] {
  return lines(text).map(({ line, tokens }) => {
    const where = tokens[0].toUpperCase();
    if (!['N', 'E', 'S', 'W', 'P'].includes(where))
      throw new SimulationError(`"${tokens[0]}" is not N, E, S, W or P`, {
        input,
        item: `line ${line}`,
        field: 'edge',
      });
    if (tokens.length < 4)
      throw new SimulationError('needs edge, two coordinates and a type', { input, item: `line ${line}` });
    const entry: BciEntry = {
      where: where as BciEntry['where'],
      a: num(tokens[1], input, line, 'from'),
      b: num(tokens[2], input, line, 'to'),
      kind: tokens[3].toUpperCase(),
    };
    if (tokens[4] !== undefined) entry.value = tokens[4];
    return entry;
  });
}

const UNIT_S: Record<string, number> = {
  seconds: 1,
  second: 1,
  s: 1,
  minutes: 60,
  minute: 60,
  hours: 3600,
  hour: 3600,
  days: 86400,
};

/**
 * Parses a .bdy file: after a comment line, blocks of `name`, `count units` (seconds, minutes or hours) and
 * `count` rows of `value time`. Returns the series by name with times in seconds.
 */
export function parseBdy(text: string, input = 'boundary.bdy'): Map<string, Hydrograph> {
  const all = text.split(/\r?\n/).map((raw, k) => ({ line: k + 1, tokens: raw.trim().split(/\s+/).filter(Boolean) }));
  const ls = all.slice(1).filter((l) => l.tokens.length > 0);
  const out = new Map<string, Hydrograph>();
  let k = 0;
  while (k < ls.length) {
    const name = ls[k].tokens[0];
    const head = ls[k + 1];
    if (!head)
      throw new SimulationError(`series "${name}" has no "count units" line`, { input, item: `line ${ls[k].line}` });
    const count = num(head.tokens[0], input, head.line, 'count');
    const unit = UNIT_S[(head.tokens[1] ?? 'seconds').toLowerCase()];
    if (!Number.isInteger(count) || count < 1)
      throw new SimulationError(`count ${count} is not a positive whole number`, {
        input,
        item: `line ${head.line}`,
        field: 'count',
      });
    if (unit === undefined)
      throw new SimulationError(`unit "${head.tokens[1]}" is not seconds, minutes or hours`, {
        input,
        item: `line ${head.line}`,
        field: 'units',
      });
    const pairs: [number, number][] = [];
    for (let j = 0; j < count; j++) {
      const row = ls[k + 2 + j];
      if (!row)
        throw new SimulationError(`series "${name}" ends after ${j} of ${count} rows`, {
          input,
          item: `line ${head.line}`,
        });
      const t = num(row.tokens[1], input, row.line, 'time') * unit;
      if (j > 0 && !(t > pairs[j - 1][0]))
        throw new SimulationError(
          `time ${t} s is not after the previous row's ${pairs[j - 1][0]} s: times out of order`,
          { input, item: `line ${row.line}`, field: 'time' },
          'sort the rows by time',
        );
      pairs.push([t, num(row.tokens[0], input, row.line, 'value')]);
    }
    out.set(name, hydrographFromPairs(pairs, `${input} series ${name}`));
    k += 2 + count;
  }
  return out;
}

/** Parses a .stage file: the count, then one `x y` row per stage point. */
export function parseStagePoints(text: string, input = 'points.stage'): [number, number][] {
  const ls = lines(text);
  if (ls.length === 0) throw new SimulationError('is empty', { input });
  const count = num(ls[0].tokens[0], input, ls[0].line, 'count');
  if (ls.length - 1 < count) throw new SimulationError(`says ${count} points but lists ${ls.length - 1}`, { input });
  return ls
    .slice(1, 1 + count)
    .map(({ line, tokens }) => [num(tokens[0], input, line, 'x'), num(tokens[1], input, line, 'y')]);
}

/** One row of a LISFLOOD-FP .stage output: time (s) and depth per point (m). */
export interface StageRow {
  tS: number;
  depthsM: number[];
}

/** Parses a LISFLOOD-FP stage output file (the rows after "Output, depths:"). */
export function parseStageOutput(text: string, input = 'run.stage'): StageRow[] {
  const at = text.indexOf('Output, depths:');
  if (at < 0) throw new SimulationError('has no "Output, depths:" section', { input });
  return text
    .slice(at)
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((t) => t.length > 1 && t.every((v) => Number.isFinite(Number(v))))
    .map((t) => ({ tS: Number(t[0]), depthsM: t.slice(1).map(Number) }));
}
