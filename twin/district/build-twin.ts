// From a loaded District to what the simulation runs on: the Grid (rasters at the chosen cell size) and the
// routable road graph whose edges know the cells they cross. One function, so every caller gets the same twin.
import { TwinError } from '../errors.ts';
import { rasteriseDistrict, type RasterisedGrid } from '../grid/index.ts';
import { projectorFor } from '../projection/index.ts';
import type { RoadGraph, RoadGraphReport } from '../road-graph/index.ts';
import { parseTerrainRules } from '../terrain/index.ts';
import { districtRoadGraph } from './boundaries.ts';
import type { District } from './district.ts';
import { assertFits, estimateGrid, estimateWarnings, type GridEstimate } from './estimate.ts';

export interface Twin {
  district: District;
  grid: RasterisedGrid;
  graph: RoadGraph;
  graphReport: RoadGraphReport;
  /** What the grid was estimated to cost before it was built. */
  estimate: GridEstimate;
}

/** Options for `buildTwin`. */
export interface BuildTwinOptions {
  /** Cell size in metres; default the manifest's grid.cellM. */
  cellM?: number;
  /** Memory the grid and the run may take, megabytes; a larger estimate is refused before anything is built. */
  maxMemoryMB?: number;
  /** Called with the estimate before the grid is built (the CLI prints it when it is large). */
  onEstimate?: (estimate: GridEstimate, warnings: string[]) => void;
}

/**
 * Rasterises the district and builds its road graph on the same grid.
 * @throws TwinError for an unusable cell size or terrain
 */
export function buildTwin(district: District, opts: BuildTwinOptions = {}): Twin {
  const cellM = opts.cellM ?? district.manifest.grid.cellM;
  // Size before work: refuse what will not fit, warn about what will be slow, then build.
  const estimate = estimateGrid(district.extent, cellM);
  assertFits(estimate, opts.maxMemoryMB ?? Number.POSITIVE_INFINITY);
  const sizeWarnings = estimateWarnings(estimate);
  for (const message of sizeWarnings) district.warnings.push({ message: `twin: ${message}`, where: {} });
  opts.onEstimate?.(estimate, sizeWarnings);
  const t = district.terrain;
  if (t.dem && !t.demCrs) {
    throw new TwinError(
      'the DEM does not say its coordinate system',
      { file: t.source, field: 'crs' },
      'add "crs": "EPSG:…" to its entry in district.json',
    );
  }
  const rulesFile = district.manifest.sources.find((s) => s.roles.includes('terrainRules'))?.file;
  const grid = rasteriseDistrict(
    {
      buildings: district.buildings,
      roads: district.roads,
      water: district.water,
      landCover: district.landCover,
      floodWalls: district.floodWalls,
      catchments: district.catchments,
      extent: district.extent,
      ...(t.dem ? { dem: t.dem } : {}),
      ...(t.modelled && t.rules !== undefined ? { terrainRules: parseTerrainRules(t.rules, rulesFile) } : {}),
      ...(t.flatElevationM !== undefined ? { flatElevationM: t.flatElevationM } : {}),
    },
    {
      cellM,
      // No stated capacity, no sewers assumed: inspect and model-assets still work, and a run refuses it by name.
      defaultDrainMmPerH: district.manifest.drainage.defaultCapacityMmPerH ?? 0,
      loadOptions: { lenient: district.manifest.lenient, warnings: district.warnings },
      ...(t.dem
        ? {
            demFile: t.source,
            ...(t.demCrs
              ? { demProjector: projectorFor(t.demCrs, district.frame, { file: t.source, field: 'crs' }) }
              : {}),
          }
        : {}),
    },
  );
  if (t.dem && !t.demCrs) {
    throw new TwinError(
      'the DEM does not say its coordinate system',
      { file: t.source, field: 'crs' },
      'add "crs": "EPSG:…" to its entry in district.json',
    );
  }
  const { graph, report } = districtRoadGraph(district, grid);
  return { district, grid, graph, graphReport: report, estimate };
}
