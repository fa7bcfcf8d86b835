// Checks each row of an incident log against the format and the district and turns it into a typed record: times on
// the epoch, places in the local frame, readings in the units the run uses (m, mm/h). A bad row (unknown sensor, time
// out of order, unparseable place, bad unit…) throws a SimulationError naming file, row and column.
import type { ClosureReason } from '../roads/index.ts';
import { SimulationError } from '../errors.ts';
import type { Hotspot, Sensor, XY } from '../../twin/types.ts';
import {
  normaliseName,
  pointOnRoad,
  sensorNear,
  SENSOR_MATCH_M,
  type RoadIndex,
  type RoadPiece,
} from './incident-match.ts';
import type { RawRow } from './incident-rows.ts';
import { COMMON_COLUMNS, ROW_COLUMNS, type ColumnDef } from './incident-schema.ts';
import { formatLogTime, parseLogTime, type LogTime } from './incident-time.ts';

/** What the checks need to know of the district. */
export interface IncidentDistrict {
  sensors: readonly Sensor[];
  hotspots: readonly Hotspot[];
  roads: RoadIndex;
  /** WGS84 → local metres, and back. */
  toLocal(lon: number, lat: number): XY;
  /** Local extent of the district; places further than `PLACE_MARGIN_M` outside it are refused. */
  extent: { minX: number; minY: number; maxX: number; maxY: number };
}

/** A place this far (m) outside the district's extent is taken for a mistake (swapped or mistyped coordinates). */
export const PLACE_MARGIN_M = 5000;

/** Where a record came from. */
export interface RowOrigin {
  file: string;
  row: number;
  reconstructed: boolean;
  note?: string;
}

/** A sensor reading, in m (stage or depth). */
export interface ReadingRecord extends RowOrigin {
  sensorId: string;
  time: LogTime;
  valueM: number;
}

/** A rain gauge value over the interval ending at `time`. */
export interface RainRecord extends RowOrigin {
  gaugeId: string;
  xy: XY;
  time: LogTime;
  value: number;
  unit: 'mm' | 'mm/h';
}

/** Where an order came from, as the log says it. */
export type OrderChannel = 'sensor' | 'hotline' | 'patrol';

/** A work order (工单) as logged. */
export interface OrderRecord extends RowOrigin {
  orderId: string;
  reported: LogTime;
  dispatched?: LogTime;
  arrived?: LogTime;
  cleared?: LogTime;
  closed?: LogTime;
  /** Its place (local m): the given lon/lat, else the hotspot's, else a point on the named road. */
  xy: XY;
  placeGiven: boolean;
  hotspot: Hotspot | null;
  roadName?: string;
  wayId?: string;
  channel: OrderChannel;
  sensorId?: string;
  truck: string;
  depthM?: number;
}

/** A road closing or reopening. */
export interface ClosureRecord extends RowOrigin {
  time: LogTime;
  action: 'closed' | 'reopened';
  /** The road as the log names it. */
  label: string;
  pieces: RoadPiece[];
  reason: ClosureReason;
  reasonText: string;
}

/** Every record of a log, in file and row order. */
export interface ParsedLog {
  readings: ReadingRecord[];
  rain: RainRecord[];
  orders: OrderRecord[];
  closures: ClosureRecord[];
}

const REASONS: Record<string, ClosureReason> = {
  depth: 'depth',
  water: 'depth',
  积水: 'depth',
  underpassflooded: 'underpassFlooded',
  underpass: 'underpassFlooded',
  下立交积水: 'underpassFlooded',
  fallentree: 'fallenTree',
  tree: 'fallenTree',
  倒树: 'fallenTree',
  policecordon: 'policeCordon',
  police: 'policeCordon',
  交通管制: 'policeCordon',
  other: 'other',
};

function bad(row: RawRow, column: string, what: string, hint?: string): never {
  throw new SimulationError(what, row.where(column), hint);
}

function column(type: RawRow['type'], name: string): ColumnDef {
  return [...COMMON_COLUMNS, ...ROW_COLUMNS[type]].find((c) => c.name === name)!;
}

function text(row: RawRow, name: string): string | undefined {
  const v = row.cell(name);
  if (v === undefined && column(row.type, name).required)
    bad(row, name, `${name} is missing`, `every ${row.type} row needs ${name}`);
  return v;
}

function num(row: RawRow, name: string, min = -Infinity): number | undefined {
  const v = text(row, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) bad(row, name, `"${v}" is not a number`, 'write a plain decimal number');
  if (x < min) bad(row, name, `${x} is below ${min}`, `${name} cannot be below ${min}`);
  return x;
}

function time(row: RawRow, name: string): LogTime | undefined {
  const v = text(row, name);
  if (v === undefined) return undefined;
  const t = parseLogTime(v);
  if (typeof t === 'string')
    bad(row, name, `"${v}" ${t}`, 'write ISO 8601 with the offset, e.g. 2024-09-20T07:05:00+08:00');
  return t;
}

function choice(row: RawRow, name: string): string | undefined {
  const v = text(row, name);
  if (v === undefined) return undefined;
  const values = column(row.type, name).values ?? [];
  const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!hit) bad(row, name, `"${v}" is not one of ${values.join(', ')}`, `write one of ${values.join(', ')}`);
  return hit;
}

function origin(row: RawRow): RowOrigin {
  const r = row.cell('reconstructed')?.toLowerCase();
  if (r !== undefined && !['true', 'false', '1', '0', 'yes', 'no'].includes(r))
    bad(row, 'reconstructed', `"${r}" is not true or false`, 'write true or false');
  const note = row.cell('note');
  return {
    file: row.file,
    row: row.row,
    reconstructed: r === 'true' || r === '1' || r === 'yes',
    ...(note ? { note } : {}),
  };
}

/** The row's lon/lat as a local point, or undefined when it gives neither. */
function place(row: RawRow, d: IncidentDistrict): XY | undefined {
  const lonText = row.cell('lon');
  const latText = row.cell('lat');
  if (lonText === undefined && latText === undefined) return undefined;
  const missing = lonText === undefined ? 'lon' : latText === undefined ? 'lat' : '';
  if (missing) bad(row, missing, `the place has no ${missing}`, 'give both lon and lat (WGS84 degrees)');
  const lon = Number(lonText);
  const lat = Number(latText);
  if (!Number.isFinite(lon) || Math.abs(lon) > 180)
    bad(row, 'lon', `unparseable place: "${lonText}" is not a longitude`, 'write decimal degrees, e.g. 121.4903');
  if (!Number.isFinite(lat) || Math.abs(lat) > 90)
    bad(row, 'lat', `unparseable place: "${latText}" is not a latitude`, 'write decimal degrees, e.g. 31.2401');
  const xy = d.toLocal(lon, lat);
  const e = d.extent;
  const out = Math.hypot(Math.max(e.minX - xy[0], 0, xy[0] - e.maxX), Math.max(e.minY - xy[1], 0, xy[1] - e.maxY));
  if (out > PLACE_MARGIN_M)
    bad(
      row,
      'lon',
      `unparseable place: ${lon}, ${lat} lies ${(out / 1000).toFixed(1)} km outside the district`,
      'check that lon and lat are not swapped or mistyped',
    );
  return xy;
}

function sensorById(row: RawRow, name: string, d: IncidentDistrict): Sensor | undefined {
  const id = row.cell(name);
  if (id === undefined) return undefined;
  const s = d.sensors.find((x) => x.id === id);
  if (!s)
    bad(
      row,
      name,
      `unknown sensor "${id}"`,
      `use a sensor id of the district's sensors (e.g. ${d.sensors[0]?.id ?? '—'})`,
    );
  return s;
}

/** Keeps each series in time order: `key` → the previous time and row. */
export class SeriesOrder {
  private last = new Map<string, { ms: number; row: number }>();

  check(row: RawRow, key: string, label: string, t: LogTime, col = 'time'): void {
    const prev = this.last.get(key);
    if (prev && t.epochMs <= prev.ms)
      bad(
        row,
        col,
        `time out of order: ${label} was already at ${formatLogTime(prev.ms, t.offsetMin)} on row ${prev.row}`,
        `sort the rows of ${label} by time, each later than the one before`,
      );
    this.last.set(key, { ms: t.epochMs, row: row.row });
  }
}

/** A sensor reading row. Readings of rain gauges are rain rows. */
export function parseReading(row: RawRow, d: IncidentDistrict, order: SeriesOrder): ReadingRecord | RainRecord {
  const o = origin(row);
  let sensor = sensorById(row, 'sensor_id', d);
  const xy = place(row, d);
  if (!sensor) {
    if (!xy) bad(row, 'sensor_id', 'unknown sensor: the row gives neither sensor_id nor lon/lat', 'give one of them');
    const near = sensorNear(xy, d.sensors);
    if (!near) bad(row, 'lon', `unknown sensor: none within ${SENSOR_MATCH_M} m of the place`, 'give its sensor_id');
    sensor = near.sensor;
  }
  const t = time(row, 'time')!;
  const value = num(row, 'value')!;
  const unit = choice(row, 'unit')!;
  order.check(row, `sensor:${row.file}:${sensor.id}`, `sensor ${sensor.id}`, t);
  if (sensor.kind === 'rain') {
    if (unit !== 'mm' && unit !== 'mm/h')
      bad(row, 'unit', `bad unit "${unit}" for rain gauge ${sensor.id}`, 'rain is in mm (per interval) or mm/h');
    if (value < 0) bad(row, 'value', `rain ${value} ${unit} is negative`, 'rain cannot be below 0');
    return { ...o, gaugeId: sensor.id, xy: sensor.xy, time: t, value, unit };
  }
  const allowed = sensor.kind === 'riverLevel' ? ['m'] : ['m', 'cm', 'mm'];
  if (!allowed.includes(unit))
    bad(
      row,
      'unit',
      `bad unit "${unit}" for ${sensor.kind} sensor ${sensor.id}`,
      sensor.kind === 'riverLevel' ? 'a river stage is in m of the district datum' : 'a water depth is in m, cm or mm',
    );
  const valueM = unit === 'cm' ? value / 100 : unit === 'mm' ? value / 1000 : value;
  if (sensor.kind !== 'riverLevel' && valueM < 0)
    bad(row, 'value', `depth ${value} ${unit} is negative`, 'a water depth cannot be below 0');
  return { ...o, sensorId: sensor.id, time: t, valueM };
}

/** A rain gauge row. */
export function parseRain(row: RawRow, d: IncidentDistrict, order: SeriesOrder): RainRecord {
  const o = origin(row);
  const id = row.cell('gauge_id');
  const xy = place(row, d);
  const rainGauges = d.sensors.filter((s) => s.kind === 'rain');
  let gaugeId: string;
  let at: XY;
  const known = id === undefined ? undefined : d.sensors.find((s) => s.id === id);
  if (known) {
    if (known.kind !== 'rain')
      bad(row, 'gauge_id', `sensor "${id}" is a ${known.kind} sensor, not a rain gauge`, 'give a rain gauge id');
    [gaugeId, at] = [known.id, xy ?? known.xy];
  } else if (xy) {
    const near = id === undefined ? sensorNear(xy, rainGauges) : null;
    [gaugeId, at] = near ? [near.sensor.id, near.sensor.xy] : [id ?? `gauge@${row.cell('lon')},${row.cell('lat')}`, xy];
  } else
    bad(
      row,
      'gauge_id',
      id === undefined ? 'unknown sensor: the row gives neither gauge_id nor lon/lat' : `unknown sensor "${id}"`,
      "use a rain gauge id of the district's sensors, or give the gauge's lon/lat",
    );
  const t = time(row, 'time')!;
  const value = num(row, 'value')!;
  const unit = choice(row, 'unit');
  if (unit !== 'mm' && unit !== 'mm/h') bad(row, 'unit', `bad unit "${unit}" for rain`, 'write mm or mm/h');
  if (value < 0) bad(row, 'value', `rain ${value} ${unit} is negative`, 'rain cannot be below 0');
  order.check(row, `rain:${row.file}:${gaugeId}`, `gauge ${gaugeId}`, t);
  return { ...o, gaugeId, xy: at, time: t, value, unit };
}

const STEPS = ['dispatched_at', 'arrived_at', 'cleared_at', 'closed_at'] as const;

/** A work order row. */
export function parseOrder(row: RawRow, d: IncidentDistrict, ids: Set<string>): OrderRecord {
  const o = origin(row);
  const orderId = text(row, 'order_id')!;
  if (ids.has(orderId)) bad(row, 'order_id', `order "${orderId}" appears twice`, 'give each order one row');
  const reported = time(row, 'reported_at')!;
  const steps = STEPS.map((s) => time(row, s));
  let prev = { name: 'reported_at', t: reported };
  steps.forEach((t, i) => {
    if (!t) return;
    if (t.epochMs < prev.t.epochMs)
      bad(
        row,
        STEPS[i],
        `time out of order: ${STEPS[i]} is before ${prev.name}`,
        'each step comes after the one before',
      );
    prev = { name: STEPS[i], t };
  });
  if (steps[1] && !steps[0])
    bad(row, 'dispatched_at', 'arrived_at is given but dispatched_at is not', 'give when the crew was sent');
  const hotspotId = row.cell('hotspot_id');
  const hotspot = hotspotId === undefined ? null : (d.hotspots.find((h) => h.id === hotspotId) ?? null);
  if (hotspotId !== undefined && !hotspot)
    bad(row, 'hotspot_id', `unknown hotspot "${hotspotId}"`, "use a hotspot id of the district's hotspots.csv");
  const roadName = row.cell('road');
  const wayId = row.cell('osm_way_id');
  const given = place(row, d);
  let xy = given ?? hotspot?.xy;
  if (!xy && (roadName || wayId)) {
    const pieces = wayId ? d.roads.byWay.get(wayId) : d.roads.byName.get(normaliseName(roadName!));
    if (pieces?.length) xy = pointOnRoad(pieces);
  }
  if (!xy)
    bad(
      row,
      'lon',
      'unparseable place: the order gives no lon/lat, no hotspot_id and no road found in the road data',
      'give lon and lat, a hotspot_id or a road name of the district',
    );
  const source = choice(row, 'source')!;
  const sensor = sensorById(row, 'sensor_id', d);
  const depthCm = num(row, 'depth_cm', 0);
  return {
    ...o,
    orderId,
    reported,
    ...(steps[0] ? { dispatched: steps[0] } : {}),
    ...(steps[1] ? { arrived: steps[1] } : {}),
    ...(steps[2] ? { cleared: steps[2] } : {}),
    ...(steps[3] ? { closed: steps[3] } : {}),
    xy,
    placeGiven: given !== undefined,
    hotspot,
    ...(roadName ? { roadName } : {}),
    ...(wayId ? { wayId } : {}),
    channel: source === 'sensor' ? 'sensor' : source === 'patrol' ? 'patrol' : 'hotline',
    ...(sensor ? { sensorId: sensor.id } : {}),
    truck: row.cell('truck') ?? '',
    ...(depthCm !== undefined ? { depthM: depthCm / 100 } : {}),
  };
}

/** A road closure row. */
export function parseClosure(row: RawRow, d: IncidentDistrict, order: SeriesOrder): ClosureRecord {
  const o = origin(row);
  const t = time(row, 'time')!;
  const action = choice(row, 'action') as 'closed' | 'reopened';
  const roadName = row.cell('road');
  const wayId = row.cell('osm_way_id');
  if (!roadName && !wayId) bad(row, 'road', 'names no road', 'give the road name or its osm_way_id');
  const pieces = wayId ? d.roads.byWay.get(wayId) : d.roads.byName.get(normaliseName(roadName!));
  if (!pieces?.length)
    bad(
      row,
      wayId ? 'osm_way_id' : 'road',
      wayId ? `no drivable road with OSM way id ${wayId}` : `no drivable road named "${roadName}" in the road data`,
      "use a road name as in the district's road data (rivertwin inspect lists the roads)",
    );
  const label = wayId ? `way ${wayId}` : roadName!;
  order.check(row, `road:${label}`, `road ${label}`, t);
  const reasonText = row.cell('reason') ?? '';
  const reason = REASONS[reasonText.toLowerCase().replace(/\s+/g, '')] ?? 'other';
  return { ...o, time: t, action, label, pieces, reason, reasonText };
}
