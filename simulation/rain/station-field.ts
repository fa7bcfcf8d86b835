// Rain from several gauges spread over the grid by inverse-distance weighting or Thiessen polygons.
// Weights are fixed per cell at build time, so fillMean is one weighted sum per cell, and depthMm agrees with it exactly.
import type { GridSpec } from '../../twin/grid/grid-spec.ts';
import { SimulationError } from '../errors.ts';
import { hyetographDepthMm, hyetographMeanRate } from './hyetograph.ts';
import type { RainField } from './rain-field.ts';
import type { StationSeries } from './station-series.ts';

/** How gauge readings are spread over the grid. */
export interface StationFieldOptions {
  /** 'idw' (inverse-distance weighting, default) or 'thiessen' (each cell takes its nearest gauge). */
  method?: 'idw' | 'thiessen';
  /** IDW exponent; 2 by default. */
  power?: number;
  /** IDW uses this many nearest gauges per cell (default 4, or all if fewer). */
  neighbours?: number;
}

/**
 * A rain field interpolated from gauges. Gauges may lie outside the grid. A cell centred on a gauge takes that
 * gauge's reading. Ties in distance go to the gauge listed first, so the result is deterministic.
 * @throws SimulationError for no stations, duplicate ids, or bad options.
 */
export function stationRainField(
  stations: readonly StationSeries[],
  grid: GridSpec,
  opts: StationFieldOptions = {},
  input = 'rain stations',
): RainField {
  const method = opts.method ?? 'idw';
  const power = opts.power ?? 2;
  const ns = stations.length;
  if (ns === 0) throw new SimulationError('has no stations', { input }, 'give at least one rain gauge');
  if (method !== 'idw' && method !== 'thiessen')
    throw new SimulationError(
      `unknown method "${String(method)}"`,
      { input, field: 'method' },
      "use 'idw' or 'thiessen'",
    );
  if (!(power > 0) || !Number.isFinite(power))
    throw new SimulationError(
      `IDW power ${power} must be positive`,
      { input, field: 'power' },
      'use 2 (the usual choice)',
    );
  const requested = opts.neighbours ?? 4;
  if (!Number.isInteger(requested) || requested < 1)
    throw new SimulationError(`neighbours ${requested} must be a whole number ≥ 1`, { input, field: 'neighbours' });
  const seen = new Set<string>();
  for (const s of stations) {
    if (seen.has(s.id))
      throw new SimulationError(`station id "${s.id}" appears twice`, {
        input,
        item: `station "${s.id}"`,
        field: 'station_id',
      });
    seen.add(s.id);
    if (!Number.isFinite(s.x) || !Number.isFinite(s.y))
      throw new SimulationError(`station "${s.id}" has no finite position`, {
        input,
        item: `station "${s.id}"`,
        field: 'x/y',
      });
  }
  const k = method === 'thiessen' ? 1 : Math.min(requested, ns);
  const cells = grid.nx * grid.ny;
  const stationOf = new Int32Array(cells * k);
  const weight = new Float64Array(cells * k);
  // 1. Per cell, the k nearest stations (ties to the lower index) and their normalised weights.
  const d2 = new Float64Array(ns);
  const picked = new Uint8Array(ns);
  const tiny = 1e-12 * grid.cellM * grid.cellM;
  for (let row = 0; row < grid.ny; row++) {
    const yc = grid.y0 + (grid.ny - row - 0.5) * grid.cellM;
    for (let col = 0; col < grid.nx; col++) {
      const xc = grid.x0 + (col + 0.5) * grid.cellM;
      const cell = row * grid.nx + col;
      for (let s = 0; s < ns; s++) {
        const dx = stations[s].x - xc;
        const dy = stations[s].y - yc;
        d2[s] = dx * dx + dy * dy;
      }
      picked.fill(0);
      let sum = 0;
      for (let j = 0; j < k; j++) {
        let best = -1;
        for (let s = 0; s < ns; s++) if (!picked[s] && (best < 0 || d2[s] < d2[best])) best = s;
        picked[best] = 1;
        stationOf[cell * k + j] = best;
        const w = k === 1 ? 1 : Math.pow(Math.max(d2[best], tiny), -power / 2);
        weight[cell * k + j] = w;
        sum += w;
      }
      for (let j = 0; j < k; j++) weight[cell * k + j] /= sum;
    }
  }
  const hyetographs = stations.map((s) => s.hyetograph);
  const endS = hyetographs.reduce((m, h) => Math.max(m, h.endS), 0);
  const meanMmPerH = new Float64Array(ns);
  // The last field computed and the gauge means it came from: gauges report in blocks of minutes while the
  // engine steps in seconds, so most calls see the same means and only copy.
  const lastMeans = new Float64Array(ns).fill(NaN);
  const lastField = new Float32Array(cells);
  return {
    endS,
    fillMean(t0S: number, t1S: number, out: Float32Array): void {
      // 2. Each gauge's mean over the interval; reuse the last field if none changed.
      let same = true;
      for (let s = 0; s < ns; s++) {
        meanMmPerH[s] = hyetographMeanRate(hyetographs[s], t0S, t1S);
        if (meanMmPerH[s] !== lastMeans[s]) same = false;
      }
      // 3. Otherwise the fixed weighted sum per cell.
      if (!same) {
        for (let cell = 0; cell < cells; cell++) {
          let v = 0;
          const base = cell * k;
          for (let j = 0; j < k; j++) v += weight[base + j] * meanMmPerH[stationOf[base + j]];
          lastField[cell] = v;
        }
        lastMeans.set(meanMmPerH);
      }
      out.set(lastField);
    },
    uniformMean(t0S: number, t1S: number): number {
      const first = hyetographMeanRate(hyetographs[0], t0S, t1S);
      for (let s = 1; s < ns; s++) if (hyetographMeanRate(hyetographs[s], t0S, t1S) !== first) return NaN;
      return first;
    },
    depthMm(index: number, t0S: number, t1S: number): number {
      let v = 0;
      const base = index * k;
      for (let j = 0; j < k; j++) v += weight[base + j] * hyetographDepthMm(hyetographs[stationOf[base + j]], t0S, t1S);
      return v;
    },
  };
}
