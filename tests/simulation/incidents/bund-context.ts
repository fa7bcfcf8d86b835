// The Bund as the incident importer sees it (sensors, hotspots, the road index, the projection), loaded once per file.
import { join } from 'node:path';
import { indexRoads, type IncidentDistrict } from '../../../simulation/incidents/index.ts';
import { districtRoadGraph } from '../../../twin/district/boundaries.ts';
import type { District } from '../../../twin/district/district.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { projectorFor } from '../../../twin/projection/index.ts';

export const root = join(import.meta.dirname, '../../..');
export const bundDir = join(root, 'datasets/shanghai-bund');
export const sampleDir = join(bundDir, 'incidents');
export const badRowsDir = join(root, 'tests/fixtures/simulation/incidents/bad-rows');

/** The Bund district and its incident context. */
export async function bundContext(): Promise<{
  district: District;
  d: IncidentDistrict;
  lonLat: (x: number, y: number) => [number, number];
}> {
  const district = await loadDistrict(bundDir);
  const p = projectorFor('EPSG:4326', district.frame);
  const d: IncidentDistrict = {
    sensors: district.sensors,
    hotspots: district.hotspots,
    roads: indexRoads(districtRoadGraph(district).graph, district.roads),
    toLocal: (lon, lat) => p.toLocal(lon, lat),
    extent: district.extent,
  };
  return { district, d, lonLat: (x, y) => p.fromLocal(x, y) };
}
