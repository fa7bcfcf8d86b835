// The event log of an imported incident log, with the simulation's event types where they mean the same: run.started
// and run.finished; rain.started/peaked/ended on the gauges' district mean; sensor.alarm/cleared when a reading
// crosses the sensor's own levels; case.opened/dispatched, truck.arrived, case.cleared/closed for each work order;
// road.closed/reopened per road segment. Every event from a row names it (`logRow`) and says if it was reconstructed.
import type { RunEvent, UnnumberedEvent } from '../scenario/run-events.ts';
import type { AlarmLevel } from '../scenario/run-events.ts';
import type { Sensor, XY } from '../../twin/types.ts';
import type { IncidentLog } from './incident-log.ts';
import type { RowOrigin } from './incident-parse.ts';
import { districtRainRates } from './incident-storm.ts';

/** Below this district-mean rate (mm/h) it is not raining (as the live run's watch). */
const RAIN_ON_MM_PER_H = 0.1;
const LEVELS: AlarmLevel[] = ['normal', 'alert', 'alarm'];

/** What the events need besides the log. */
export interface EventContext {
  sensors: readonly Sensor[];
  controlStepS: number;
  scenarioName: string;
  lonLat(x: number, y: number): [number, number];
}

/** An event from the log, with the row it came from. */
type Tagged = UnnumberedEvent & { logRow?: string; reconstructed?: true } & Record<string, unknown>;

/** The alarm level of a reading against a sensor's levels (NaN reads normal). */
export function levelOf(value: number, s: Sensor): AlarmLevel {
  if (s.alarmAt !== undefined && value >= s.alarmAt) return 'alarm';
  if (s.alertAt !== undefined && value >= s.alertAt) return 'alert';
  return 'normal';
}

function tag(o: Pick<RowOrigin, 'file' | 'row' | 'reconstructed'>): { logRow: string; reconstructed?: true } {
  return { logRow: `${o.file}:${o.row}`, ...(o.reconstructed ? { reconstructed: true as const } : {}) };
}

/** The log's events in time order (ties keep the order above), numbered from 1, with lon/lat where they have a place. */
export function incidentEvents(log: IncidentLog, ctx: EventContext): RunEvent[] {
  const out: Tagged[] = [];
  // 1. Rain on the district (mean of the gauges), as the live run's watch reports it.
  const rates = districtRainRates(log, ctx.controlStepS);
  let acc = 0;
  let raining = false;
  let peak = -1;
  for (let k = 0; k < rates.length; k++) if (rates[k] > (peak < 0 ? 0 : rates[peak])) peak = k;
  for (let k = 0; k < rates.length; k++) {
    const t0 = k * ctx.controlStepS;
    const t1 = Math.min(log.durationS, t0 + ctx.controlStepS);
    acc += (rates[k] * (t1 - t0)) / 3600;
    const rain = { rateMmPerH: rates[k], accumulatedMm: acc };
    if (!raining && rates[k] >= RAIN_ON_MM_PER_H) {
      raining = true;
      out.push({ type: 'rain.started', timeS: t0, ...rain });
    }
    if (k === peak) out.push({ type: 'rain.peaked', timeS: t1, ...rain });
    if (raining && rates[k] < RAIN_ON_MM_PER_H) {
      raining = false;
      out.push({ type: 'rain.ended', timeS: t0, ...rain });
    }
  }
  // 2. Sensors crossing their own alert and alarm levels.
  for (const series of log.sensors) {
    const sensor = ctx.sensors.find((s) => s.id === series.sensorId)!;
    let from: AlarmLevel = 'normal';
    series.timesS.forEach((t, i) => {
      const level = levelOf(series.values[i], sensor);
      if (level === from) return;
      out.push({
        type: LEVELS.indexOf(level) > LEVELS.indexOf(from) ? 'sensor.alarm' : 'sensor.cleared',
        timeS: t,
        sensorId: sensor.id,
        kind: sensor.kind,
        level,
        from,
        value: series.values[i],
        unit: series.unit,
        lonLat: ctx.lonLat(sensor.xy[0], sensor.xy[1]),
        ...tag(series.rows[i]),
      });
      from = level;
    });
  }
  // 3. Work orders: opened, dispatched, arrived, cleared, closed.
  for (const c of log.cases) {
    const o = c.order;
    const t = tag(o);
    const xy: XY = [round(o.xy[0], 2), round(o.xy[1], 2)];
    out.push({
      type: 'case.opened',
      timeS: c.openedS,
      caseId: c.id,
      source: c.source,
      sourceId: c.sourceId,
      xy,
      depthM: o.depthM ?? NaN,
      exposure: c.exposure,
      priority: priority(c.exposure, o.depthM),
      channel: o.channel,
      ...(o.sensorId ? { sensorId: o.sensorId } : {}),
      ...(c.match.road ? { road: c.match.road.name, segmentId: c.match.road.segmentId } : {}),
      ...t,
    });
    if (Number.isFinite(c.dispatchedS))
      out.push({
        type: 'case.dispatched',
        timeS: c.dispatchedS,
        caseId: c.id,
        truckId: o.truck,
        etaS: Number.isFinite(c.arrivedS) ? c.arrivedS - c.dispatchedS : NaN,
        policy: 'imported',
        replanned: false,
        ...t,
      });
    if (Number.isFinite(c.arrivedS))
      out.push({ type: 'truck.arrived', timeS: c.arrivedS, truckId: o.truck, caseId: c.id, ...t });
    if (Number.isFinite(c.clearedS))
      out.push({ type: 'case.cleared', timeS: c.clearedS, caseId: c.id, truckId: o.truck, depthM: NaN, ...t });
    if (Number.isFinite(c.closedS)) out.push({ type: 'case.closed', timeS: c.closedS, caseId: c.id, ...t });
  }
  // 4. Road closures, one event per road segment.
  for (const cl of log.closures) {
    const r = cl.record;
    for (const p of r.pieces)
      out.push({
        type: r.action === 'closed' ? 'road.closed' : 'road.reopened',
        timeS: cl.tS,
        segmentId: p.segmentId,
        edgeKeys: [...p.edgeKeys],
        reason: r.reason,
        road: r.label,
        ...(r.reasonText ? { reasonText: r.reasonText } : {}),
        ...tag(r),
      });
  }
  const sorted = out
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].timeS - b[0].timeS || a[1] - b[1])
    .map(([e]) => e);
  const cleared = log.cases.filter((c) => Number.isFinite(c.clearedS)).length;
  const all: Tagged[] = [
    {
      type: 'run.started',
      timeS: 0,
      scenario: ctx.scenarioName,
      durationS: log.durationS,
      controlStepS: ctx.controlStepS,
      seed: 0,
    },
    ...sorted,
    { type: 'run.finished', timeS: log.durationS, casesOpened: log.cases.length, casesCleared: cleared },
  ];
  return all.map((e, i) => {
    const ev = { ...e, seq: i + 1 } as RunEvent & { xy?: XY };
    if (ev.xy && !ev.lonLat) ev.lonLat = ctx.lonLat(ev.xy[0], ev.xy[1]);
    return ev;
  });
}

/** A case's priority as the fleet ranks it: exposure × depth, with a 1 cm floor so a case reported dry still ranks. */
export function priority(exposure: number, depthM: number | undefined): number {
  return exposure * Math.max(depthM ?? 0, 0.01);
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}
