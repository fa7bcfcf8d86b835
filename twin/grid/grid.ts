// The district rasterised for the flood engine: one typed array per property, all on the same GridSpec.
import type { GridSpec } from './grid-spec.ts';

/** Infiltration classes; the flood engine maps each to Horton or curve-number parameters. */
export const enum InfiltrationClass {
  Impervious = 0,
  Green = 1,
  Water = 2,
}

/** The district as rasters on one grid. Arrays are row-major, row 0 north, length nx * ny. */
export interface Grid extends GridSpec {
  /** Bed (ground) elevation, metres above datum. Buildings are NOT added: see `buildingMask`. */
  bedM: Float32Array;
  /** 1 where a building covers the cell centre (water does not enter), else 0. */
  buildingMask: Uint8Array;
  /** Manning's n by surface (roads, roofs, green, water). */
  manningN: Float32Array;
  /** `InfiltrationClass` per cell. */
  infiltrationClass: Uint8Array;
  /** Drainage capacity of the sewers under the cell, mm/h of rain they can take away. */
  drainCapacityMmPerH: Float32Array;
  /** Index into the district's catchments, -1 where none. */
  catchmentId: Int32Array;
  /** 1 for cells of the river (held at the river stage as a boundary), else 0. */
  riverMask: Uint8Array;
  /** Flood-wall crest elevation where a wall crosses the cell, NaN elsewhere. bedM already includes it. */
  wallCrestM: Float32Array;
  /** What covers the cell: a `SurfaceClass` code (0 paved, 1 road, 2 roof, 3 green, 4 water), for drawing and n. */
  surface: Uint8Array;
}
