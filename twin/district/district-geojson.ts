// A district's layers as GeoJSON FeatureCollections in WGS84 (RFC 7946): what the server hands a map, a GIS or the
// 3D app. Coordinates are lon/lat to 1e-7 degrees (about 1 cm); properties keep ids, names, kinds and thresholds.
import { lonLatOf } from '../projection/index.ts';
import type { PolygonXY, XY } from '../types.ts';
import type { District } from './district.ts';

/** The layers a district serves, by name. */
export const DISTRICT_LAYERS = [
  'buildings',
  'roads',
  'water',
  'floodWalls',
  'sensors',
  'hotspots',
  'catchments',
  'pumpStations',
  'depots',
] as const;

export type DistrictLayer = (typeof DISTRICT_LAYERS)[number];

/** The layers the 3D app draws (catchments are not drawn): what it fetches and what the offline pack holds. */
export const APP_LAYERS = [
  'buildings',
  'roads',
  'water',
  'floodWalls',
  'sensors',
  'hotspots',
  'pumpStations',
  'depots',
] as const satisfies readonly DistrictLayer[];

/** A GeoJSON feature with plain properties. */
export interface LayerFeature {
  type: 'Feature';
  id: string;
  geometry:
    | { type: 'Point'; coordinates: XY }
    | { type: 'LineString'; coordinates: XY[] }
    | { type: 'Polygon'; coordinates: XY[][] }
    | { type: 'MultiPolygon'; coordinates: XY[][][] };
  properties: Record<string, string | number | boolean | null>;
}

/** A FeatureCollection of one layer. */
export interface LayerCollection {
  type: 'FeatureCollection';
  name: DistrictLayer;
  features: LayerFeature[];
}

/** True for a known layer name (the server checks ids against this before anything else). */
export function isDistrictLayer(name: string): name is DistrictLayer {
  return (DISTRICT_LAYERS as readonly string[]).includes(name);
}

/** One layer of the district in WGS84. */
export function districtLayer(district: District, layer: DistrictLayer): LayerCollection {
  const f = district.frame;
  const pt = (xy: XY) => ({ type: 'Point' as const, coordinates: lonLatOf(f, xy) });
  const ring = (r: XY[]) => r.map((xy) => lonLatOf(f, xy));
  const poly = (p: PolygonXY) => p.map(ring);
  const multi = (ps: PolygonXY[]) =>
    ps.length === 1
      ? { type: 'Polygon' as const, coordinates: poly(ps[0]) }
      : { type: 'MultiPolygon' as const, coordinates: ps.map(poly) };
  const feature = (id: string, geometry: LayerFeature['geometry'], properties: LayerFeature['properties']) => ({
    type: 'Feature' as const,
    id,
    geometry,
    properties: { id, ...properties },
  });
  const features = ((): LayerFeature[] => {
    switch (layer) {
      case 'buildings':
        return district.buildings.map((b) =>
          feature(b.id, multi(b.footprint), {
            heightM: b.heightM,
            minHeightM: b.minHeightM,
            heightSource: b.heightSource,
            kind: b.kind,
            name: b.name ?? null,
          }),
        );
      case 'roads':
        return district.roads.map((r) =>
          feature(
            r.id,
            { type: 'LineString', coordinates: ring(r.coords) },
            {
              highway: r.highway,
              roadClass: r.roadClass,
              drivable: r.drivable,
              oneway: r.oneway,
              bridge: r.bridge,
              tunnel: r.tunnel,
              name: r.name ?? null,
              nameEn: r.nameEn ?? null,
            },
          ),
        );
      case 'water':
        return district.water.map((w) =>
          feature(w.id, multi(w.polygons), { kind: w.kind, name: w.name ?? null, nameEn: w.nameEn ?? null }),
        );
      case 'floodWalls':
        return district.floodWalls.map((w) =>
          feature(
            w.id,
            { type: 'LineString', coordinates: ring(w.line) },
            { name: w.name ?? null, crestM: w.crestM, source: w.source },
          ),
        );
      case 'sensors':
        return district.sensors.map((s) =>
          feature(s.id, pt(s.xy), {
            kind: s.kind,
            name: s.name,
            nameEn: s.nameEn ?? null,
            alertAt: s.alertAt ?? null,
            alarmAt: s.alarmAt ?? null,
            modelled: s.modelled,
          }),
        );
      case 'hotspots':
        return district.hotspots.map((h) =>
          feature(h.id, pt(h.xy), {
            kind: h.kind,
            name: h.name,
            nameEn: h.nameEn ?? null,
            exposure: h.exposure,
            modelled: h.modelled,
          }),
        );
      case 'catchments':
        return district.catchments.map((c) =>
          feature(
            c.id,
            { type: 'Polygon', coordinates: poly(c.polygon) },
            { name: c.name, drainCapacityMmPerH: c.drainCapacityMmPerH, pumpStationId: c.pumpStationId ?? null },
          ),
        );
      case 'pumpStations':
        return district.pumpStations.map((p) =>
          feature(p.id, pt(p.xy), {
            name: p.name,
            nameEn: p.nameEn ?? null,
            capacityM3PerS: p.capacityM3PerS,
            catchmentId: p.catchmentId ?? null,
            modelled: p.modelled,
          }),
        );
      case 'depots':
        return district.depots.map((d) =>
          feature(d.id, pt(d.xy), { name: d.name, nameEn: d.nameEn ?? null, modelled: d.modelled }),
        );
    }
  })();
  return { type: 'FeatureCollection', name: layer, features };
}
