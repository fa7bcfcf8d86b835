// Public face of twin/grid: the simulation grid, its geometry, the rasterisers and DEM resampling.
export {
  cellAt,
  cellCentre,
  cellsAlongLine,
  gridExtent,
  gridForExtent,
  MAX_GRID_CELLS,
  nearestCellWhere,
  specOf,
  type GridSpec,
} from './grid-spec.ts';
export { InfiltrationClass, type Grid } from './grid.ts';
export { fillLine, forEachCellNearLine, lineLengthM } from './rasterise-line.ts';
export { fillPolygon, polygonCells, polygonRuns } from './rasterise-polygon.ts';
export {
  layersExtent,
  rasteriseDistrict,
  type RasterisedGrid,
  type RasteriseInput,
  type RasteriseOptions,
  type RasteriseReport,
} from './rasterise.ts';
export { fillNearest, resampleDem, type DemFill, type ResampleOptions, type ResampleReport } from './resample-dem.ts';
export {
  DEFAULT_SURFACE_PARAMETERS,
  parseSurfaceParameters,
  roadWidthM,
  SURFACE_NAMES,
  SurfaceClass,
  type SurfaceName,
  type SurfaceParameter,
  type SurfaceParameters,
} from './surfaces.ts';
export {
  decodeTerrainMessage,
  encodeTerrainMessage,
  TERRAIN_HEADER_BYTES,
  TERRAIN_MAGIC,
  type TerrainMessage,
} from './terrain-message.ts';
