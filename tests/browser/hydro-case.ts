// The case the browser Worker test runs in Chromium and in Node: a 60 × 40 street grid at 5 m with an uneven
// bed, buildings, a park that soaks up rain, a river strip on the east held at a stage above its bank, and a free
// west edge, so rain, river inflow, infiltration, the free edge and wetting and drying all take part.
import type { EdgeBoundaries, HydroRasters } from '../../simulation/hydro/index.ts';
import { seededRandom } from '../simulation/hydro/helpers.ts';

/** Grid size (cells) and cell size (m). */
export const NX = 60;
export const NY = 40;
export const CELL_M = 5;
/** First river column: columns RIVER_COL…NX−1 are the river. */
export const RIVER_COL = 56;

/** The run's settings, in the Worker request's terms. */
export const CASE_SETTINGS = {
  rainMmPerH: 50,
  durationS: 15 * 60,
  riverStageM: 2.3,
  theta: 0.7,
  edges: { west: { kind: 'free' } } as EdgeBoundaries,
};

function inBox(r: number, c: number, r0: number, r1: number, c0: number, c1: number): boolean {
  return r >= r0 && r <= r1 && c >= c0 && c <= c1;
}

/**
 * The rasters, built afresh on each call (the same values every time). Land rises westwards from about 2.0 m at
 * the river bank at 2 cm per cell, with waves of ±0.25 m, ±0.15 m of seeded noise and a bowl in the middle.
 */
export function caseRasters(): HydroRasters & {
  bedM: Float32Array;
  manningN: Float32Array;
  buildingMask: Uint8Array;
  riverMask: Uint8Array;
  infiltrationClass: Uint8Array;
} {
  const n = NX * NY;
  const rnd = seededRandom(20240920);
  const bedM = new Float32Array(n);
  const manningN = new Float32Array(n).fill(0.015);
  const buildingMask = new Uint8Array(n);
  const riverMask = new Uint8Array(n);
  const infiltrationClass = new Uint8Array(n);
  for (let r = 0; r < NY; r++)
    for (let c = 0; c < NX; c++) {
      const i = r * NX + c;
      const noise = (rnd() - 0.5) * 0.3;
      if (c >= RIVER_COL) {
        bedM[i] = 0.5 + noise;
        riverMask[i] = 1;
        continue;
      }
      const bowl = 0.6 * Math.exp(-((r - 20) ** 2 + (c - 26) ** 2) / 60);
      bedM[i] = 2 + 0.02 * (RIVER_COL - c) + 0.25 * Math.sin(r / 4) * Math.cos(c / 5) - bowl + noise;
      if (inBox(r, c, 8, 13, 10, 17) || inBox(r, c, 22, 30, 30, 36) || inBox(r, c, 5, 9, 40, 46)) buildingMask[i] = 1;
      if (inBox(r, c, 28, 36, 5, 18)) {
        infiltrationClass[i] = 1;
        manningN[i] = 0.035;
      }
    }
  return { nx: NX, ny: NY, cellM: CELL_M, bedM, manningN, buildingMask, riverMask, infiltrationClass };
}
