// Writes modelled assets in the documented point-layer formats (datasets/POINTS-FORMAT.md): CSV for points and the
// fleet, GeoJSON for catchments, WGS84 coordinates to 1e-7° (about a centimetre). Returns file name → text.
import { lonLatOf, type LocalFrame } from '../projection/index.ts';
import type { XY } from '../types.ts';
import type { ModelledAssets } from './index.ts';

/** The district roles the modelled assets fill; loading a district without them leaves only its map. */
export const ASSET_ROLES = ['sensors', 'hotspots', 'pumpStations', 'catchments', 'depots', 'fleet'] as const;

/** File names the writer produces, as the district manifest names them. */
export const ASSET_FILES = {
  sensors: 'sensors.csv',
  hotspots: 'hotspots.csv',
  pumpStations: 'pump-stations.csv',
  depots: 'depots.csv',
  fleet: 'fleet.csv',
  catchments: 'catchments.geojson',
} as const;

function cell(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: (string | number | boolean | undefined)[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** Renders the assets as the files of a district folder. */
export function renderAssets(assets: ModelledAssets, frame: LocalFrame): Map<string, string> {
  const ll = (xy: XY) => lonLatOf(frame, xy);
  const out = new Map<string, string>();
  out.set(
    ASSET_FILES.sensors,
    csv(
      ['id', 'name', 'name_en', 'kind', 'lon', 'lat', 'alert_at', 'alarm_at', 'modelled'],
      assets.sensors.map((s) => [s.id, s.name, s.nameEn, s.kind, ...ll(s.xy), s.alertAt, s.alarmAt, s.modelled]),
    ),
  );
  out.set(
    ASSET_FILES.hotspots,
    csv(
      ['id', 'name', 'name_en', 'kind', 'lon', 'lat', 'exposure', 'modelled'],
      assets.hotspots.map((h) => [h.id, h.name, h.nameEn, h.kind, ...ll(h.xy), h.exposure, h.modelled]),
    ),
  );
  out.set(
    ASSET_FILES.pumpStations,
    csv(
      ['id', 'name', 'name_en', 'lon', 'lat', 'capacity_m3_per_s', 'catchment_id', 'modelled'],
      assets.pumpStations.map((p) => [
        p.id,
        p.name,
        p.nameEn,
        ...ll(p.xy),
        p.capacityM3PerS,
        p.catchmentId,
        p.modelled,
      ]),
    ),
  );
  out.set(
    ASSET_FILES.depots,
    csv(
      ['id', 'name', 'name_en', 'lon', 'lat', 'modelled'],
      assets.depots.map((d) => [d.id, d.name, d.nameEn, ...ll(d.xy), d.modelled]),
    ),
  );
  out.set(
    ASSET_FILES.fleet,
    csv(
      ['id', 'name', 'depot_id', 'capacity_m3_per_h', 'wading_depth_m', 'modelled'],
      assets.fleet.map((t) => [t.id, t.name, t.depotId, t.capacityM3PerH, t.wadingDepthM, t.modelled]),
    ),
  );
  const features = assets.catchments.map((c) => ({
    type: 'Feature',
    properties: {
      id: c.id,
      name: c.name,
      drain_capacity_mm_per_h: c.drainCapacityMmPerH,
      pump_station_id: c.pumpStationId,
      modelled: c.modelled,
    },
    geometry: { type: 'Polygon', coordinates: c.polygon.map((ring) => ring.map(ll)) },
  }));
  out.set(ASSET_FILES.catchments, JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
  return out;
}
