// A district's summary for people and scripts: counts, extent, grid size, terrain source and warnings.
import type { RoadGraphReport } from '../road-graph/types.ts';
import type { GridSpec } from '../grid/grid-spec.ts';
import type { RasteriseReport } from '../grid/index.ts';
import { localToWgs84 } from '../projection/index.ts';
import type { District } from './district.ts';
import type { GridEstimate } from './estimate.ts';

export interface DistrictSummary {
  id: string;
  name: string;
  nameEn?: string;
  buildings: number;
  buildingPieces: number;
  heightsInferred: number;
  roads: number;
  drivableRoads: number;
  roadNodes: number;
  roadEdges: number;
  largestComponentShare: number;
  roadNodesDropped: number;
  waterBodies: number;
  landCover: number;
  floodWalls: number;
  sensors: { total: number; rain: number; riverLevel: number; roadWater: number };
  hotspots: number;
  hotspotsByKind: Record<string, number>;
  catchments: number;
  pumpStations: number;
  pumpCapacityM3PerS: number;
  depots: number;
  fleet: { trucks: number; capacityM3PerH: number };
  /** Everything placed by rules rather than taken from a survey or a map. */
  modelled: string[];
  origin: { lon: number; lat: number };
  extentM: { minX: number; minY: number; maxX: number; maxY: number; width: number; height: number };
  extentDeg: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** The same extent as [minLon, minLat, maxLon, maxLat]. */
  extentLonLat: [number, number, number, number];
  grid: { nx: number; ny: number; cellM: number; cells: number; byLayer?: RasteriseReport['cells'] };
  /** Underpass and tunnel portals the terrain dips at. */
  underpasses?: number;
  /** The ground: the DEM file, 'modelled' (terrain rules) or 'flat' (declared in district.json). */
  terrain: string;
  /** Where the ground comes from: 'DEM dem.tif (EPSG:28992)', 'modelled by terrain-rules.json'. */
  terrainProvenance: string;
  /** What the grid was estimated to cost before it was built. */
  estimate?: { cells: number; memoryMB: number; secondsPerSimHour: number };
  attribution?: string;
  warnings: string[];
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Summarises a loaded district, its road graph's report and its grid geometry. */
export function summariseDistrict(
  d: District,
  graph: RoadGraphReport,
  grid: GridSpec,
  gridReport?: RasteriseReport,
  estimate?: GridEstimate,
): DistrictSummary {
  const byKind = (kind: string) => d.sensors.filter((s) => s.kind === kind).length;
  const hotspotsByKind: Record<string, number> = {};
  for (const h of [...d.hotspots].sort((a, b) => a.kind.localeCompare(b.kind)))
    hotspotsByKind[h.kind] = (hotspotsByKind[h.kind] ?? 0) + 1;
  const sw = localToWgs84(d.frame, d.extent.minX, d.extent.minY);
  const ne = localToWgs84(d.frame, d.extent.maxX, d.extent.maxY);
  const modelled: string[] = [];
  if (d.terrain.modelled) modelled.push('terrain');
  const walls = [...d.floodWalls, ...(gridReport?.modelledWalls ?? [])];
  if (walls.some((w) => w.source === 'modelled')) modelled.push('floodWalls');
  for (const [name, list] of [
    ['sensors', d.sensors],
    ['hotspots', d.hotspots],
    ['catchments', d.catchments],
    ['pumpStations', d.pumpStations],
    ['depots', d.depots],
    ['fleet', d.fleet],
  ] as const) {
    if ((list as readonly { modelled: boolean }[]).some((x) => x.modelled)) modelled.push(name);
  }
  const s: DistrictSummary = {
    id: d.manifest.id,
    name: d.manifest.name,
    buildings: d.buildings.length,
    buildingPieces: d.stats.buildingPieces,
    heightsInferred: d.stats.heightsInferred,
    roads: d.roads.length,
    drivableRoads: d.roads.filter((r) => r.drivable).length,
    roadNodes: graph.nodes,
    roadEdges: graph.edges,
    largestComponentShare: round(graph.largestComponentShare, 4),
    roadNodesDropped: graph.droppedNodes,
    waterBodies: d.water.length,
    landCover: d.landCover.length,
    floodWalls: walls.length,
    sensors: {
      total: d.sensors.length,
      rain: byKind('rain'),
      riverLevel: byKind('riverLevel'),
      roadWater: byKind('roadWater'),
    },
    hotspots: d.hotspots.length,
    hotspotsByKind,
    catchments: d.catchments.length,
    pumpStations: d.pumpStations.length,
    pumpCapacityM3PerS: round(
      d.pumpStations.reduce((a, p) => a + p.capacityM3PerS, 0),
      2,
    ),
    depots: d.depots.length,
    fleet: { trucks: d.fleet.length, capacityM3PerH: d.fleet.reduce((a, t) => a + t.capacityM3PerH, 0) },
    modelled,
    origin: { lon: d.frame.originLon, lat: d.frame.originLat },
    extentM: {
      minX: round(d.extent.minX, 1),
      minY: round(d.extent.minY, 1),
      maxX: round(d.extent.maxX, 1),
      maxY: round(d.extent.maxY, 1),
      width: round(d.extent.maxX - d.extent.minX, 1),
      height: round(d.extent.maxY - d.extent.minY, 1),
    },
    extentDeg: { minLon: round(sw[0], 6), minLat: round(sw[1], 6), maxLon: round(ne[0], 6), maxLat: round(ne[1], 6) },
    extentLonLat: [round(sw[0], 6), round(sw[1], 6), round(ne[0], 6), round(ne[1], 6)],
    grid: {
      nx: grid.nx,
      ny: grid.ny,
      cellM: grid.cellM,
      cells: grid.nx * grid.ny,
      ...(gridReport ? { byLayer: gridReport.cells } : {}),
    },
    terrain: d.terrain.source,
    terrainProvenance: d.terrain.provenance,
    warnings: d.warnings.map((w) => w.message),
  };
  if (gridReport) s.underpasses = gridReport.underpasses.length;
  if (estimate) {
    s.estimate = {
      cells: estimate.cells,
      memoryMB: estimate.memoryMB,
      secondsPerSimHour: estimate.secondsPerSimHour,
    };
  }
  if (d.manifest.nameEn) s.nameEn = d.manifest.nameEn;
  if (d.manifest.attribution) s.attribution = d.manifest.attribution;
  return s;
}
