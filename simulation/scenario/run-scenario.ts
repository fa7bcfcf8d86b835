// The coupled loop as one call: a ScenarioRun stepped to its end, and what it came to (water balance, flooding,
// hotspot peaks, the fleet's KPIs). Screens, records and forks use ScenarioRun itself.
import type { FleetKpis } from '../fleet/index.ts';
import type { FloodStats, MassLedger } from '../hydro/index.ts';
import type { RunEvent } from './run-events.ts';
import { ScenarioRun } from './scenario-run.ts';
import type { ScenarioTwin } from './scenario-setup.ts';
import type { ScenarioSpec } from './scenario-spec.ts';
import type { StagingPlan } from './stage-fleet.ts';

/** A hotspot's worst moment in the run. */
export interface HotspotPeak {
  id: string;
  name: string;
  kind: string;
  peakDepthM: number;
  /** When the water there first passed the engine's wet depth (s), NaN if never. */
  firstWetS: number;
}

export interface ScenarioResult {
  name: string;
  durationS: number;
  ledger: MassLedger;
  stats: FloodStats;
  maxDepthM: Float64Array;
  events: readonly RunEvent[];
  kpis: FleetKpis;
  hotspotPeaks: HotspotPeak[];
  /** Land area (m²) whose maximum depth passed the district's road-water alarm depth (district.json alarms). */
  floodedAreaM2: number;
  /** Peak river stage held at the walls (m). */
  peakStageM: number;
  /** What the set-up left out (e.g. a hotspot with no open cell at this cell size). */
  warnings: string[];
  /** Where the trucks waited, when the scenario pre-positioned them. */
  staging?: StagingPlan;
}

/** Called after each control step, e.g. to report progress or record frames. */
export type ControlStepHook = (run: ScenarioRun) => void;

/**
 * Runs a scenario to its end. Deterministic: the same twin, spec and seed give the same result.
 * @throws SimulationError for a pump failure naming an unknown station, or bad rain for this grid
 */
export function runScenario(twin: ScenarioTwin, spec: ScenarioSpec, onStep?: ControlStepHook): ScenarioResult {
  const run = ScenarioRun.start(twin, spec);
  try {
    while (!run.finished) {
      run.advance();
      onStep?.(run);
    }
    return scenarioResult(run, run.eventsSince(0));
  } finally {
    run.close();
  }
}

/** What a finished (or stopped) run came to. */
export function scenarioResult(run: ScenarioRun, events: readonly RunEvent[]): ScenarioResult {
  const { engine, fleet, setup } = run.parts;
  const { grid, district } = run.twin;
  const cellArea = grid.cellM * grid.cellM;
  const maxDepthM = Float64Array.from(engine.maxDepthM());
  const firstWet = engine.firstWetS();
  let flooded = 0;
  const floodM = setup.alarms.roadDepthM;
  for (let i = 0; i < maxDepthM.length; i++) if (!grid.riverMask[i] && maxDepthM[i] > floodM) flooded += cellArea;
  const hotspotPeaks = district.hotspots.map((h, k) => {
    const c = setup.hotspotCells[k];
    return {
      id: h.id,
      name: h.name,
      kind: h.kind,
      peakDepthM: c >= 0 ? maxDepthM[c] : NaN,
      firstWetS: c >= 0 ? firstWet[c] : NaN,
    };
  });
  return {
    name: run.spec.name,
    durationS: run.tS,
    ledger: engine.ledger(),
    stats: engine.stats(),
    maxDepthM,
    events,
    kpis: fleet.kpis(run.tS),
    hotspotPeaks,
    floodedAreaM2: flooded,
    peakStageM: Math.max(...setup.stage.values),
    warnings: [...fleet.world.warnings],
    ...(run.staging ? { staging: run.staging } : {}),
  };
}
