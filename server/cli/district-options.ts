// What every verb that loads a district shares: --lenient (the same meaning as "lenient" in district.json) and
// --clip, and the memory budget a grid's estimate is checked against before it is built.
import { totalmem } from 'node:os';
import type { BuildTwinOptions } from '../../twin/district/build-twin.ts';
import type { LoadDistrictOptions } from '../../twin/district/load-district.node.ts';
import { threadedEngines } from '../../simulation/hydro/threads.node.ts';
import { parseEngineThreads } from '../engine-threads.ts';
import type { FloodEngineFactory } from '../../simulation/hydro/index.ts';
import { CliError } from './verb.ts';

/** parseArgs options for loading a district. */
export const DISTRICT_OPTIONS = {
  lenient: { type: 'boolean' },
  clip: { type: 'string' },
} as const;

/** Usage lines for DISTRICT_OPTIONS. */
export const DISTRICT_USAGE = `  --lenient          skip bad features with a warning instead of failing on the first (as "lenient": true
                     in district.json); errors that follow list what was skipped
  --clip <box>       keep only minLon,minLat,maxLon,maxLat of the sources (as "clip" in district.json)`;

/** The loadDistrict options the command line asks for. */
export function districtOptions(values: { lenient?: boolean; clip?: string }): LoadDistrictOptions {
  const out: LoadDistrictOptions = {};
  if (values.lenient) out.lenient = true;
  if (values.clip !== undefined) out.clip = parseClip(values.clip);
  return out;
}

/** '--clip 4.35,52.0,4.37,52.01' as a lon/lat box. */
export function parseClip(text: string): [number, number, number, number] {
  const v = text.split(',').map((x) => Number(x.trim()));
  const ok =
    v.length === 4 &&
    v.every(Number.isFinite) &&
    v[0] < v[2] &&
    v[1] < v[3] &&
    Math.abs(v[0]) <= 180 &&
    Math.abs(v[2]) <= 180 &&
    Math.abs(v[1]) <= 90 &&
    Math.abs(v[3]) <= 90;
  if (!ok)
    throw new CliError(`--clip ${text}: give minLon,minLat,maxLon,maxLat in degrees, e.g. --clip 4.35,52.0,4.37,52.01`);
  return v as [number, number, number, number];
}

/** A grid may take at most this share of the machine's memory. */
const MEMORY_SHARE = 0.75;

/** buildTwin options for a command: the cell size, the machine's memory budget, and size warnings on stderr. */
export function twinOptions(cellM: number | undefined, quiet = false): BuildTwinOptions {
  const out: BuildTwinOptions = {
    maxMemoryMB: Math.floor((totalmem() / 1e6) * MEMORY_SHARE),
    onEstimate: (_e, warnings) => {
      if (!quiet) for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    },
  };
  if (cellM !== undefined) out.cellM = cellM;
  return out;
}

/** Usage line for --threads of verbs that run a scenario. */
export const THREADS_USAGE = `  --threads <N>      threads of the flood engine (default 2; the results are the same bits for any N)`;

/** The flood engine factory `--threads` asks for (a CliError when it is not a thread count). */
export function engineOption(text: string | undefined): { threads: number; engine: FloodEngineFactory } {
  try {
    const threads = parseEngineThreads(text, '--threads');
    return { threads, engine: threadedEngines(threads) };
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}
