// The picture of a run at one moment (RunView): trucks, cases, closed roads, sensors, pump stations, river, rain and
// KPIs so far — plain JSON, rounded to what a screen needs, so the record can keep it at every control step and a
// replay gives back exactly what the live run showed.
import { closedRoadKm, type FleetController } from '../fleet/index.ts';
import type { FloodRun } from '../hydro/index.ts';
import type { RiverLevel } from './run-events.ts';
import type { RunWatch, SensorReading } from './run-watch.ts';

/** A truck on the screen. */
export interface TruckOnMap {
  id: string;
  state: string;
  lonLat: [number, number];
  /** The case it serves ('' for none). */
  caseId: string;
  held: boolean;
  pumpedM3: number;
  /** The road still ahead while driving, WGS84 (empty when standing). */
  routeLonLat: [number, number][];
  /** Time (s) left on the route at the current travel times, null when standing or blocked. */
  etaS: number | null;
}

/** A case (工单) that is not closed. */
export interface CaseOnMap {
  id: string;
  state: string;
  source: string;
  sourceId: string;
  lonLat: [number, number];
  depthM: number;
  priority: number;
  truckId: string;
  openedS: number;
  dispatchedS: number | null;
  arrivedS: number | null;
  escalated: boolean;
}

/** The run as of `tS`. Every number is finite or null. */
export interface RunView {
  schema: 'rivertwin.view/1';
  tS: number;
  /** Control steps done. */
  step: number;
  durationS: number;
  finished: boolean;
  rain: { rateMmPerH: number; accumulatedMm: number };
  river: { stageM: number; level: RiverLevel; warningM: number | null; wallCrestM: number | null };
  trucks: TruckOnMap[];
  cases: CaseOnMap[];
  /** Road edges closed to cars (graph edge keys), and their length counting two-way streets once. */
  roads: { closedEdgeKeys: string[]; closedKm: number };
  sensors: SensorReading[];
  pumps: { id: string; failed: boolean; sewerStoredM3: number; liftedToRiverM3: number }[];
  water: { rainM3: number; drainedM3: number; pumpedM3: number; storedM3: number };
  /** The fleet's scalar KPIs so far (per-case rows and series are in the record's final KPIs). */
  kpis: Record<string, number | null>;
}

/** What building a view needs from the run. */
export interface ViewSources {
  tS: number;
  step: number;
  durationS: number;
  finished: boolean;
  engine: FloodRun;
  fleet: FleetController;
  watch: RunWatch;
  lonLat: (x: number, y: number) => [number, number];
}

/** Builds the view of a run now. */
export function buildView(src: ViewSources): RunView {
  const { fleet, engine, watch, lonLat } = src;
  const net = fleet.world.net;
  const now = watch.now();
  const trucks: TruckOnMap[] = fleet.world.trucks.map((t) => {
    const xy = t.xy(net);
    const path = t.remainingPath(net);
    const eta = t.driving ? t.remainingS(net) : NaN;
    const c = t.caseIndex >= 0 ? fleet.cases[t.caseIndex] : undefined;
    return {
      id: t.spec.id,
      state: t.state,
      lonLat: lonLat(xy[0], xy[1]),
      caseId: c ? c.id : '',
      held: t.held,
      pumpedM3: round(t.pumpedM3, 1),
      routeLonLat: path.map((p) => lonLat(p[0], p[1])),
      etaS: finite(round(eta, 1)),
    };
  });
  const cases: CaseOnMap[] = fleet.cases
    .filter((c) => c.state !== 'closed')
    .map((c) => ({
      id: c.id,
      state: c.state,
      source: c.source,
      sourceId: c.sourceId,
      lonLat: lonLat(c.site.xy[0], c.site.xy[1]),
      depthM: round(c.depthM, 4),
      priority: round(c.priority, 4),
      truckId: c.truckIndex >= 0 ? fleet.world.trucks[c.truckIndex].spec.id : '',
      openedS: c.openedS,
      dispatchedS: finite(c.dispatchedS),
      arrivedS: finite(c.arrivedS),
      escalated: !Number.isNaN(c.escalatedS),
    }));
  const carTimes = net.travelTimeS[0];
  const closedEdgeKeys: string[] = [];
  for (let e = 0; e < carTimes.length; e++) if (carTimes[e] === Infinity) closedEdgeKeys.push(net.csr.edgeKeys[e]);
  const kpis: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(fleet.kpis(src.tS))) if (typeof v === 'number') kpis[k] = finite(round(v, 4));
  const l = engine.ledger();
  return {
    schema: 'rivertwin.view/1',
    tS: src.tS,
    step: src.step,
    durationS: src.durationS,
    finished: src.finished,
    rain: { rateMmPerH: round(now.rateMmPerH, 3), accumulatedMm: round(now.accumulatedMm, 3) },
    river: {
      stageM: round(now.stageM, 3),
      level: now.riverLevel,
      warningM: finite(round(watch.thresholds.warningM, 3)),
      wallCrestM: finite(round(watch.thresholds.wallCrestM, 3)),
    },
    trucks,
    cases,
    roads: { closedEdgeKeys, closedKm: round(closedRoadKm(net, 0), 3) },
    sensors: watch.readings().map((r) => ({ ...r, value: finite(round(r.value, 4)) as number })),
    pumps: engine.pumpStations().map((p) => ({
      id: p.id,
      failed: p.failed,
      sewerStoredM3: round(p.sewerStoredM3, 1),
      liftedToRiverM3: round(p.liftedToRiverM3, 1),
    })),
    water: {
      rainM3: round(l.rainM3, 1),
      drainedM3: round(l.drainedM3, 1),
      pumpedM3: round(l.pumpedM3, 1),
      storedM3: round(l.storedM3, 1),
    },
    kpis,
  };
}

/** Rounds to `digits` decimals (NaN stays NaN). */
export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** null for NaN and ±Infinity, so JSON keeps what the screen showed. */
export function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
