// Rasterises a district onto the simulation grid: surfaces (→ Manning's n, infiltration), building and river masks,
// catchments and drainage, bed elevation from a DEM or the modelled-terrain rules, and flood-wall crests.
import type { LoadOptions } from '../errors.ts';
import type { Projector } from '../projection/index.ts';
import { buildModelledTerrain, type ModelledTerrainReport } from '../terrain/modelled-terrain.ts';
import type { TerrainRules } from '../terrain/terrain-rules.ts';
import type { UnderpassPortal } from '../terrain/underpasses.ts';
import type { Building, Catchment, Extent, FloodWall, LandCover, Raster, RoadSegment, WaterBody } from '../types.ts';
import { cellsAlongLine, gridForExtent, type GridSpec } from './grid-spec.ts';
import type { Grid } from './grid.ts';
import { fillLine } from './rasterise-line.ts';
import { fillPolygon } from './rasterise-polygon.ts';
import { resampleDem, type DemFill, type ResampleReport } from './resample-dem.ts';
import { DEFAULT_SURFACE_PARAMETERS, roadWidthM, SurfaceClass, type SurfaceParameters } from './surfaces.ts';

/** The district layers the grid is made from, in local metres. */
export interface RasteriseInput {
  buildings: readonly Building[];
  roads: readonly RoadSegment[];
  water: readonly WaterBody[];
  landCover: readonly LandCover[];
  /** Surveyed or imported walls. Walls with source 'modelled' are skipped: the terrain rules draw their own. */
  floodWalls: readonly FloodWall[];
  /** Catchments; `Grid.catchmentId` indexes this array in the order given. */
  catchments: readonly Catchment[];
  /** Area to cover; default: the extent of every layer. */
  extent?: Extent;
  /** A DEM (any cell size; in local metres unless `demProjector` is given). */
  dem?: Raster;
  /** The modelled-terrain rules, used when there is no DEM. */
  terrainRules?: TerrainRules;
  /** Ground elevation (m) of a district declared flat (no DEM, no rules); 0 when absent. */
  flatElevationM?: number;
}

/** Options for `rasteriseDistrict`. */
export interface RasteriseOptions {
  /** Cell side, metres (default 5). Ignored when `spec` is given. */
  cellM?: number;
  /** An exact grid to rasterise onto (else sized by `gridForExtent` from the extent). */
  spec?: GridSpec;
  /** Border added around the extent, metres (default 0). */
  marginM?: number;
  /** Sewer capacity where no catchment covers a cell, mm/h (default 36: old central Shanghai's 1-year standard). */
  defaultDrainMmPerH?: number;
  surfaces?: SurfaceParameters;
  /** DEM CRS → local metres, when the DEM is not in local metres already. */
  demProjector?: Projector;
  /** DEM file name for messages, fill policy and strictness for its gaps (see `resampleDem`). */
  demFile?: string;
  demFill?: DemFill;
  maxMissingShare?: number;
  loadOptions?: LoadOptions;
}

/** What rasterising found, for `inspect` and the app. */
export interface RasteriseReport {
  terrain: 'dem' | 'modelled' | 'flat';
  dem?: ResampleReport;
  modelled?: ModelledTerrainReport;
  /** Walls the terrain rules generated (source 'modelled'), for the district to list. */
  modelledWalls: FloodWall[];
  /** Underpass and tunnel portals the terrain rules turned into depressions. */
  underpasses: UnderpassPortal[];
  /** Cells per layer. */
  cells: { total: number; building: number; road: number; green: number; water: number; river: number; wall: number };
}

/** A Grid with the report of how it was made. */
export interface RasterisedGrid extends Grid {
  report: RasteriseReport;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const RIVER_KINDS = new Set(['river', 'canal', 'dock']);

/** Extent of every coordinate in the layers. */
export function layersExtent(input: RasteriseInput): Extent {
  const e = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const add = (p: readonly number[]): void => {
    if (p[0] < e.minX) e.minX = p[0];
    if (p[0] > e.maxX) e.maxX = p[0];
    if (p[1] < e.minY) e.minY = p[1];
    if (p[1] > e.maxY) e.maxY = p[1];
  };
  for (const b of input.buildings) for (const poly of b.footprint) for (const p of poly[0] ?? []) add(p);
  for (const r of input.roads) for (const p of r.coords) add(p);
  for (const l of input.landCover) for (const poly of l.polygons) for (const p of poly[0] ?? []) add(p);
  for (const w of input.water) for (const poly of w.polygons) for (const p of poly[0] ?? []) add(p);
  return e;
}

/**
 * Rasterises the district. Deterministic: inputs are sorted by id (catchments keep their order, as `catchmentId`
 * indexes them), no Map-order or random dependence, so the same input gives byte-identical arrays.
 * @throws TwinError for an unusable cell size or extent, or (strict) a DEM that leaves too many cells empty
 */
export function rasteriseDistrict(input: RasteriseInput, options: RasteriseOptions = {}): RasterisedGrid {
  const params = options.surfaces ?? DEFAULT_SURFACE_PARAMETERS;
  const spec =
    options.spec ??
    gridForExtent(input.extent ?? layersExtent(input), options.cellM ?? 5, { marginM: options.marginM ?? 0 });
  const { nx, ny } = spec;
  const n = nx * ny;
  const buildings = [...input.buildings].sort(byId);
  const roads = [...input.roads].sort(byId);
  const water = [...input.water].sort(byId);
  const landCover = [...input.landCover].sort(byId);
  // 1. Surfaces, later layers over earlier: paved ground, paved then green land cover, roads, water, buildings.
  const surface = new Uint8Array(n).fill(SurfaceClass.Paved);
  const green = new Set(params.greenKinds);
  const paved = new Set(params.pavedKinds);
  for (const pass of [paved, green]) {
    const value = pass === green ? SurfaceClass.Green : SurfaceClass.Paved;
    for (const l of landCover) if (pass.has(l.kind)) for (const p of l.polygons) fillPolygon(spec, p, surface, value);
  }
  const carriageway = new Uint8Array(n);
  for (const r of roads) {
    const w = roadWidthM(r, params);
    if (w <= 0) continue;
    if (r.drivable) {
      fillLine(spec, r.coords, w / 2, surface, SurfaceClass.Road);
      fillLine(spec, r.coords, w / 2, carriageway, 1);
    } else fillLine(spec, r.coords, w / 2, surface, SurfaceClass.Paved);
  }
  // 2. Water (index per cell, river mask) and buildings (not on river cells: the river boundary wins).
  const waterIndex = new Int32Array(n).fill(-1);
  water.forEach((w, k) => {
    for (const p of w.polygons) fillPolygon(spec, p, waterIndex, k);
  });
  const riverMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = waterIndex[i];
    if (w < 0) continue;
    surface[i] = SurfaceClass.Water;
    carriageway[i] = 0;
    if (RIVER_KINDS.has(water[w].kind)) riverMask[i] = 1;
  }
  const buildingMask = new Uint8Array(n);
  for (const b of buildings) for (const p of b.footprint) fillPolygon(spec, p, buildingMask, 1);
  for (let i = 0; i < n; i++) {
    if (buildingMask[i] && riverMask[i]) buildingMask[i] = 0;
    else if (buildingMask[i]) {
      surface[i] = SurfaceClass.Roof;
      carriageway[i] = 0;
    }
  }
  // 3. Manning's n and infiltration from the surface.
  const manningN = new Float32Array(n);
  const infiltrationClass = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = params.surfaces[surface[i]];
    manningN[i] = s.manningN;
    infiltrationClass[i] = s.infiltrationClass;
  }
  // 4. Catchments (first listed wins where they overlap) and sewer capacity; none under water.
  const catchmentId = new Int32Array(n).fill(-1);
  for (let k = input.catchments.length - 1; k >= 0; k--) fillPolygon(spec, input.catchments[k].polygon, catchmentId, k);
  const drainCapacityMmPerH = new Float32Array(n);
  const defaultDrain = options.defaultDrainMmPerH ?? 36;
  for (let i = 0; i < n; i++) {
    const c = catchmentId[i];
    drainCapacityMmPerH[i] = waterIndex[i] >= 0 ? 0 : c >= 0 ? input.catchments[c].drainCapacityMmPerH : defaultDrain;
  }
  // 5. Bed elevation: the DEM resampled, else the modelled terrain (which also brings walls and more river cells).
  const report: RasteriseReport = {
    terrain: input.dem ? 'dem' : input.terrainRules ? 'modelled' : 'flat',
    modelledWalls: [],
    underpasses: [],
    cells: { total: n, building: 0, road: 0, green: 0, water: 0, river: 0, wall: 0 },
  };
  let bedM: Float32Array;
  let wallCrestM: Float32Array = new Float32Array(n).fill(Number.NaN);
  if (input.dem) {
    const r = resampleDem(input.dem, spec, {
      projector: options.demProjector,
      fill: options.demFill,
      maxMissingShare: options.maxMissingShare,
      file: options.demFile,
      opts: options.loadOptions,
    });
    bedM = r.bedM;
    report.dem = r.report;
  } else if (input.terrainRules) {
    const t = buildModelledTerrain(
      { spec, roads, water, waterIndex, carriageway, halfWidthM: (road) => roadWidthM(road, params) / 2 },
      input.terrainRules,
    );
    bedM = t.bedM;
    wallCrestM = t.wallCrestM;
    for (let i = 0; i < n; i++) if (t.riverMask[i]) riverMask[i] = 1;
    report.modelled = t.report;
    report.modelledWalls = t.walls;
    report.underpasses = t.underpasses;
  } else bedM = new Float32Array(n).fill(input.flatElevationM ?? 0);
  // 6. Imported walls: the crest on every cell the wall line crosses; a wall cell is never river.
  for (const wall of [...input.floodWalls].sort(byId)) {
    if (wall.source === 'modelled') continue;
    for (const i of cellsAlongLine(spec, wall.line)) {
      if (!(wallCrestM[i] >= wall.crestM)) wallCrestM[i] = wall.crestM;
    }
  }
  for (let i = 0; i < n; i++) {
    const crest = wallCrestM[i];
    if (Number.isNaN(crest)) continue;
    riverMask[i] = 0;
    if (crest > bedM[i]) bedM[i] = crest;
  }
  // 7. Counts.
  const cells = report.cells;
  for (let i = 0; i < n; i++) {
    cells.building += buildingMask[i];
    cells.river += riverMask[i];
    if (surface[i] === SurfaceClass.Road) cells.road++;
    else if (surface[i] === SurfaceClass.Green) cells.green++;
    else if (surface[i] === SurfaceClass.Water) cells.water++;
    if (!Number.isNaN(wallCrestM[i])) cells.wall++;
  }
  return {
    ...spec,
    bedM,
    buildingMask,
    manningN,
    infiltrationClass,
    drainCapacityMmPerH,
    catchmentId,
    riverMask,
    wallCrestM,
    surface,
    report,
  };
}
