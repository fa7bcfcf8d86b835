// What a scenario run is built from, worked out once from the twin and the spec: the pump stations with their sewer
// storage, the river's stage hydrograph, the flood engine's options, and the fleet's input and options.
import { readingCell, type FleetInput, type FleetOptions } from '../fleet/index.ts';
import type { FloodEngineFactory, FloodOptions, Hydrograph, PumpStation } from '../hydro/index.ts';
import { LTS_MAX_DT_S } from '../hydro/kernel-config.ts';
import { rainFieldFromSpec } from '../rain/index.ts';
import { SimulationError } from '../errors.ts';
import type { District } from '../../twin/district/index.ts';
import type { PumpTruck } from '../../twin/types.ts';
import { missingForRun, type DistrictAlarms } from '../../twin/district/manifest-place.ts';
import type { Grid } from '../../twin/grid/index.ts';
import type { RoadGraph } from '../../twin/road-graph/index.ts';
import { resolveRiverStage, stageHydrograph, type RiverStageSpec } from './river-stage.ts';
import { fleetOfSize } from './fleet-size.ts';
import type { ScenarioSpec } from './scenario-spec.ts';
import type { StagingPlan } from './stage-fleet.ts';

/** What a scenario runs on: the district, its grid and its road graph (twin/district buildTwin). */
export interface ScenarioTwin {
  district: District;
  grid: Grid;
  graph: RoadGraph;
  /** How runs on this twin make their flood engine (default: on the calling thread); Node passes worker threads. */
  engine?: FloodEngineFactory;
}

/** A scenario placed on a district: its river resolved against the district's own presets. */
export type PlacedScenario = ScenarioSpec & { river: RiverStageSpec };

/**
 * The scenario as it runs on this district: a river preset name (or none) becomes the district's stage, so the
 * record and the summary say the stage that ran. Refuses a district that leaves out what a run needs, naming the
 * district.json fields to add.
 * @throws SimulationError naming district.json's fields, or the scenario's river
 */
export function placeScenario(spec: ScenarioSpec, district: District): PlacedScenario {
  const missing = missingForRun(district.manifest);
  if (missing.length)
    throw new SimulationError(
      `the district does not say ${missing.length === 1 ? 'a value' : 'values'} a run needs and nothing is assumed`,
      { input: 'district.json' },
      `add ${missing.join('; ')}`,
    );
  // The fleet the scenario asks for must exist here: its depots, and enough trucks in them.
  spec.fleet.depots?.forEach((id, i) => {
    if (!district.depots.some((d) => d.id === id))
      throw new SimulationError(
        `depot "${id}" is not in the district`,
        { input: 'scenario', field: `/fleet/depots/${i}` },
        `use one of ${district.depots.map((d) => d.id).join(', ')}`,
        'SIM_ERR_SCENARIO',
      );
  });
  fleetOfSize(district.fleet, spec.fleet.size, spec.fleet.depots);
  const river = resolveRiverStage(spec.river, district.manifest.river);
  // The river right after the rain, where parseScenario puts it, so records and checkpoints keep their key order.
  const placed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'river') continue;
    placed[k] = v;
    if (k === 'rain') placed.river = river;
  }
  return placed as unknown as PlacedScenario;
}

/** The parts of a run derived from the twin and the spec. */
/** Local time stepping levels of a scenario's flood engine when the scenario does not say. */
export const SCENARIO_LTS_LEVELS = 4;

export interface ScenarioSetup {
  stations: PumpStation[];
  stage: Hydrograph;
  /** Fresh engine options (a new rain field each call). */
  engineOptions(): FloodOptions;
  fleetInput(staging: StagingPlan | undefined): FleetInput;
  fleetOptions: FleetOptions;
  /** Per hotspot, the open cell whose water is its reading (-1 when none within reach). */
  hotspotCells: Int32Array;
  /** The district's alarm and closure depths (district.json "alarms"). */
  alarms: DistrictAlarms;
  /** The trucks that run (the scenario's `fleet.size` of the district's fleet). */
  trucks: PumpTruck[];
}

/** Works out a run's parts; throws SimulationError for a pump failure naming an unknown station or bad rain. */
export function setUpScenario(twin: ScenarioTwin, given: ScenarioSpec): ScenarioSetup {
  const { district, grid } = twin;
  const spec = placeScenario(given, district);
  // placeScenario refused a district without alarms.
  const alarms = district.manifest.alarms!;
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
  const trucks = fleetOfSize(district.fleet, spec.fleet.size, spec.fleet.depots);
  const stage = stageHydrograph(spec.river, spec.durationS);
  // Rain is checked against the grid now, before any work.
  rainFieldFromSpec(spec.rain, grid, 'scenario.rain');
  const free = { kind: 'free' as const };
  const engineOptions = (): FloodOptions => ({
    rain: rainFieldFromSpec(spec.rain, grid, 'scenario.rain'),
    riverStageM: stage,
    pumpStations: stations,
    // Free edges where the district's land meets the map's edge.
    edges: { north: free, east: free, south: free, west: free },
    outputEveryS: spec.controlStepS,
    // θ = 1 (LISFLOOD-FP's scheme) by default: the spurious ramp peaks that once made 0.7 the default came from the
    // step (CFL 0.7 at the scheme's 2D bound), and at the engine's CFL 0.5 θ = 1 matches LISFLOOD-FP at the
    // hotspots while 0.7 damps some ramps up to 2 m low (tests/bench/README.md, "Spurious peaks").
    theta: spec.theta,
    // Local time stepping: rain on a district leaves most cells shallow while a few ramps and the river bank set the
    // CFL step; those cells step up to 8 × longer (docs/local-time-stepping.md). 0 in the scenario turns it off.
    localTimeStep: spec.localTimeStep ?? SCENARIO_LTS_LEVELS,
    // The longest step, which only the shallowest cells take under local time stepping (by their own CFL limit):
    // 10 s there (LISFLOOD-FP's default initial_tstep), the engine's 5 s with one global step.
    maxDtS: (spec.localTimeStep ?? SCENARIO_LTS_LEVELS) > 0 ? LTS_MAX_DT_S : undefined,
  });
  const fleetInput = (staging: StagingPlan | undefined): FleetInput => ({
    graph: twin.graph,
    grid,
    trucks,
    depots: district.depots,
    hotspots: district.hotspots,
    sensors: district.sensors,
    ...(staging ? { staging: staging.staging } : {}),
  });
  // Lenient: a hotspot that falls on a building or river cell at this cell size is left out with a warning.
  const fleetOptions: FleetOptions = {
    policy: spec.fleet.policy,
    setupS: spec.fleet.setupS,
    seed: spec.seed,
    lenient: true,
    hotspotAlarmDepthM: alarms.hotspotDepthM,
    sensorAlarmDepthM: alarms.roadDepthM,
    carClosureDepthM: alarms.carClosureDepthM,
    underpassClosureDepthM: alarms.underpassClosureDepthM,
  };
  // Where a hotspot's water stands: the cell its alarm reads.
  const hotspotCells = Int32Array.from(district.hotspots, (h) => readingCell(grid, h.xy));
  return { stations, stage, engineOptions, fleetInput, fleetOptions, hotspotCells, alarms, trucks };
}
