// Per-cell statistics over the members' maximum-depth grids: the probability that the water passed each threshold,
// and quantiles of the maximum depth. Float32 in, Float32 out, one scratch column reused across cells.
import { SimulationError } from '../errors.ts';
import { quantileSorted } from './distribution.ts';

/** Per-cell maps over an ensemble. */
export interface CellStats {
  /** Per threshold: the share of members (0..1) whose maximum depth passed it (strictly deeper). */
  exceedance: Float32Array[];
  /** Per quantile: the maximum depth (m) at that quantile over members (type 7). */
  depthQuantiles: Float32Array[];
}

/**
 * Aggregates maximum-depth grids (m, one per member, same grid). A cell that is not a number in any member (nodata)
 * is NaN in every output.
 * @param thresholdsM depths (m)
 * @param quantiles in [0, 1]
 */
export function cellStats(maxDepthsM: readonly Float32Array[], thresholdsM: number[], quantiles: number[]): CellStats {
  const m = maxDepthsM.length;
  if (m === 0) throw new SimulationError('no member finished', { input: 'ensemble' }, 'fix the failing members first');
  const cells = maxDepthsM[0].length;
  maxDepthsM.forEach((g, i) => {
    if (g.length !== cells)
      throw new SimulationError(
        `member ${i + 1}'s grid has ${g.length} cells, the first ${cells}`,
        { input: 'ensemble' },
        'run every member at the same cell size',
      );
  });
  const exceedance = thresholdsM.map(() => new Float32Array(cells));
  const depthQuantiles = quantiles.map(() => new Float32Array(cells));
  const column = new Float64Array(m);
  for (let c = 0; c < cells; c++) {
    let nan = false;
    for (let i = 0; i < m; i++) {
      column[i] = maxDepthsM[i][c];
      if (Number.isNaN(column[i])) nan = true;
    }
    if (nan) {
      for (const e of exceedance) e[c] = NaN;
      for (const q of depthQuantiles) q[c] = NaN;
      continue;
    }
    column.sort();
    for (let t = 0; t < thresholdsM.length; t++) {
      // Members deeper than the threshold: those after the last value ≤ it in the sorted column.
      let k = m;
      while (k > 0 && column[k - 1] > thresholdsM[t]) k--;
      exceedance[t][c] = (m - k) / m;
    }
    for (let q = 0; q < quantiles.length; q++) depthQuantiles[q][c] = quantileSorted(column, quantiles[q]);
  }
  return { exceedance, depthQuantiles };
}
