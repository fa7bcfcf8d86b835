// What a report shows, gathered from a record without re-simulating: series over time from the recorded views (rain,
// river, sensors), each case's timeline from the event log, and the district's layers for the map from the twin.
import type { RecordReplay } from '../../simulation/record/index.ts';
import { viewSeries } from '../../simulation/record/view-series.ts';
import type { RecordResults } from '../../simulation/record/index.ts';
import type { Twin } from '../../twin/district/build-twin.ts';
import { classOf, DEPTH_CLASSES } from './depth-classes.ts';
import type { MapBase, MapGrid } from './depth-map.ts';
import type { CasePhase, CaseTimeline } from './gantt-chart.ts';

/** A sensor's readings at every control step (null where it had none). */
export interface SensorTrace {
  id: string;
  kind: string;
  unit: string;
  alertAt: number | null;
  alarmAt: number | null;
  values: (number | null)[];
  peak: number | null;
}

/** The run's values at every control step. */
export interface RecordSeries {
  tS: number[];
  rainMmPerH: number[];
  rainMm: number[];
  stageM: number[];
  /** The river's warning level and the lowest wall crest the run watched (m), null when it had none. */
  warningM: number | null;
  wallCrestM: number | null;
  sensors: SensorTrace[];
}

/** Reads every recorded view once (the series the app's dashboards read too), with each sensor's peak. */
export function recordSeries(replay: RecordReplay): RecordSeries {
  const v = viewSeries(replay);
  return {
    tS: v.tS,
    rainMmPerH: v.rainRateMmPerH,
    rainMm: v.rainAccumulatedMm,
    stageM: v.riverStageM,
    warningM: v.riverWarningM,
    wallCrestM: v.wallCrestM,
    sensors: v.sensors.map((t) => ({
      ...t,
      peak: t.values.reduce<number | null>((p, x) => (x !== null && (p === null || x > p) ? x : p), null),
    })),
  };
}

/**
 * The key sensors: the road-water monitors that came nearest to (or furthest past) their alarm level, at most `max`,
 * highest first. Rain gauges and river gauges have their own charts.
 */
export function keySensors(series: RecordSeries, max = 6): SensorTrace[] {
  const ratio = (t: SensorTrace): number => (t.peak ?? 0) / (t.alarmAt && t.alarmAt > 0 ? t.alarmAt : 1);
  return series.sensors
    .filter((t) => t.kind === 'roadWater' && (t.peak ?? 0) > 0)
    .sort((a, b) => ratio(b) - ratio(a) || a.id.localeCompare(b.id))
    .slice(0, max);
}

/**
 * Every case's history from the event log, in opening order: waiting from its opening, driving once dispatched, back
 * to waiting when requeued or its truck stops before clearing, setting up on arrival, pumping once the pump runs; a
 * reopened case waits again. The last phase runs to the case's end or to `runEndS`.
 */
export function caseTimelines(replay: RecordReplay, runEndS: number): CaseTimeline[] {
  const cases = new Map<string, CaseTimeline & { phase: CasePhase | null; sinceS: number }>();
  const enter = (
    c: CaseTimeline & { phase: CasePhase | null; sinceS: number },
    phase: CasePhase | null,
    tS: number,
  ) => {
    if (c.phase === phase) return;
    if (c.phase !== null && tS > c.sinceS) c.intervals.push({ phase: c.phase, fromS: c.sinceS, toS: tS });
    c.phase = phase;
    c.sinceS = tS;
  };
  for (const e of replay.events) {
    const caseId = (e as { caseId?: string }).caseId;
    if (!caseId) continue;
    if (e.type === 'case.opened') {
      cases.set(caseId, {
        caseId,
        sourceId: e.sourceId,
        openedS: e.timeS,
        intervals: [],
        endedS: null,
        phase: 'waiting',
        sinceS: e.timeS,
      });
      continue;
    }
    const c = cases.get(caseId);
    if (!c) continue;
    if (e.type === 'case.dispatched') enter(c, 'driving', e.timeS);
    else if (e.type === 'case.requeued') enter(c, 'waiting', e.timeS);
    else if (e.type === 'truck.arrived') enter(c, 'settingUp', e.timeS);
    else if (e.type === 'pumping.started') enter(c, 'pumping', e.timeS);
    else if (e.type === 'pumping.stopped' && e.reason !== 'cleared') enter(c, 'waiting', e.timeS);
    else if (e.type === 'case.reopened') {
      c.endedS = null;
      enter(c, 'waiting', e.timeS);
    } else if (e.type === 'case.cleared' || e.type === 'case.closed') {
      if (c.phase !== null) c.endedS = e.timeS;
      enter(c, null, e.timeS);
    }
  }
  return [...cases.values()].map(({ phase, sinceS, ...c }) => {
    if (phase !== null && runEndS > sinceS) c.intervals.push({ phase, fromS: sinceS, toS: runEndS });
    return c;
  });
}

/** The cases the Gantt chart shows: every case a truck was sent to, then the earliest others, up to `max`. */
export function ganttCases(all: CaseTimeline[], max = 60): CaseTimeline[] {
  const sent = all.filter((c) => c.intervals.some((iv) => iv.phase !== 'waiting'));
  const rest = all.filter((c) => !sent.includes(c));
  const chosen = new Set([...sent, ...rest].slice(0, max));
  return all.filter((c) => chosen.has(c));
}

const MAJOR_ROADS = new Set(['motorway', 'trunk', 'primary', 'secondary', 'tertiary']);

/** The district's layers for the map, hotspots coloured by their peak depth's class (grey when dry). */
export function mapBase(twin: Twin, results: RecordResults): MapBase {
  const peaks = new Map(results.hotspotPeaks.map((h) => [h.id, h.peakDepthM]));
  return districtMapBase(twin, results.maxDepth, (id) => peaks.get(id) ?? NaN);
}

/**
 * The district's layers on a map of `grid` (a run's or an ensemble's), each hotspot coloured by the depth class of
 * `peakOf(id)` (m; white when dry or not a number). Walls are drawn when the twin was built on that same grid.
 */
export function districtMapBase(twin: Twin, grid: MapGrid, peakOf: (id: string) => number): MapBase {
  const d = twin.district;
  // Walls are drawn cell by cell, so only when the twin was built on the map's own grid.
  const g = twin.grid;
  const r = grid;
  const sameGrid = g.nx === r.nx && g.ny === r.ny && g.cellM === r.cellM && g.x0 === r.x0 && g.y0 === r.y0;
  const wallMask = sameGrid ? new Uint8Array(g.wallCrestM.length) : null;
  if (wallMask)
    g.wallCrestM.forEach((v, i) => {
      if (Number.isFinite(v)) wallMask[i] = 1;
    });
  return {
    water: d.water.flatMap((w) => w.polygons),
    roads: d.roads
      .filter((r) => r.roadClass !== 'path' && !r.tunnel)
      .map((r) => ({ coords: r.coords, major: MAJOR_ROADS.has(r.roadClass) })),
    buildings: d.buildings.flatMap((b) => b.footprint),
    wallMask,
    hotspots: d.hotspots.map((h) => {
      const k = classOf(DEPTH_CLASSES, peakOf(h.id));
      return { id: h.id, xy: h.xy, colour: k < 0 ? '#ffffff' : DEPTH_CLASSES[k].colour };
    }),
  };
}
