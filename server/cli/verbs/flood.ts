// `rivertwin flood`: the flood engine on any DEM, for hydrologists who want to check it against their own tools.
// Every input is read and checked before the first step; outputs are ESRI ASCII, CSV and a JSON summary.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import type { Raster } from '../../../twin/types.ts';
import type { FloodRun } from '../../../simulation/hydro/index.ts';
import { createFloodRun } from '../../../simulation/hydro/threads.node.ts';
import { positive, prepare } from '../flood-inputs.ts';
import { engineOption } from '../district-options.ts';
import type { CliVerb } from '../verb.ts';

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
  --threads <N>        worker threads (row bands; default 2); results are identical for any N
  --theta <θ>          q-centred weighting of de Almeida et al. (2012): 1 = Bates et al. 2010 as LISFLOOD-FP
                       (default), 0.7–0.9 damps the short waves θ = 1 leaves on deep, smooth water
  --cfl <α>            CFL coefficient in dt = α·dx/√(g·h_max) (default 0.5; 0.7 is LISFLOOD-FP's, at the
                       scheme's 2D stability limit, where deep still water oscillates)
  --lts <levels>       local time stepping: cells step 2^k times the CFL step, k up to <levels>, by the depth
                       around them (default 4 with --rain, where most cells stay shallow; 0, one global step,
                       without: an inflow over a plain keeps depths alike and gains nothing)
  --max-dt <s>         longest step, as LISFLOOD-FP's initial_tstep (default 5; 10 under local time stepping,
                       where only the shallowest cells take it)
  --save-every <s>     also write the depth grid every s seconds (depth-<t>s.asc), as LISFLOOD-FP's saveint
  --nodata-closed      treat NODATA cells as closed walls (default: refuse a DEM with holes)
  --json               no progress bar; print the summary JSON on stdout

Writes <dir>/max-depth.asc (same grid as the DEM), <dir>/points.csv and <dir>/summary.json.`;

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
        lts: { type: 'string' },
        'max-dt': { type: 'string' },
        'save-every': { type: 'string' },
        'nodata-closed': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const durationS = positive(values.duration, '--duration', undefined, usage);
    const { threads } = engineOption(values.threads);
    const { rasters, options, dem, closed } = await prepare(values, usage);
    const outDir = values.out!;
    // Depth grids every --save-every seconds (LISFLOOD-FP's saveint), taken at the first output at or after each.
    const saveEvery =
      values['save-every'] === undefined ? 0 : positive(values['save-every'], '--save-every', undefined, usage);
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
      subSteps: stats.subSteps,
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
