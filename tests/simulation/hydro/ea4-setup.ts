// Builds EA Test 4 (Néelz & Pender 2013) from the LISFLOOD-FP files in ../shared/benchmarks/ea-test4/ as
// `rivertwin flood` inputs in a folder: the flat DEM, the inflow hydrograph and line, free edges and the points.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { parseBci, parseBdy, parseStageOutput, parseStagePoints } from '../../../simulation/hydro/index.ts';
import type { StageRow } from '../../../simulation/hydro/index.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
/** The benchmark folder (read-only, outside the repo). */
export const EA4_DIR = resolve(repoRoot, '..', 'shared', 'benchmarks', 'ea-test4');

const NX = 200;
const NY = 400;
const CELL_M = 5;

/** The `rivertwin flood` arguments for EA Test 4 at 5 m, with inputs written to `dir`. */
export function writeEa4Inputs(dir: string, outDir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const bci = parseBci(readFileSync(join(EA4_DIR, 'ea4.bci'), 'utf8'), 'ea4.bci');
  const bdy = parseBdy(readFileSync(join(EA4_DIR, 'ea4.bdy'), 'utf8'), 'ea4.bdy');
  const points = parseStagePoints(readFileSync(join(EA4_DIR, 'ea4.stage'), 'utf8'), 'ea4.stage');
  // 1. Flat bed at 0 m.
  const dem = { nx: NX, ny: NY, cellM: CELL_M, x0: 0, y0: 0, values: new Float32Array(NX * NY) };
  writeFileSync(join(dir, 'dem.asc'), formatEsriAscii(dem, 1));
  // 2. The QVAR line: unit discharge (m²/s) times the line's length gives m³/s.
  const qvar = bci.find((b) => b.kind === 'QVAR');
  if (!qvar || qvar.where !== 'W' || !qvar.value) throw new Error('ea4.bci: expected a QVAR segment on the west edge');
  const unit = bdy.get(qvar.value)!;
  const lengthM = qvar.b - qvar.a;
  const rows = Array.from(unit.timesS, (t, k) => `${t},${unit.values[k] * lengthM}`);
  writeFileSync(join(dir, 'inflow.csv'), ['time_s,m3_per_s', ...rows].join('\n') + '\n');
  writeFileSync(
    join(dir, 'points.csv'),
    ['name,x,y', ...points.map(([x, y], k) => `p${k + 1},${x},${y}`)].join('\n') + '\n',
  );
  const free = bci.filter((b) => b.kind === 'FREE').map((b) => b.where);
  return [
    '--dem',
    join(dir, 'dem.asc'),
    '--manning',
    '0.05',
    '--inflow',
    join(dir, 'inflow.csv'),
    '--inflow-at',
    `0,${qvar.a},0,${qvar.b}`,
    '--free-edges',
    free.join(','),
    '--duration',
    '18000',
    '--points',
    join(dir, 'points.csv'),
    '--out',
    outDir,
  ];
}

/** LISFLOOD-FP's depths at the six points. */
export function referenceStage(): StageRow[] {
  return parseStageOutput(
    readFileSync(join(EA4_DIR, 'reference-lisflood-acc-5m.stage'), 'utf8'),
    'reference-lisflood-acc-5m.stage',
  );
}

/** Parses our points.csv into times and per-point depth columns. */
export function readPointsCsv(text: string): { timesS: number[]; depthsM: number[][] } {
  const lines = text.trim().split('\n').slice(1);
  const timesS: number[] = [];
  const depthsM: number[][] = [];
  for (const l of lines) {
    const v = l.split(',').map(Number);
    timesS.push(v[0]);
    depthsM.push(v.slice(1));
  }
  return { timesS, depthsM };
}

/** RMSE per point of our series (linearly interpolated to the reference times) against the reference. */
export function rmsePerPoint(ours: { timesS: number[]; depthsM: number[][] }, ref: StageRow[]): number[] {
  const n = ref[0].depthsM.length;
  const out: number[] = [];
  for (let p = 0; p < n; p++) {
    let se = 0;
    let count = 0;
    let j = 0;
    for (const row of ref) {
      while (j + 1 < ours.timesS.length && ours.timesS[j + 1] < row.tS) j++;
      const k = Math.min(j + 1, ours.timesS.length - 1);
      const t0 = ours.timesS[j];
      const t1 = ours.timesS[k];
      const w = t1 > t0 ? Math.min(1, Math.max(0, (row.tS - t0) / (t1 - t0))) : 0;
      const d = ours.depthsM[j][p] * (1 - w) + ours.depthsM[k][p] * w - row.depthsM[p];
      se += d * d;
      count++;
    }
    out.push(Math.sqrt(se / count));
  }
  return out;
}
