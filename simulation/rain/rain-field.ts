// Rain as a field over the grid in time: the one interface the flood engine reads rain through.

/**
 * Rain rate over a grid as a function of time. Implementations are built for one GridSpec (row 0 north,
 * index = row * nx + col, as twin/grid/grid-spec.ts) and must be deterministic and allocation-free in `fill`.
 */
export interface RainField {
  /** Time (s from scenario start) after which no more rain falls anywhere. */
  readonly endS: number;
  /**
   * The mean rain rate (mm/h) over [t0S, t1S] in every cell, written into `out` (length nx * ny).
   * Averaging over the interval keeps the rain volume exact whatever time step the engine takes.
   * The fields in this folder write the instantaneous rate at t0S when t1S ≤ t0S, and allocate nothing here.
   */
  fillMean(t0S: number, t1S: number, out: Float32Array): void;
  /**
   * The mean rate (mm/h) over [t0S, t1S] if the field is the same in every cell over that interval, else NaN.
   * Lets the engine skip the per-cell pass for uniform rain.
   */
  uniformMean(t0S: number, t1S: number): number;
  /** Total rain depth (mm) that falls on cell `index` between t0S and t1S, for ledgers and tests. */
  depthMm(index: number, t0S: number, t1S: number): number;
}
