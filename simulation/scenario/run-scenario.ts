// The coupled loop: the flood engine advances in fixed control steps; at each, the fleet reads the depth field
// (sensors, hotspots, closed roads), dispatches and moves trucks, and hands the engine its pump sinks.
import { FleetController, type FleetEvent, type FleetKpis } from '../fleet/index.ts';
import { FloodEngine, type FloodOptions, type FloodStats, type MassLedger, type PumpStation } from '../hydro/index.ts';
import { rainFieldFromSpec } from '../rain/index.ts';
import { SimulationError } from '../errors.ts';
import type { District } from '../../twin/district/index.ts';
import type { Grid } from '../../twin/grid/index.ts';
import { nearestCellWhere } from '../../twin/grid/index.ts';
import type { RoadGraph } from '../../twin/road-graph/index.ts';
import { stageHydrograph } from './river-stage.ts';
import type { ScenarioSpec } from './scenario-spec.ts';
import { stageFleet, type StagingPlan } from './stage-fleet.ts';

/** What a scenario runs on: the district, its grid and its road graph (twin/district buildTwin). */
export interface ScenarioTwin {
  district: District;
  grid: Grid;
  graph: RoadGraph;
}

/** A hotspot's worst moment in the run. */
export interface HotspotPeak {
  id: string;
  name: string;
  kind: string;
  peakDepthM: number;
  /** When the water there first passed 5 cm (s), NaN if never. */
  firstWetS: number;
}

export interface ScenarioResult {
  name: string;
  durationS: number;
  ledger: MassLedger;
  stats: FloodStats;
  maxDepthM: Float64Array;
  events: readonly FleetEvent[];
  kpis: FleetKpis;
  hotspotPeaks: HotspotPeak[];
  /** Land area (m²) whose maximum depth passed 0.15 m (the road-water alarm level). */
  floodedAreaM2: number;
  /** Peak river stage held at the walls (m). */
  peakStageM: number;
  /** What the set-up left out (e.g. a hotspot with no open cell at this cell size). */
  warnings: string[];
  /** Where the trucks waited, when the scenario pre-positioned them. */
  staging?: StagingPlan;
}

/** Called after each control step, e.g. to report progress or record frames. */
export type ControlStepHook = (tS: number, depthM: Float64Array) => void;

/**
 * Runs a scenario. Deterministic: the same twin, spec and seed give the same result.
 * @throws SimulationError for a pump failure naming an unknown station, or bad rain for this grid
 */
export function runScenario(twin: ScenarioTwin, spec: ScenarioSpec, onStep?: ControlStepHook): ScenarioResult {
  const { district, grid } = twin;
  const cellArea = grid.cellM * grid.cellM;
  // 1. Pump stations, each on its catchment's cells, with sewer storage upstream.
  const catchmentCells = new Float64Array(district.catchments.length);
  for (let i = 0; i < grid.catchmentId.length; i++) if (grid.catchmentId[i] >= 0) catchmentCells[grid.catchmentId[i]]++;
  const stations: PumpStation[] = [];
  for (const p of district.pumpStations) {
    const k = district.catchments.findIndex((c) => c.id === p.catchmentId);
    if (k < 0) continue;
    stations.push({
      id: p.id,
      catchmentId: k,
      capacityM3PerS: p.capacityM3PerS,
      storageM3: (spec.sewerStorageMm / 1000) * catchmentCells[k] * cellArea,
    });
  }
  for (const f of spec.pumpFailures) {
    if (!stations.some((s) => s.id === f.id)) {
      throw new SimulationError(
        `pump station "${f.id}" is not in the district`,
        { input: 'scenario', field: 'pumpFailures' },
        `use one of ${stations.map((s) => s.id).join(', ')}`,
      );
    }
  }
  const stage = stageHydrograph(spec.river, spec.durationS);
  // 2. The engine: rain, river held at the stage, free edges where the district's land meets the map's edge.
  const free = { kind: 'free' as const };
  const engineOptions = (): FloodOptions => ({
    rain: rainFieldFromSpec(spec.rain, grid, 'scenario.rain'),
    riverStageM: stage,
    pumpStations: stations,
    edges: { north: free, east: free, south: free, west: free },
    outputEveryS: spec.controlStepS,
    // θ = 0.7 (de Almeida et al. 2012): with θ = 1 the water in the steep, narrow underpass ramps sloshes into
    // spurious peaks metres above their rims; 0.7 damps it (EA Test 4 keeps θ = 1 to match LISFLOOD-FP).
    theta: spec.theta,
  });
  // 3. Pre-positioning: a forecast run of the same storm (a perfect forecast) decides where the trucks wait.
  let staging: StagingPlan | undefined;
  if (spec.fleet.prePosition) {
    const forecast = new FloodEngine(grid, engineOptions());
    try {
      forecast.advanceTo(spec.durationS);
      staging = stageFleet(twin.graph, grid, district.fleet, district.depots, district.hotspots, forecast.maxDepthM());
    } finally {
      forecast.close();
    }
  }
  const engine = new FloodEngine(grid, engineOptions());
  // 4. The fleet on the road graph and the same grid.
  const fleet = new FleetController(
    {
      graph: twin.graph,
      grid,
      trucks: district.fleet,
      depots: district.depots,
      hotspots: district.hotspots,
      sensors: district.sensors,
      ...(staging ? { staging: staging.staging } : {}),
    },
    // Lenient: a hotspot that falls on a building or river cell at this cell size is left out with a warning.
    { policy: spec.fleet.policy, setupS: spec.fleet.setupS, seed: spec.seed, lenient: true },
  );
  // 5. Control steps.
  const failed = new Set<string>();
  const steps = Math.ceil(spec.durationS / spec.controlStepS - 1e-9);
  try {
    for (let k = 1; k <= steps; k++) {
      const t = Math.min(k * spec.controlStepS, spec.durationS);
      engine.advanceTo(t);
      for (const f of spec.pumpFailures) {
        if (f.atS <= t && !failed.has(f.id)) {
          engine.setPumpStationFailed(f.id, true);
          failed.add(f.id);
        }
      }
      const depth = engine.depthM();
      // The fleet books what each truck really took (limited by the water there), as the engine measured it.
      engine.setTruckSinks(fleet.step(depth, t, { pumpedM3: engine.pumpedBySinkM3() }));
      onStep?.(t, depth);
    }
    // 6. What it came to.
    const maxDepthM = Float64Array.from(engine.maxDepthM());
    const firstWet = engine.firstWetS();
    let flooded = 0;
    for (let i = 0; i < maxDepthM.length; i++) if (!grid.riverMask[i] && maxDepthM[i] > 0.15) flooded += cellArea;
    const hotspotPeaks = district.hotspots.map((h) => {
      // Where the hotspot's water stands: the nearest open cell (not river, not building) within 20 m or 1.5 cells.
      const c = nearestCellWhere(
        grid,
        h.xy[0],
        h.xy[1],
        Math.max(20, 1.5 * grid.cellM),
        (i) => !grid.riverMask[i] && !grid.buildingMask[i],
      );
      return {
        id: h.id,
        name: h.name,
        kind: h.kind,
        peakDepthM: c >= 0 ? maxDepthM[c] : NaN,
        firstWetS: c >= 0 ? firstWet[c] : NaN,
      };
    });
    return {
      name: spec.name,
      durationS: spec.durationS,
      ledger: engine.ledger(),
      stats: engine.stats(),
      maxDepthM,
      events: fleet.events,
      kpis: fleet.kpis(spec.durationS),
      hotspotPeaks,
      floodedAreaM2: flooded,
      peakStageM: Math.max(...stage.values),
      warnings: [...fleet.world.warnings],
      ...(staging ? { staging } : {}),
    };
  } finally {
    engine.close();
  }
}
