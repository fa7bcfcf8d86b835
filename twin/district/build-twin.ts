// From a loaded District to what the simulation runs on: the Grid (rasters at the chosen cell size) and the
// routable road graph whose edges know the cells they cross. One function, so every caller gets the same twin.
import { TwinError } from '../errors.ts';
import { rasteriseDistrict, type RasterisedGrid } from '../grid/index.ts';
import { projectorFor } from '../projection/index.ts';
import type { RoadGraph, RoadGraphReport } from '../road-graph/index.ts';
import { parseTerrainRules } from '../terrain/index.ts';
import { districtRoadGraph } from './boundaries.ts';
import type { District } from './district.ts';

export interface Twin {
  district: District;
  grid: RasterisedGrid;
  graph: RoadGraph;
  graphReport: RoadGraphReport;
}

/** Options for `buildTwin`. */
export interface BuildTwinOptions {
  /** Cell size in metres; default the manifest's grid.cellM. */
  cellM?: number;
}

/**
 * Rasterises the district and builds its road graph on the same grid.
 * @throws TwinError for an unusable cell size or terrain
 */
export function buildTwin(district: District, opts: BuildTwinOptions = {}): Twin {
  const cellM = opts.cellM ?? district.manifest.grid.cellM;
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
    },
    {
      cellM,
      defaultDrainMmPerH: district.manifest.drainage.defaultCapacityMmPerH,
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
  return { district, grid, graph, graphReport: report };
}
