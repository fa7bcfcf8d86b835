// The fleet's changing state as plain data (FleetState): the generator's state as a number, trucks by index, cases
// with their sites (a source's site by reference), alarm sources' arming, KPI accumulators, the road network's times
// and closures, and the pump sinks by truck index — what a checkpoint needs to continue a run bit for bit.
import { mulberry32 } from '../random.ts';
import { SimulationError } from '../errors.ts';
import type { NetworkState, RoadClosureChange } from '../roads/index.ts';
import type { Case, Site } from './cases.ts';
import type { FleetWorld } from './fleet-setup.ts';
import type { KpiRecorder } from './kpis.ts';
import type { PumpSink } from './pump-sink.ts';

/** A case as saved: its site by the index of the alarm source that owns it, or in full. */
type SavedCase = Omit<Case, 'site'> & { site: Site | { source: number } };

/** A pump sink as saved, by truck index. */
export interface SavedSink {
  truckIndex: number;
  cells: Int32Array;
  rateM3PerS: number;
  /** Depth (m) at each cell when the sink was set, for the fleet's own estimate of what it took. */
  depthM: Float64Array;
}

/** Everything of a fleet that changes during a run. */
export interface FleetState {
  version: 1;
  /** What the state fits: truck ids and alarm sources (kind:id), in order. */
  truckIds: string[];
  sourceIds: string[];
  lastS: number;
  rng: number;
  trucks: Record<string, unknown>[];
  cases: SavedCase[];
  sources: { armed: boolean; caseIndex: number }[];
  kpi: Record<string, unknown>;
  network: NetworkState;
  roadChanges: RoadClosureChange[];
  sinks: SavedSink[];
}

/** Fields of a Truck that are its identity, not its state. */
const TRUCK_FIXED = new Set(['spec', 'index']);

/** The world's state, with the controller's own parts given by the caller. */
export function saveWorld(w: FleetWorld, kpi: KpiRecorder, lastS: number, sinks: readonly SavedSink[]): FleetState {
  const siteOwner = new Map<Site, number>(w.book.sources.map((s, i) => [s.site, i]));
  return structuredClone({
    version: 1 as const,
    truckIds: w.trucks.map((t) => t.spec.id),
    sourceIds: w.book.sources.map((s) => `${s.kind}:${s.id}`),
    lastS,
    rng: w.rng.state(),
    trucks: w.trucks.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !TRUCK_FIXED.has(k)))),
    cases: w.book.cases.map((c) => {
      const owner = siteOwner.get(c.site);
      return { ...c, site: owner === undefined ? c.site : { source: owner } };
    }),
    sources: w.book.sources.map((s) => ({ armed: s.armed, caseIndex: s.caseIndex })),
    kpi: kpi.toState(),
    network: w.net.state(),
    roadChanges: w.roadChanges,
    sinks: [...sinks],
  });
}

/** Puts a saved state back into a world built from the same input; returns the controller's parts. */
export function loadWorld(w: FleetWorld, kpi: KpiRecorder, saved: FleetState): { lastS: number; sinks: SavedSink[] } {
  const s = structuredClone(saved);
  const ids = w.trucks.map((t) => t.spec.id);
  const sources = w.book.sources.map((x) => `${x.kind}:${x.id}`);
  if (s?.version !== 1 || s.truckIds.join(',') !== ids.join(',') || s.sourceIds.join(',') !== sources.join(','))
    throw new SimulationError(
      `was saved for trucks ${s?.truckIds?.join(', ')} and ${s?.sourceIds?.length} alarm sources; this fleet has ${ids.join(', ')} and ${sources.length}`,
      { input: 'fleet state' },
      'restore onto a fleet built from the same district, cell size and fleet',
    );
  w.rng = mulberry32(s.rng);
  w.trucks.forEach((t, i) => Object.assign(t, s.trucks[i]));
  w.book.cases.splice(
    0,
    w.book.cases.length,
    ...s.cases.map((c) => ({ ...c, site: 'source' in c.site ? w.book.sources[c.site.source].site : c.site }) as Case),
  );
  s.sources.forEach((x, i) => Object.assign(w.book.sources[i], x));
  kpi.fromState(s.kpi);
  w.net.load(s.network);
  w.roadChanges.splice(0, w.roadChanges.length, ...s.roadChanges);
  return { lastS: s.lastS, sinks: s.sinks };
}

/** The sinks of a saved state, as the controller keeps them. */
export function sinksOf(w: FleetWorld, saved: readonly SavedSink[]): PumpSink[] {
  return saved.map((x) => {
    if (!w.trucks[x.truckIndex])
      throw new SimulationError(`no truck ${x.truckIndex}`, { input: 'fleet state', field: 'sinks' });
    return { cells: x.cells, rateM3PerS: x.rateM3PerS };
  });
}
