// Shared checks for RainField implementations: the engine's view (fillMean over uneven steps) against depthMm.
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import type { RainField } from '../../../simulation/rain/index.ts';

/**
 * Runs `field` the way the flood engine does, with uneven steps from 0 to `untilS` (some tiny, some spanning many
 * minutes), and returns the rain volume (m³) from Σ fillMean × dt × cell area and from Σ depthMm × cell area.
 */
export function volumesBothWays(field: RainField, grid: GridSpec, untilS: number): { fillM3: number; depthM3: number } {
  const cells = grid.nx * grid.ny;
  const areaM2 = grid.cellM * grid.cellM;
  const out = new Float32Array(cells);
  const steps = [0.7, 13.1, 59.9, 0.05, 241.3, 1000.1, 7.7];
  let fillM3 = 0;
  let t = 0;
  for (let k = 0; t < untilS; k++) {
    const dt = Math.min(steps[k % steps.length], untilS - t);
    field.fillMean(t, t + dt, out);
    let sumMmPerH = 0;
    for (let i = 0; i < cells; i++) sumMmPerH += out[i];
    fillM3 += ((sumMmPerH * dt) / 3600 / 1000) * areaM2;
    t += dt;
  }
  let depthM3 = 0;
  for (let i = 0; i < cells; i++) depthM3 += (field.depthMm(i, 0, untilS) / 1000) * areaM2;
  return { fillM3, depthM3 };
}
