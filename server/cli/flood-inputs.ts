// The inputs of `rivertwin flood` read and checked before any work: the DEM and its holes, Manning's n, rain, the
// inflow and where it enters, the points. Split from the verb so the verb is the run and its outputs.
import { readFile } from 'node:fs/promises';
import { readRasterFile } from '../../twin/io/raster-file.node.ts';
import { createLocalFrame, projectorFor } from '../../twin/projection/index.ts';
import type { Raster } from '../../twin/types.ts';
import { SimulationError } from '../../simulation/errors.ts';
import { parseRainSeriesCsv, uniformRainField } from '../../simulation/rain/index.ts';
import type { RainField } from '../../simulation/rain/index.ts';
import {
  cellOf,
  cellsAlongSegment,
  constantRainField,
  outside,
  parseHydrographCsv,
  parsePointsCsv,
} from '../../simulation/hydro/index.ts';
import type { EdgeBoundaries, FloodOptions, GridFrame, HydroRasters } from '../../simulation/hydro/index.ts';
import { LTS_MAX_DT_S } from '../../simulation/hydro/kernel-config.ts';
import { CliError } from './verb.ts';

/** A positive number option; `usage` is shown when a required one is missing. */
export function positive(v: string | undefined, opt: string, fallback?: number, usage = ''): number {
  if (v === undefined) {
    if (fallback === undefined) throw new CliError(`${opt} is required.\n${usage}`);
    return fallback;
  }
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new CliError(`${opt} ${v} is not a positive number`);
  return n;
}

function parseEdges(v: string | undefined): EdgeBoundaries {
  const edges: EdgeBoundaries = {};
  if (!v) return edges;
  const names = { N: 'north', E: 'east', S: 'south', W: 'west' } as const;
  for (const t of v.split(',').map((s) => s.trim().toUpperCase())) {
    if (!(t in names)) throw new CliError(`--free-edges: "${t}" is not one of N, E, S, W`);
    edges[names[t as keyof typeof names]] = { kind: 'free' };
  }
  return edges;
}

/** NODATA cells of a DEM, as indices. */
function holes(r: Raster): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.values.length; i++) {
    const v = r.values[i];
    if (Number.isNaN(v) || (r.nodata !== undefined && v === r.nodata)) out.push(i);
  }
  return out;
}

function where(r: Raster, i: number): string {
  const row = Math.floor(i / r.nx);
  const col = i % r.nx;
  return `row ${row} col ${col} (x ${r.x0 + (col + 0.5) * r.cellM}, y ${r.y0 + (r.ny - row - 0.5) * r.cellM})`;
}

function sameGrid(a: Raster, b: Raster): boolean {
  const tol = 1e-6 * a.cellM;
  return (
    a.nx === b.nx &&
    a.ny === b.ny &&
    Math.abs(a.cellM - b.cellM) < tol &&
    Math.abs(a.x0 - b.x0) < tol &&
    Math.abs(a.y0 - b.y0) < tol
  );
}

/**
 * Local time stepping levels `rivertwin flood` uses under rain when --lts is not given: rain on every cell leaves most
 * cells shallow while a few deep ones set the CFL step (the Bund's rain: 34 s → 23 s); an inflow filling a plain
 * keeps depths alike, where the bookkeeping costs more than it saves (EA Test 4: 16 s → 26 s), so 0 without rain.
 */
export const FLOOD_RAIN_LTS_LEVELS = 4;

/** Reads and checks every input; nothing is simulated yet. */
export async function prepare(
  values: Record<string, string | boolean | undefined>,
  usage: string,
): Promise<{ rasters: HydroRasters; options: FloodOptions; dem: Raster; closed: Uint8Array }> {
  const str = (k: string) => values[k] as string | undefined;
  const demPath = str('dem');
  if (!demPath) throw new CliError(`--dem is required.\n${usage}`);
  if (!str('out')) throw new CliError(`--out is required.\n${usage}`);
  const every = positive(str('every'), '--every', 60);
  const edges = parseEdges(str('free-edges'));
  if ((str('inflow') === undefined) !== (str('inflow-at') === undefined))
    throw new CliError('--inflow and --inflow-at go together: give both or neither');
  const rainArg = str('rain');
  const rainRate = rainArg !== undefined && /^[-+]?[\d.]+(e[-+]?\d+)?$/i.test(rainArg) ? Number(rainArg) : undefined;
  if (rainRate !== undefined && !(rainRate >= 0))
    throw new CliError(`--rain ${rainArg}: rain cannot be negative; give mm/h ≥ 0`);

  // 1. The DEM and its holes.
  const demFile = await readRasterFile(demPath);
  const dem = demFile.raster;
  if (demFile.crs && projectorFor(demFile.crs, createLocalFrame(0, 0)).geographic) {
    throw new SimulationError(
      `the DEM is in degrees (${demFile.crs}); the engine needs square cells in metres`,
      { input: demPath },
      'reproject it to a metric CRS first (e.g. gdalwarp -t_srs EPSG:32651 -tr 5 5), or load it as a district terrain, which is resampled into metres',
    );
  }
  const gaps = holes(dem);
  const closed = new Uint8Array(dem.nx * dem.ny);
  if (gaps.length > 0 && !values['nodata-closed'])
    throw new SimulationError(
      `the DEM has ${gaps.length} NODATA cells (first at ${gaps
        .slice(0, 3)
        .map((i) => where(dem, i))
        .join('; ')})`,
      { input: demPath },
      'fill the holes, or pass --nodata-closed to treat them as walls',
    );
  for (const i of gaps) closed[i] = 1;
  const bedM = Float32Array.from(dem.values, (v, i) => (closed[i] ? 0 : v));

  // 2. Manning's n: a number or a raster on the same grid.
  const nArg = str('manning') ?? '0.035';
  let manningN: number | Float32Array;
  if (Number.isFinite(Number(nArg))) {
    manningN = Number(nArg);
    if (!(manningN > 0)) throw new CliError(`--manning ${nArg} must be positive`);
  } else {
    const nr = (await readRasterFile(nArg)).raster;
    if (!sameGrid(dem, nr))
      throw new SimulationError(
        `is ${nr.nx} × ${nr.ny} cells of ${nr.cellM} at (${nr.x0}, ${nr.y0}) but the DEM is ${dem.nx} × ${dem.ny} of ${dem.cellM} at (${dem.x0}, ${dem.y0})`,
        { input: nArg },
        'give a Manning raster on exactly the DEM grid',
      );
    manningN = nr.values;
  }

  // 3. Rain, inflow and points.
  let rain: RainField | undefined;
  if (rainRate !== undefined) rain = rainRate > 0 ? constantRainField(rainRate) : undefined;
  else if (rainArg !== undefined) rain = uniformRainField(parseRainSeriesCsv(await readFile(rainArg, 'utf8'), rainArg));
  const frame = { nx: dem.nx, ny: dem.ny, cellM: dem.cellM, x0: dem.x0, y0: dem.y0 };
  const theta = values.theta === undefined ? 1 : Number(values.theta);
  if (!(theta > 0 && theta <= 1)) throw new CliError(`--theta ${String(values.theta)} is not in (0, 1]`);
  const options: FloodOptions = { edges, rain, outputEveryS: every, points: [], theta };
  if (values.cfl !== undefined) {
    options.cfl = Number(values.cfl);
    if (!(options.cfl > 0 && options.cfl <= 1)) throw new CliError(`--cfl ${String(values.cfl)} is not in (0, 1]`);
  }
  if (values.lts !== undefined) {
    const n = Number(values.lts);
    if (!(Number.isInteger(n) && n >= 0 && n <= 6))
      throw new CliError(`--lts ${String(values.lts)} is not a whole number of levels from 0 to 6`);
    options.localTimeStep = n;
  } else options.localTimeStep = values.rain !== undefined ? FLOOD_RAIN_LTS_LEVELS : 0;
  // Under local time stepping only the shallowest cells take the longest step (by their own CFL limit): 10 s.
  if (values['max-dt'] === undefined && options.localTimeStep > 0) options.maxDtS = LTS_MAX_DT_S;
  if (values['max-dt'] !== undefined) {
    options.maxDtS = Number(values['max-dt']);
    if (!(options.maxDtS > 0))
      throw new CliError(`--max-dt ${String(values['max-dt'])} must be a positive number of seconds`);
  }
  const inflowPath = str('inflow');
  if (inflowPath) {
    const q = parseHydrographCsv(await readFile(inflowPath, 'utf8'), inflowPath, 'm3_per_s');
    const { cells, weights } = await inflowCells(frame, str('inflow-at')!);
    options.inflows = [{ name: inflowPath, cells, weights, dischargeM3PerS: q }];
  }
  const pointsPath = str('points');
  if (pointsPath)
    options.points = parsePointsCsv(await readFile(pointsPath, 'utf8'), pointsPath).map((p) => {
      const cell = cellOf(frame, p.x, p.y);
      if (cell < 0)
        throw new SimulationError(
          `point "${p.name}" at (${p.x}, ${p.y}) is outside the DEM`,
          { input: pointsPath, item: p.name },
          `use x ${dem.x0}–${dem.x0 + dem.nx * dem.cellM}, y ${dem.y0}–${dem.y0 + dem.ny * dem.cellM}`,
        );
      return { name: p.name, cell };
    });
  const rasters: HydroRasters = { nx: dem.nx, ny: dem.ny, cellM: dem.cellM, bedM, manningN, buildingMask: closed };
  return { rasters, options, dem, closed };
}

/**
 * The cells an inflow enters: a point `x,y`, a line `x1,y1,x2,y2` (split by length), or a CSV of points
 * (name,x,y) sharing it equally, as LISFLOOD-FP's point sources (P lines of a .bci) each carry their own share.
 */
async function inflowCells(frame: GridFrame, at: string): Promise<{ cells: number[]; weights: number[] }> {
  if (/\.csv$/i.test(at)) {
    const pts = parsePointsCsv(await readFile(at, 'utf8'), at);
    const cells = pts.map((p) => {
      const c = cellOf(frame, p.x, p.y);
      if (c < 0) throw outside(frame, p.x, p.y, `${at}: ${p.name}`);
      return c;
    });
    return { cells, weights: cells.map(() => 1 / cells.length) };
  }
  const v = at.split(',').map(Number);
  if (!(v.length === 2 || v.length === 4) || v.some((x) => !Number.isFinite(x)))
    throw new CliError(`--inflow-at ${at} is not x,y, x1,y1,x2,y2 or a .csv of points`);
  return v.length === 2
    ? cellsAlongSegment(frame, v[0], v[1], v[0], v[1], '--inflow-at')
    : cellsAlongSegment(frame, v[0], v[1], v[2], v[3], '--inflow-at');
}
