// Public face of the modelled layers: everything a district needs that no open source publishes (sensors,
// hotspots, catchments, pump stations, depots, fleet), placed by documented rules on the real map.
import type { Grid } from '../grid/grid.ts';
import type { RoadGraph } from '../road-graph/types.ts';
import type { Catchment, Depot, Hotspot, PumpStation, PumpTruck, RoadSegment, Sensor, XY } from '../types.ts';
import type { AssetRules } from './asset-rules.ts';
import { landRegions, modelCatchments } from './catchments.ts';
import {
  makeFleet,
  placeDepots,
  placeHotspotsAndMonitors,
  placeRainGauges,
  placeRiverGauges,
  type MapPoi,
} from './place-points.ts';

export { parseAssetRules, type AssetRules, type TruckType } from './asset-rules.ts';
export { labelComponents, pointInRing, ringArea, traceOutline } from './cell-regions.ts';
export type { MapPoi } from './place-points.ts';
export { poisFromGeoJson } from './map-pois.ts';
export { ASSET_FILES, ASSET_ROLES, renderAssets } from './write-assets.ts';

export interface ModelledAssets {
  sensors: Sensor[];
  hotspots: Hotspot[];
  catchments: Catchment[];
  pumpStations: PumpStation[];
  depots: Depot[];
  fleet: PumpTruck[];
}

/**
 * Places every modelled asset. Deterministic: the same grid, graph, roads, POIs and rules give the same assets.
 * @param localPoint WGS84 → local metres, for the rules' named places
 */
export function placeAssets(
  grid: Grid,
  graph: RoadGraph,
  roads: readonly RoadSegment[],
  pois: readonly MapPoi[],
  rules: AssetRules,
  localPoint: (lon: number, lat: number) => XY,
): ModelledAssets {
  const regions = landRegions(grid);
  const { catchments, pumpStations, labels } = modelCatchments(grid, regions, rules, localPoint);
  const rain = placeRainGauges(grid, rules);
  const river = placeRiverGauges(grid, roads, rules, localPoint);
  const { monitors, hotspots } = placeHotspotsAndMonitors(grid, graph, roads, labels, pois, rules);
  const depots = placeDepots(grid, graph, regions, rules);
  return {
    sensors: [...rain, ...river, ...monitors],
    hotspots,
    catchments,
    pumpStations,
    depots,
    fleet: makeFleet(depots, rules),
  };
}
