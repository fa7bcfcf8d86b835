// `rivertwin flood`: the flood engine on any DEM, for hydrologists who want to check it against their own tools.
// Every input is read and checked before the first step; outputs are ESRI ASCII, CSV and a JSON summary.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { readRasterFile } from '../../../twin/io/raster-file.node.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import type { Raster } from '../../../twin/types.ts';
import { SimulationError } from '../../../simulation/errors.ts';
import { parseRainSeriesCsv, uniformRainField } from '../../../simulation/rain/index.ts';
import type { RainField } from '../../../simulation/rain/index.ts';
import {
  cellOf,
  cellsAlongSegment,
  constantRainField,
  outside,
  parseHydrographCsv,
  parsePointsCsv,
} from '../../../simulation/hydro/index.ts';
import type {
  EdgeBoundaries,
  FloodOptions,
  FloodRun,
  GridFrame,
  HydroRasters,
} from '../../../simulation/hydro/index.ts';
import { createFloodRun } from '../../../simulation/hydro/threads.node.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin flood --dem <.tif|.asc|.hgt> [--manning <n|raster>] [--rain <mm/h | csv time_s,mm_per_h>]
         [--inflow <csv time_s,m3_per_s> --inflow-at <x,y | x1,y1,x2,y2 | points.csv>] [--free-edges N,E,S,W] --duration <s>
         [--points <csv name,x,y>] [--threads N] --out <dir>

Runs the local inertial flood engine (Bates et al. 2010, as LISFLOOD-FP's ACC solver) on a DEM. Coordinates are
in the DEM's own units, which must be metres. Edges are closed unless listed in --free-edges.

  --manning <n|file>   Manning's n: one value (default 0.035) or a raster on the DEM's grid
  --rain <v|file>      uniform rain: a rate in mm/h, or a CSV time_s,mm_per_h (rate until the next row; last row 0)
  --inflow <file>      discharge CSV time_s,m3_per_s, entering at --inflow-at (a point, a line split by
                       length, or a CSV name,x,y of points sharing it equally)
  --free-edges <list>  edges that let water out at normal depth, e.g. N,E,S
  --points <file>      CSV name,x,y: depth series written to points.csv
  --every <s>          interval of the point series (default 60)
  --threads <N>        worker threads (row bands; default 1); results are identical for any N
  --theta <θ>          q-centred weighting of de Almeida et al. (2012): 1 = Bates et al. 2010 as LISFLOOD-FP
                       (default), 0.7–0.9 damps the short waves θ = 1 leaves on deep, smooth water
  --cfl <α>            CFL coefficient in dt = α·dx/√(g·h_max) (default 0.7)
  --max-dt <s>         longest step, as LISFLOOD-FP's initial_tstep (default 5)
  --save-every <s>     also write the depth grid every s seconds (depth-<t>s.asc), as LISFLOOD-FP's saveint
  --nodata-closed      treat NODATA cells as closed walls (default: refuse a DEM with holes)
  --json               no progress bar; print the summary JSON on stdout

Writes <dir>/max-depth.asc (same grid as the DEM), <dir>/points.csv and <dir>/summary.json.`;

function positive(v: string | undefined, opt: string, fallback?: number): number {
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

/** Reads and checks every input; nothing is simulated yet. */
async function prepare(
  values: Record<string, string | boolean | undefined>,
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

function progress(tS: number, durationS: number, steps: number): void {
  const width = 30;
  const done = Math.round((tS / durationS) * width);
  process.stderr.write(
    `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${((tS / durationS) * 100).toFixed(0).padStart(3)}%  t ${tS.toFixed(0)} s  ${steps} steps`,
  );
}

/** Runs the engine to the end in fixed chunks of at least a minute (the same whether or not a bar is drawn). */
function runAll(run: FloodRun, durationS: number, bar: boolean): void {
  const chunks = Math.max(1, Math.min(100, Math.floor(durationS / 60)));
  for (let k = 1; k <= chunks; k++) {
    run.advanceTo(k === chunks ? durationS : (durationS * k) / chunks);
    if (bar) progress(run.tS, durationS, run.stats().steps);
  }
  if (bar) process.stderr.write('\n');
}

export const verb: CliVerb = {
  name: 'flood',
  summary: 'run the flood engine on a DEM with rain, an inflow and free edges; max depth, point series, summary',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        dem: { type: 'string' },
        manning: { type: 'string' },
        rain: { type: 'string' },
        inflow: { type: 'string' },
        'inflow-at': { type: 'string' },
        'free-edges': { type: 'string' },
        duration: { type: 'string' },
        points: { type: 'string' },
        threads: { type: 'string' },
        out: { type: 'string' },
        every: { type: 'string' },
        theta: { type: 'string' },
        cfl: { type: 'string' },
        'max-dt': { type: 'string' },
        'save-every': { type: 'string' },
        'nodata-closed': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const durationS = positive(values.duration, '--duration');
    const threads = values.threads === undefined ? 1 : Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64)
      throw new CliError(`--threads ${values.threads} is not a whole number from 1 to 64`);
    const { rasters, options, dem, closed } = await prepare(values);
    const outDir = values.out!;
    // Depth grids every --save-every seconds (LISFLOOD-FP's saveint), taken at the first output at or after each.
    const saveEvery = values['save-every'] === undefined ? 0 : positive(values['save-every'], '--save-every');
    const saved: { tS: number; depth: Float32Array }[] = [];
    if (saveEvery > 0) {
      let next = saveEvery;
      options.onOutput = (tS, h) => {
        if (tS < next - 1e-6) return;
        saved.push({ tS: next, depth: Float32Array.from(h, (v, i) => (closed[i] ? -9999 : v)) });
        next += saveEvery;
      };
    }
    const run = await createFloodRun(rasters, options, threads);
    const t0 = performance.now();
    try {
      runAll(run, durationS, !values.json && process.stderr.isTTY === true);
    } finally {
      run.close();
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    const stats = run.stats();
    const ledger = run.ledger();
    const maxDepth = run.maxDepthM();
    const out: Raster = {
      nx: dem.nx,
      ny: dem.ny,
      cellM: dem.cellM,
      x0: dem.x0,
      y0: dem.y0,
      values: new Float32Array(maxDepth.length),
      nodata: -9999,
    };
    let deepest = 0;
    for (let i = 0; i < maxDepth.length; i++) {
      out.values[i] = closed[i] ? -9999 : maxDepth[i];
      if (!closed[i] && maxDepth[i] > deepest) deepest = maxDepth[i];
    }
    const series = run.points();
    const csv = [['time_s', ...series.names].join(',')];
    series.timesS.forEach((t, k) => csv.push([t.toFixed(3), ...series.depthsM[k].map((d) => d.toFixed(6))].join(',')));
    const summary = {
      steps: stats.steps,
      cells: stats.cells,
      cellSteps: stats.cellSteps,
      activeCellSteps: stats.activeCellSteps,
      wallSeconds: Number(wallSeconds.toFixed(3)),
      cellStepsPerSecond: Math.round(stats.cellSteps / wallSeconds),
      massErrorRelative: ledger.relativeError,
      threads,
      durationS,
      minDtS: stats.minDtS,
      maxDtS: stats.maxDtS,
      maxDepthM: deepest,
      ledger,
    };
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'max-depth.asc'), formatEsriAscii(out, 4));
    await writeFile(join(outDir, 'points.csv'), csv.join('\n') + '\n');
    for (const { tS, depth } of saved)
      await writeFile(join(outDir, `depth-${Math.round(tS)}s.asc`), formatEsriAscii({ ...out, values: depth }, 3));
    await writeFile(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else
      process.stdout.write(
        `flood: ${stats.steps} steps over ${stats.cells} cells in ${wallSeconds.toFixed(1)} s (${(summary.cellStepsPerSecond / 1e6).toFixed(1)} M cell-steps/s, ${threads} thread${threads > 1 ? 's' : ''}); ` +
          `deepest ${deepest.toFixed(3)} m; mass error ${ledger.relativeError.toExponential(2)}\nwrote ${join(outDir, 'max-depth.asc')}, points.csv, summary.json\n`,
      );
    return 0;
  },
};
