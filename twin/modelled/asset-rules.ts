// The rules that place a district's modelled assets (sensors, hotspots, catchments, pump stations, depots, fleet),
// read from a JSON file in the district folder so every number is data with its source beside it.
import { TwinError } from '../errors.ts';

/** One class of pump truck in the modelled fleet. */
export interface TruckType {
  capacityM3PerH: number;
  wadingDepthM: number;
  /** Trucks of this type at every depot, or only at the depot of the largest land region. */
  perDepot: number;
  atLargestDepotOnly?: boolean;
}

export interface AssetRules {
  rainGauge: { spacingM: number; snapM: number; alertMmPerH: number; alarmMmPerH: number };
  riverGauge: {
    /** Named gauges with published levels (WGS84), e.g. the Huangpu Park gauge. */
    named: { id: string; name: string; nameEn: string; lon: number; lat: number; alertM: number; alarmM: number }[];
    /**
     * Place a gauge at each drivable bridge over the river (default true). Generic rules say false: a bridge
     * gauge's levels must be in the district's own datum, which only the district knows.
     */
    atBridges?: boolean;
    /** Gauges at bridges over creeks: levels for them. */
    bridgeAlertM: number;
    bridgeAlarmM: number;
    /** Bridges closer than this to a gauge already placed share it. */
    dedupeM: number;
  };
  roadWater: { alertM: number; alarmM: number; closeM: number; dedupeM: number };
  hotspots: {
    underpassExposure: number;
    metroEntranceExposure: number;
    hospitalExposure: number;
    roadExposure: number;
    lowPointExposure: number;
    /** Roads with published ponding history, by Chinese name. */
    knownPondingRoads: string[];
  };
  catchments: {
    blockM: number;
    minAreaM2: number;
    defaultDrainMmPerH: number;
    /** Land regions with another design standard, named by a WGS84 point inside them. */
    areas: { name: string; lon: number; lat: number; drainMmPerH: number }[];
    /** Pump capacity = design rain rate over the catchment × this factor, rounded up to 0.5 m³/s. */
    pumpCapacityFactor: number;
  };
  depots: { minRegionAreaM2: number; roadClasses: string[] };
  fleet: TruckType[];
}

function num(obj: Record<string, unknown>, key: string, file: string, path: string, min = 0): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new TwinError(`must be a number ≥ ${min}`, { file, field: `${path}.${key}` });
  }
  return v;
}

/** Validates the parsed asset-rules.json (numbers present, finite and in range). */
export function parseAssetRules(raw: unknown, file = 'asset-rules.json'): AssetRules {
  const r = raw as Record<string, Record<string, unknown>>;
  if (!r || typeof r !== 'object') throw new TwinError('not a JSON object', { file });
  for (const k of ['rainGauge', 'riverGauge', 'roadWater', 'hotspots', 'catchments', 'depots']) {
    if (!r[k] || typeof r[k] !== 'object') throw new TwinError(`missing section "${k}"`, { file, field: k });
  }
  num(r.rainGauge, 'spacingM', file, 'rainGauge', 100);
  num(r.catchments, 'blockM', file, 'catchments', 100);
  num(r.catchments, 'defaultDrainMmPerH', file, 'catchments');
  num(r.catchments, 'pumpCapacityFactor', file, 'catchments');
  num(r.roadWater, 'closeM', file, 'roadWater');
  if (!Array.isArray((raw as { fleet?: unknown }).fleet))
    throw new TwinError('missing "fleet" list', { file, field: 'fleet' });
  (raw as { fleet: Record<string, unknown>[] }).fleet.forEach((t, i) => {
    num(t, 'capacityM3PerH', file, `fleet[${i}]`, 1);
    num(t, 'wadingDepthM', file, `fleet[${i}]`, 0.05);
    num(t, 'perDepot', file, `fleet[${i}]`);
  });
  return raw as AssetRules;
}
