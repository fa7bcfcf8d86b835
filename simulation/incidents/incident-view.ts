// The picture of an imported log at one moment, in the live run's view format (rivertwin.view/1) so `replay --at`
// reads it unchanged: orders not closed as cases, trucks and crews where the log last put them, roads closed, every
// sensor's last reading and alarm level, the gauges' rain, the river gauge, the KPIs so far. What the log cannot say
// (water balance, pump stations) is null or empty — or, with --simulate, taken from the flood engine's run.
import { finite, round, type CaseOnMap, type RunView, type TruckOnMap } from '../scenario/run-view.ts';
import type { RiverLevel } from '../scenario/run-events.ts';
import type { SensorReading } from '../scenario/run-watch.ts';
import type { Depot, PumpTruck, Sensor, XY } from '../../twin/types.ts';
import { levelOf, priority } from './incident-events.ts';
import { caseStateAt, closedKmAt, escalatedAt, incidentKpis } from './incident-kpis.ts';
import type { IncidentLog } from './incident-log.ts';

/** What the views need besides the log. */
export interface ViewContext {
  sensors: readonly Sensor[];
  fleet: readonly PumpTruck[];
  depots: readonly Depot[];
  controlStepS: number;
  /** District mean rain (mm/h) per control interval (incident-storm.ts). */
  rainRates: Float64Array;
  /** The river warning level (the lowest river gauge alert, else the district's), m; NaN when unknown. */
  warningM: number;
  lonLat(x: number, y: number): [number, number];
}

/** The last value of a series at or before `tS`, or NaN. */
function lastAt(timesS: readonly number[], values: readonly number[], tS: number): number {
  let v = NaN;
  for (let i = 0; i < timesS.length && timesS[i] <= tS; i++) v = values[i];
  return v;
}

/** The view as of `tS` (control step `step`). */
export function incidentView(log: IncidentLog, tS: number, step: number, ctx: ViewContext): RunView {
  const ll = (xy: XY) => ctx.lonLat(xy[0], xy[1]);
  // 1. Cases not closed.
  const cases: CaseOnMap[] = log.cases
    .filter((c) => c.openedS <= tS && caseStateAt(c, tS) !== 'closed')
    .map((c) => ({
      id: c.id,
      state: caseStateAt(c, tS),
      source: c.source,
      sourceId: c.sourceId,
      lonLat: ll(c.order.xy),
      depthM: finite(c.order.depthM ?? NaN) as number,
      priority: round(priority(c.exposure, c.order.depthM), 4),
      truckId: Number.isFinite(c.dispatchedS) && c.dispatchedS <= tS ? c.order.truck : '',
      openedS: c.openedS,
      dispatchedS: c.dispatchedS <= tS ? c.dispatchedS : null,
      arrivedS: c.arrivedS <= tS ? c.arrivedS : null,
      escalated: !Number.isNaN(escalatedAt(c, tS)),
    }));
  // 2. Trucks and crews: the fleet's, then others the log names; each where its last logged step left it.
  const ids = [...ctx.fleet.map((t) => t.id)];
  for (const c of log.cases) if (c.order.truck && !ids.includes(c.order.truck)) ids.push(c.order.truck);
  const trucks: TruckOnMap[] = ids.map((id) => {
    const spec = ctx.fleet.find((t) => t.id === id);
    const depot = spec && ctx.depots.find((d) => d.id === spec.depotId);
    let state = 'idle';
    let where: XY | undefined = depot?.xy;
    let caseId = '';
    let lastT = -Infinity;
    for (const c of log.cases) {
      if (c.order.truck !== id) continue;
      const steps: [number, string][] = [
        [c.dispatchedS, 'enRoute'],
        [c.arrivedS, 'pumping'],
        [c.clearedS, 'idle'],
      ];
      for (const [t, s] of steps) {
        if (!(Number.isFinite(t) && t <= tS && t >= lastT)) continue;
        lastT = t;
        state = s;
        caseId = s === 'idle' ? '' : c.id;
        // Driving, it is shown where it last was (the log has no track); on site and after, at the site.
        if (s !== 'enRoute' || !where) where = c.order.xy;
      }
    }
    return {
      id,
      state,
      lonLat: where ? ll(where) : ([NaN, NaN] as [number, number]),
      caseId,
      held: false,
      pumpedM3: null as unknown as number,
      routeLonLat: [],
      etaS: null,
    };
  });
  // 3. Sensors: the last reading at or before now.
  const sensors: SensorReading[] = ctx.sensors.map((s) => {
    const series = log.sensors.find((x) => x.sensorId === s.id);
    const value = series ? lastAt(series.timesS, series.values, tS) : NaN;
    return {
      id: s.id,
      kind: s.kind,
      value: finite(round(value, 4)) as number,
      unit: s.kind === 'rain' ? 'mm/h' : 'm',
      level: levelOf(value, s),
      alertAt: s.alertAt ?? null,
      alarmAt: s.alarmAt ?? null,
    };
  });
  // 4. Rain (the gauges' mean over the control interval ending now) and the river gauge.
  const k = Math.round(tS / ctx.controlStepS);
  let acc = 0;
  for (let i = 0; i < k && i < ctx.rainRates.length; i++) acc += (ctx.rainRates[i] * ctx.controlStepS) / 3600;
  const rate = k > 0 && k <= ctx.rainRates.length ? ctx.rainRates[k - 1] : 0;
  const noRain = log.gauges.length === 0;
  const river = ctx.sensors
    .filter((s) => s.kind === 'riverLevel')
    .map((s) => sensors.find((r) => r.id === s.id)!)
    .find((r) => r.value !== null);
  const stage = river ? river.value : NaN;
  const level: RiverLevel = stage >= ctx.warningM ? 'warning' : 'normal';
  const roads = closedKmAt(log, tS);
  const kpis: Record<string, number | null> = {};
  for (const [key, v] of Object.entries(incidentKpis(log, tS)))
    if (typeof v === 'number') kpis[key] = finite(round(v, 4));
  const none = null as unknown as number;
  return {
    schema: 'rivertwin.view/1',
    tS,
    step,
    durationS: log.durationS,
    finished: tS >= log.durationS,
    rain: {
      rateMmPerH: noRain ? none : round(rate, 3),
      accumulatedMm: noRain ? none : round(acc, 3),
    },
    river: {
      stageM: finite(round(stage, 3)) as number,
      level,
      warningM: finite(round(ctx.warningM, 3)),
      wallCrestM: null,
    },
    trucks,
    cases,
    roads: { closedEdgeKeys: roads.edgeKeys, closedKm: round(roads.km, 3) },
    sensors,
    pumps: [],
    water: { rainM3: none, drainedM3: none, pumpedM3: none, storedM3: none },
    kpis,
  };
}
