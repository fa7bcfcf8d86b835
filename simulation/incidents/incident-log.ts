// An incident log on the run's clock: the records of all files put on one time axis (seconds from the start of the
// hour of the earliest entry), work orders as cases matched to hotspots and roads, closures by road, sensor series and
// rain gauge series as rates over their intervals. What the event log, the views and the KPIs are built from.
import type { CaseSourceKind } from '../fleet/index.ts';
import { HOTLINE_EXPOSURE } from '../fleet/hotline-reports.ts';
import { SimulationError } from '../errors.ts';
import type { XY } from '../../twin/types.ts';
import { matchOrder, type OrderMatch } from './incident-match.ts';
import type {
  ClosureRecord,
  IncidentDistrict,
  OrderRecord,
  ParsedLog,
  RainRecord,
  ReadingRecord,
} from './incident-parse.ts';
import { formatLogTime, hourFloor, type LogTime } from './incident-time.ts';

/** A work order as a case of the run: times in s from the log's start (NaN for a step that never happened). */
export interface ImportedCase {
  id: string;
  order: OrderRecord;
  match: OrderMatch;
  /** As the simulation's cases say it: a hotspot's, a street's hotline call, or a report at a place. */
  source: CaseSourceKind;
  sourceId: string;
  exposure: number;
  openedS: number;
  dispatchedS: number;
  arrivedS: number;
  /** When the water was cleared; an order closed without a clearing time counts as cleared when closed. */
  clearedS: number;
  closedS: number;
}

/** A closing or reopening of a road, on the run's clock. */
export interface ImportedClosure {
  record: ClosureRecord;
  tS: number;
}

/** A sensor's readings on the run's clock, in the units the run uses (m; mm/h for rain gauges). */
export interface SensorSeries {
  sensorId: string;
  timesS: number[];
  values: number[];
  unit: 'm' | 'mm/h';
  rows: { file: string; row: number; reconstructed: boolean }[];
}

/** A rain gauge as rates over intervals: `points` rows [start (s), mm/h until the next start], ending at `endS`. */
export interface GaugeSeries {
  id: string;
  xy: XY;
  points: [number, number][];
  endS: number;
}

/** An order that could not be matched to a hotspot or a road, and why. */
export interface UnmatchedOrder {
  file: string;
  row: number;
  orderId: string;
  reasons: string[];
}

/** The whole log on one clock. */
export interface IncidentLog {
  /** The start (s = 0): the start of the hour of the earliest entry, at the log's offset. */
  startEpochMs: number;
  offsetMin: number;
  /** The start as ISO 8601 with the offset. */
  startAt: string;
  /** To the end of the hour of the latest entry (s). */
  durationS: number;
  cases: ImportedCase[];
  closures: ImportedClosure[];
  sensors: SensorSeries[];
  gauges: GaugeSeries[];
  unmatched: UnmatchedOrder[];
  /** Rows in the log (kept), and whether any was marked reconstructed. */
  rowCount: number;
  reconstructedRows: number;
}

/** Puts a parsed log on one clock and matches its orders. Throws for a log with no entries at all. */
export function assembleLog(parsed: ParsedLog, d: IncidentDistrict): IncidentLog {
  const gaugeRows = groupBy(parsed.rain, (r) => r.gaugeId);
  const times: LogTime[] = [
    ...parsed.readings.map((r) => r.time),
    ...parsed.closures.map((r) => r.time),
    ...parsed.orders.flatMap((o) => [o.reported, o.dispatched, o.arrived, o.cleared, o.closed].filter(isTime)),
  ];
  // A gauge's first value covers the interval before it (as long as the gap to its second).
  const rainStarts: number[] = [];
  for (const [id, given] of gaugeRows) {
    const rows = firstAtEachTime(given);
    gaugeRows.set(id, rows);
    for (const r of rows) times.push(r.time);
    rainStarts.push(rows[0].time.epochMs - firstIntervalMs(rows));
  }
  if (times.length === 0)
    throw new SimulationError(
      'holds no rows',
      { input: 'incident log' },
      'give files with readings, rain, orders or closures',
    );
  const offsetMin = times[0].offsetMin;
  const earliest = Math.min(...times.map((t) => t.epochMs), ...rainStarts);
  const latest = Math.max(...times.map((t) => t.epochMs));
  const startEpochMs = hourFloor(earliest, offsetMin);
  const durationS = Math.max(3600, Math.ceil((latest - startEpochMs) / 3_600_000 - 1e-9) * 3600);
  const at = (t: LogTime | undefined): number => (t ? (t.epochMs - startEpochMs) / 1000 : NaN);

  const unmatched: UnmatchedOrder[] = [];
  const cases = parsed.orders
    .map((o): ImportedCase => {
      const match = matchOrder(
        o.xy,
        {
          hotspot: o.hotspot,
          ...(o.roadName ? { roadName: o.roadName } : {}),
          ...(o.wayId ? { wayId: o.wayId } : {}),
        },
        d.hotspots,
        d.roads,
      );
      if (match.unmatched.length)
        unmatched.push({ file: o.file, row: o.row, orderId: o.orderId, reasons: match.unmatched });
      const [source, sourceId]: [CaseSourceKind, string] = match.hotspot
        ? ['hotspot', match.hotspot.id]
        : match.road
          ? ['report', `hotline:${match.road.segmentId}`]
          : ['report', o.orderId];
      const closedS = at(o.closed);
      return {
        id: o.orderId,
        order: o,
        match,
        source,
        sourceId,
        exposure: match.hotspot?.exposure ?? HOTLINE_EXPOSURE,
        openedS: at(o.reported),
        dispatchedS: at(o.dispatched),
        arrivedS: at(o.arrived),
        clearedS: o.cleared ? at(o.cleared) : closedS,
        closedS,
      };
    })
    .sort((a, b) => a.openedS - b.openedS || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const closures = parsed.closures
    .map((record) => ({ record, tS: at(record.time) }))
    .sort((a, b) => a.tS - b.tS || a.record.file.localeCompare(b.record.file) || a.record.row - b.record.row);

  const sensors: SensorSeries[] = [];
  const bySensor = groupBy<ReadingRecord | RainRecord>(
    [...parsed.readings, ...parsed.rain.filter((r) => d.sensors.some((s) => s.id === r.gaugeId))],
    (r) => ('sensorId' in r ? r.sensorId : r.gaugeId),
  );
  for (const [sensorId, given] of [...bySensor].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const rows = firstAtEachTime(given);
    const isRain = !('sensorId' in rows[0]);
    const rates = isRain ? gaugeRates(rows as RainRecord[]) : [];
    sensors.push({
      sensorId,
      timesS: rows.map((r) => at(r.time)),
      values: isRain ? rates : rows.map((r) => (r as ReadingRecord).valueM),
      unit: isRain ? 'mm/h' : 'm',
      rows: rows.map((r) => ({ file: r.file, row: r.row, reconstructed: r.reconstructed })),
    });
  }

  const gauges: GaugeSeries[] = [...gaugeRows]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([id, rows]) => {
      const rates = gaugeRates(rows);
      const first = at(rows[0].time) - firstIntervalMs(rows) / 1000;
      const points = rows.map((r, i): [number, number] => [i === 0 ? first : at(rows[i - 1].time), rates[i]]);
      return { id, xy: rows[0].xy, points, endS: at(rows[rows.length - 1].time) };
    });

  const all = [...parsed.readings, ...parsed.rain, ...parsed.orders, ...parsed.closures];
  return {
    startEpochMs,
    offsetMin,
    startAt: formatLogTime(startEpochMs, offsetMin),
    durationS,
    cases,
    closures,
    sensors,
    gauges,
    unmatched,
    rowCount: all.length,
    reconstructedRows: all.filter((r) => r.reconstructed).length,
  };
}

/** Length (ms) of a gauge's first interval: the gap to its second row. */
function firstIntervalMs(rows: readonly RainRecord[]): number {
  if (rows.length < 2)
    throw new SimulationError(
      `rain gauge "${rows[0].gaugeId}" has one row; its interval cannot be known`,
      { input: rows[0].file, item: `row ${rows[0].row}`, field: 'time' },
      'give at least two rows per gauge (each value covers the time since the previous row)',
    );
  return rows[1].time.epochMs - rows[0].time.epochMs;
}

/** Each row's rate (mm/h) over its interval. */
function gaugeRates(rows: readonly RainRecord[]): number[] {
  const first = firstIntervalMs(rows);
  return rows.map((r, i) => {
    if (r.unit === 'mm/h') return r.value;
    const ms = i === 0 ? first : r.time.epochMs - rows[i - 1].time.epochMs;
    return (r.value * 3_600_000) / ms;
  });
}

/** Rows in time order; of rows at the same time (from different files), the first given. */
function firstAtEachTime<T extends { time: LogTime }>(rows: readonly T[]): T[] {
  const sorted = rows
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].time.epochMs - b[0].time.epochMs || a[1] - b[1]);
  return sorted.filter(([r], k) => k === 0 || r.time.epochMs !== sorted[k - 1][0].time.epochMs).map(([r]) => r);
}

function isTime(t: LogTime | undefined): t is LogTime {
  return t !== undefined;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}
