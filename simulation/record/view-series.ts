// A run's views as time series, one value per control step: what the dashboards plot (rain, river stage against
// its thresholds, sensor levels, cases by stage, the fleet by state, closed road length). Pure: the server and
// the offline app compute it from the same record the same way.
import type { RunView } from '../scenario/run-view.ts';
import type { RecordReplay } from './replay.ts';

/** The stages of the case board (发现 → 派单 → 到场 → 处置 → 结案). */
export const CASE_STAGES = ['found', 'dispatched', 'arrived', 'handling', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Truck states in display order. */
export const TRUCK_STATES = [
  'idle',
  'enRoute',
  'settingUp',
  'pumping',
  'movingOn',
  'returning',
  'outOfService',
] as const;

/** Series of one sensor: its readings (m or mm/h; null before the first reading) and thresholds. */
export interface SensorSeries {
  id: string;
  kind: string;
  unit: 'm' | 'mm/h';
  alertAt: number | null;
  alarmAt: number | null;
  values: (number | null)[];
}

/** rivertwin.series/1: every array has one entry per control step held by the record. */
export interface ViewSeries {
  schema: 'rivertwin.series/1';
  /** Simulated time of each step (s). */
  tS: number[];
  rainRateMmPerH: number[];
  rainAccumulatedMm: number[];
  riverStageM: number[];
  riverWarningM: number | null;
  wallCrestM: number | null;
  sensors: SensorSeries[];
  /** Cases per stage at each step. */
  cases: Record<CaseStage, number[]>;
  /** Trucks per state at each step. */
  fleet: Record<string, number[]>;
  closedRoadKm: number[];
  /** caseHoursWaiting and hotspotWaterHours so far (h): the two KPIs that grow with every minute of harm. */
  caseHoursWaiting: (number | null)[];
  hotspotWaterHours: (number | null)[];
}

/** The board stage of a case state ('open' → found, 'pumping' → handling, 'cleared' → closed). */
export function caseStage(state: string): CaseStage {
  switch (state) {
    case 'dispatched':
      return 'dispatched';
    case 'arrived':
      return 'arrived';
    case 'pumping':
      return 'handling';
    case 'cleared':
    case 'closed':
      return 'closed';
    default:
      return 'found';
  }
}

/**
 * Cases per stage in one view. Views list the cases not closed; the closed ones are the cases opened so far
 * (the `casesOpened` KPI) less those listed.
 */
export function casesByStage(view: RunView): Record<CaseStage, number> {
  const out: Record<CaseStage, number> = { found: 0, dispatched: 0, arrived: 0, handling: 0, closed: 0 };
  for (const c of view.cases) out[caseStage(c.state)]++;
  const opened = view.kpis.casesOpened;
  if (typeof opened === 'number') out.closed += Math.max(0, opened - view.cases.length);
  return out;
}

/** Trucks per state in one view (every state of TRUCK_STATES present, 0 when none). */
export function trucksByState(view: RunView): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(TRUCK_STATES.map((s) => [s, 0]));
  for (const t of view.trucks) out[t.state] = (out[t.state] ?? 0) + 1;
  return out;
}

/** The series of every step the record holds. */
export function viewSeries(replay: RecordReplay): ViewSeries {
  const m = replay.manifest;
  const steps = replay.frameCount;
  const s: ViewSeries = {
    schema: 'rivertwin.series/1',
    tS: [],
    rainRateMmPerH: [],
    rainAccumulatedMm: [],
    riverStageM: [],
    riverWarningM: null,
    wallCrestM: null,
    sensors: [],
    cases: { found: [], dispatched: [], arrived: [], handling: [], closed: [] },
    fleet: Object.fromEntries(TRUCK_STATES.map((st) => [st, [] as number[]])),
    closedRoadKm: [],
    caseHoursWaiting: [],
    hotspotWaterHours: [],
  };
  const sensorIndex = new Map<string, SensorSeries>();
  for (let k = 0; k < steps; k++) {
    const tS = Math.min(k * m.controlStepS, m.endS);
    const v = replay.stateAt(tS);
    s.tS.push(tS);
    s.rainRateMmPerH.push(v.rain.rateMmPerH);
    s.rainAccumulatedMm.push(v.rain.accumulatedMm);
    s.riverStageM.push(v.river.stageM);
    s.riverWarningM ??= v.river.warningM;
    s.wallCrestM ??= v.river.wallCrestM;
    for (const r of v.sensors) {
      let ss = sensorIndex.get(r.id);
      if (!ss) {
        ss = {
          id: r.id,
          kind: r.kind,
          unit: r.unit,
          alertAt: r.alertAt,
          alarmAt: r.alarmAt,
          values: new Array(k).fill(null),
        };
        sensorIndex.set(r.id, ss);
        s.sensors.push(ss);
      }
      ss.values.push(typeof r.value === 'number' && Number.isFinite(r.value) ? r.value : null);
    }
    for (const ss of s.sensors) if (ss.values.length < k + 1) ss.values.push(null);
    const stages = casesByStage(v);
    for (const st of CASE_STAGES) s.cases[st].push(stages[st]);
    const states = trucksByState(v);
    for (const [st, n] of Object.entries(states)) (s.fleet[st] ??= new Array(k).fill(0)).push(n);
    s.closedRoadKm.push(v.roads.closedKm);
    s.caseHoursWaiting.push(v.kpis.caseHoursWaiting ?? null);
    s.hotspotWaterHours.push(v.kpis.hotspotWaterHours ?? null);
  }
  return s;
}
