// The district's point layers from CSV or GeoJSON with the column set in datasets/POINTS-FORMAT.md: sensors, hotspots
// (易积水点), pump stations, depots, the pump-truck fleet (no coordinates) and drainage catchments (polygons).
import { TwinError, skipReasons } from '../errors.ts';
import type { Catchment, Depot, Hotspot, HotspotKind, PumpStation, PumpTruck, Sensor, SensorKind } from '../types.ts';
import { guardFeature, projectAreaGeometry } from './geojson-common.ts';
import type { ImportContext } from './import-context.ts';
import {
  csvRecords,
  describeColumns,
  geoJsonRecords,
  looksLikeCsv,
  readEnum,
  readFlag,
  readNumber,
  readOptionalText,
  readText,
  type ColumnSet,
  type PointRecord,
} from './points-records.ts';

/** The documented column set of each point role (datasets/POINTS-FORMAT.md). */
export const POINT_COLUMNS = {
  sensors: {
    required: ['id', 'name', 'kind'],
    optional: ['name_en', 'alert_at', 'alarm_at', 'modelled'],
    located: true,
  },
  hotspots: { required: ['id', 'name', 'kind'], optional: ['name_en', 'exposure', 'modelled'], located: true },
  pumpStations: {
    required: ['id', 'name', 'capacity_m3_per_s'],
    optional: ['name_en', 'catchment_id', 'modelled'],
    located: true,
  },
  depots: { required: ['id', 'name'], optional: ['name_en', 'modelled'], located: true },
  fleet: {
    required: ['id', 'name', 'depot_id', 'capacity_m3_per_h', 'wading_depth_m'],
    optional: ['modelled'],
    located: false,
  },
  catchments: {
    required: ['id', 'name', 'drain_capacity_mm_per_h'],
    optional: ['pump_station_id', 'modelled'],
    located: false,
  },
} as const satisfies Record<string, ColumnSet>;

/** Sensor kinds accepted in the `kind` column. */
export const SENSOR_KINDS: readonly SensorKind[] = ['rain', 'riverLevel', 'roadWater'];
/** Hotspot kinds accepted in the `kind` column. */
export const HOTSPOT_KINDS: readonly HotspotKind[] = [
  'underpass',
  'road',
  'lowPoint',
  'metroEntrance',
  'hospital',
  'other',
];

/** Reads every record of a table with `build`, skipping bad ones in lenient mode and rejecting duplicate ids. */
function readTable<T extends { id: string }>(
  input: string | unknown,
  ctx: ImportContext,
  set: ColumnSet,
  what: string,
  build: (r: PointRecord) => T,
): T[] {
  const records = looksLikeCsv(input, ctx.file) ? csvRecords(input, set, ctx) : geoJsonRecords(input, ctx);
  const out: T[] = [];
  const seen = new Map<string, string>();
  for (const r of records) {
    const item = guardFeature(ctx, () => {
      const built = build(r);
      const first = seen.get(built.id);
      if (first !== undefined) {
        throw new TwinError(
          `duplicate id "${built.id}" (first used at ${first})`,
          { ...r.where, field: 'id' },
          'give every row a unique id',
        );
      }
      seen.set(built.id, r.where.line !== undefined ? `line ${r.where.line}` : `feature ${r.where.feature}`);
      return built;
    });
    if (item) out.push(item);
  }
  if (out.length === 0) {
    throw new TwinError(
      `no ${what} in ${ctx.file}${skipReasons(ctx.opts, ctx.file)}`,
      { file: ctx.file },
      `give at least one row; columns: ${describeColumns(set)}`,
    );
  }
  return out;
}

/** The optional English name, as a spreadable object. */
function nameEn(r: PointRecord): { nameEn?: string } {
  const v = readOptionalText(r, 'name_en');
  return v === undefined ? {} : { nameEn: v };
}

/** Reads sensors (rain gauges, river-level gauges, road-water monitors) from CSV or GeoJSON. */
export function readSensors(input: string | unknown, ctx: ImportContext): Sensor[] {
  return readTable(input, ctx, POINT_COLUMNS.sensors, 'sensors', (r) => {
    const sensor: Sensor = {
      id: readText(r, 'id'),
      kind: readEnum(r, 'kind', SENSOR_KINDS),
      name: readText(r, 'name'),
      ...nameEn(r),
      xy: r.xy(),
      modelled: readFlag(r, 'modelled'),
    };
    const alertAt = readNumber(r, 'alert_at');
    const alarmAt = readNumber(r, 'alarm_at');
    if (alertAt !== undefined) sensor.alertAt = alertAt;
    if (alarmAt !== undefined) sensor.alarmAt = alarmAt;
    if (alertAt !== undefined && alarmAt !== undefined && alarmAt < alertAt) {
      throw new TwinError(
        `alarm_at ${alarmAt} is below alert_at ${alertAt}`,
        { ...r.where, field: 'alarm_at' },
        'the alarm level is the higher, later threshold',
      );
    }
    return sensor;
  });
}

/** Reads waterlogging hotspots (易积水点) from CSV or GeoJSON; exposure defaults to 1 (an ordinary road). */
export function readHotspots(input: string | unknown, ctx: ImportContext): Hotspot[] {
  return readTable(input, ctx, POINT_COLUMNS.hotspots, 'hotspots', (r) => ({
    id: readText(r, 'id'),
    name: readText(r, 'name'),
    ...nameEn(r),
    kind: readEnum(r, 'kind', HOTSPOT_KINDS),
    xy: r.xy(),
    exposure: readNumber(r, 'exposure', { positive: true }) ?? 1,
    modelled: readFlag(r, 'modelled'),
  }));
}

/** Reads drainage pump stations (capacity in m³/s) from CSV or GeoJSON. */
export function readPumpStations(input: string | unknown, ctx: ImportContext): PumpStation[] {
  return readTable(input, ctx, POINT_COLUMNS.pumpStations, 'pump stations', (r) => {
    const station: PumpStation = {
      id: readText(r, 'id'),
      name: readText(r, 'name'),
      ...nameEn(r),
      xy: r.xy(),
      capacityM3PerS: readNumber(r, 'capacity_m3_per_s', { required: true, positive: true })!,
      modelled: readFlag(r, 'modelled'),
    };
    const catchmentId = readOptionalText(r, 'catchment_id');
    if (catchmentId !== undefined) station.catchmentId = catchmentId;
    return station;
  });
}

/** Reads pump-truck depots from CSV or GeoJSON. */
export function readDepots(input: string | unknown, ctx: ImportContext): Depot[] {
  return readTable(input, ctx, POINT_COLUMNS.depots, 'depots', (r) => ({
    id: readText(r, 'id'),
    name: readText(r, 'name'),
    ...nameEn(r),
    xy: r.xy(),
    modelled: readFlag(r, 'modelled'),
  }));
}

/** Reads the pump-truck fleet (rows without coordinates; trucks start at their depot). Check depots with validateFleet. */
export function readFleet(input: string | unknown, ctx: ImportContext): PumpTruck[] {
  return readTable(input, ctx, POINT_COLUMNS.fleet, 'pump trucks', (r) => ({
    id: readText(r, 'id'),
    name: readText(r, 'name'),
    depotId: readText(r, 'depot_id'),
    capacityM3PerH: readNumber(r, 'capacity_m3_per_h', { required: true, positive: true })!,
    wadingDepthM: readNumber(r, 'wading_depth_m', { required: true, positive: true })!,
    modelled: readFlag(r, 'modelled'),
  }));
}

/** Reads drainage catchments: GeoJSON Polygon (or single-polygon MultiPolygon) features. */
export function readCatchments(input: string | unknown, ctx: ImportContext): Catchment[] {
  if (looksLikeCsv(input, ctx.file)) {
    throw new TwinError('catchments must be GeoJSON polygons, not CSV', { file: ctx.file }, 'save them as .geojson');
  }
  return readTable(input, ctx, POINT_COLUMNS.catchments, 'catchments', (r) => {
    const label = r.where.feature!;
    const polygons = projectAreaGeometry(
      {
        index: 0,
        feature: { type: 'Feature', geometry: r.geometry ?? null, properties: null },
        props: {},
        id: undefined,
        label,
      },
      ctx,
    );
    if (!polygons || polygons.length !== 1) {
      throw new TwinError(
        polygons
          ? `has ${polygons.length} polygons, a catchment is one`
          : `geometry is ${r.geometry?.type ?? 'null'}, expected a Polygon`,
        { ...r.where, field: 'geometry' },
        'give each catchment one Polygon',
      );
    }
    const catchment: Catchment = {
      id: readText(r, 'id'),
      name: readText(r, 'name'),
      polygon: polygons[0],
      drainCapacityMmPerH: readNumber(r, 'drain_capacity_mm_per_h', { required: true, min: 0 })!,
      modelled: readFlag(r, 'modelled'),
    };
    const pumpStationId = readOptionalText(r, 'pump_station_id');
    if (pumpStationId !== undefined) catchment.pumpStationId = pumpStationId;
    return catchment;
  });
}

/**
 * Checks that every truck's depot exists. Throws TwinError naming the file, the truck, the unknown depot id and
 * the known ones.
 */
export function validateFleet(fleet: readonly PumpTruck[], depots: readonly Depot[], file: string): void {
  const known = new Set(depots.map((d) => d.id));
  for (const truck of fleet) {
    if (!known.has(truck.depotId)) {
      throw new TwinError(
        `depot "${truck.depotId}" is not a known depot`,
        { file, feature: truck.id, field: 'depot_id' },
        `use one of the depot ids: ${[...known].join(', ') || '(no depots loaded)'}`,
      );
    }
  }
}
