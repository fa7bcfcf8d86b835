// EA Test 5 (valley flooding after a dam failure) from the committed LISFLOOD-FP T06 inputs, as `rivertwin flood`
// arguments, and the figures the issue judges it by: depth RMSE at the 7 points, maximum-depth RMSE over wet cells,
// cells off by more than 0.5 m or within 0.25 m, and cells deeper than LISFLOOD-FP's own maximum + 0.5 m.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import type { Raster } from '../../../twin/types.ts';
import { parseStageOutput } from '../../../simulation/hydro/index.ts';
import { convertEa5 } from '../../fixtures/simulation/hydro/ea-test5/convert-ea5.ts';
import { readPointsCsv, rmsePerPoint } from './ea4-setup.ts';

/** The fixture folder: LISFLOOD-FP's T06 inputs and the references made with it. */
export const EA5_DIR = resolve(fileURLToPath(import.meta.url), '../../../fixtures/simulation/hydro/ea-test5');

/** `rivertwin flood` arguments for EA Test 5 at 10 m × `factor`, inputs written to `dir`, 6 h. */
export function ea5Args(dir: string, outDir: string, factor = 1): string[] {
  return [...convertEa5(join(EA5_DIR, 'T06'), dir, factor), '--duration', '21600', '--every', '100', '--out', outDir];
}

/** The reference of a resolution: LISFLOOD-FP 8.1's stage output and maximum depth grid. */
export function ea5Reference(cellM: number): { stage: ReturnType<typeof parseStageOutput>; max: Raster } {
  const base = join(EA5_DIR, 'reference', `lisflood-${cellM}m-6h`);
  return {
    stage: parseStageOutput(readFileSync(`${base}.stage`, 'utf8'), `${base}.stage`),
    max: parseEsriAscii(gunzipSync(readFileSync(`${base}.max.asc.gz`)).toString('utf8'), `${base}.max.asc.gz`),
  };
}

/** The figures for one of our runs (its out folder) against a reference. */
export interface Ea5Figures {
  pointRmseM: number;
  pointRmsePerPointM: number[];
  maxDepthRmseM: number;
  wetCells: number;
  cellsOffByMoreThan50cm: number;
  fractionWithin25cm: number;
  cellsAboveReferenceMaxPlus50cm: number;
  maxDepthM: number;
  referenceMaxDepthM: number;
}

const WET_M = 0.01;

export function ea5Figures(outDir: string, ref: ReturnType<typeof ea5Reference>): Ea5Figures {
  const ours = readPointsCsv(readFileSync(join(outDir, 'points.csv'), 'utf8'));
  const per = rmsePerPoint(ours, ref.stage);
  const mine = parseEsriAscii(readFileSync(join(outDir, 'max-depth.asc'), 'utf8'), 'max-depth.asc');
  if (mine.nx !== ref.max.nx || mine.ny !== ref.max.ny) throw new Error('max-depth grid differs from the reference');
  const depth = (r: Raster, i: number) => (r.values[i] > 0 && r.values[i] !== r.nodata ? r.values[i] : 0);
  let refMax = 0;
  let ourMax = 0;
  for (let i = 0; i < mine.values.length; i++) {
    refMax = Math.max(refMax, depth(ref.max, i));
    ourMax = Math.max(ourMax, depth(mine, i));
  }
  let wet = 0;
  let se = 0;
  let off = 0;
  let within = 0;
  let above = 0;
  for (let i = 0; i < mine.values.length; i++) {
    const a = depth(mine, i);
    const b = depth(ref.max, i);
    if (a > refMax + 0.5) above++;
    if (!(a > WET_M || b > WET_M)) continue;
    wet++;
    const d = a - b;
    se += d * d;
    if (Math.abs(d) > 0.5) off++;
    if (Math.abs(d) <= 0.25) within++;
  }
  return {
    pointRmseM: Math.sqrt(per.reduce((s, r) => s + r * r, 0) / per.length),
    pointRmsePerPointM: per,
    maxDepthRmseM: Math.sqrt(se / wet),
    wetCells: wet,
    cellsOffByMoreThan50cm: off,
    fractionWithin25cm: within / wet,
    cellsAboveReferenceMaxPlus50cm: above,
    maxDepthM: ourMax,
    referenceMaxDepthM: refMax,
  };
}
