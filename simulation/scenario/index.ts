// Public face of scenarios: the spec, the river stage, the steppable coupled run (ScenarioRun), its events, view and
// commands, and the one-call loop.
export {
  M2_PERIOD_S,
  resolveRiverStage,
  stageAtS,
  stageHydrograph,
  validateRiverStage,
  type RiverStageSpec,
  type SeriesStage,
  type TideStage,
} from './river-stage.ts';
export { fleetOfSize } from './fleet-size.ts';
export { RUN_COMMAND_KINDS, type PumpCommand, type RunCommand } from './run-commands.ts';
export type { AlarmLevel, RiverLevel, RunEvent, RunEventType, RunOwnEvent, UnnumberedEvent } from './run-events.ts';
export {
  runScenario,
  scenarioResult,
  type ControlStepHook,
  type HotspotPeak,
  type ScenarioResult,
} from './run-scenario.ts';
export { buildView, type CaseOnMap, type RunView, type TruckOnMap } from './run-view.ts';
export { RunWatch, type SensorReading, type WatchState } from './run-watch.ts';
export { ScenarioRun, type CommandAnswer, type IssuedCommand } from './scenario-run.ts';
export { placeScenario, setUpScenario, type ScenarioSetup, type ScenarioTwin } from './scenario-setup.ts';
export {
  COMMAND_SCHEMAS,
  QUICK_SCENARIO,
  RAIN_SCHEMAS,
  RIVER_SCHEMAS,
  SCENARIO_DEFAULTS,
  ScenarioSchema,
  type ScenarioInput,
} from './scenario-schema.ts';
export { commandProblem, parseScenario, type ScenarioSpec } from './scenario-spec.ts';
export { scenarioWarnings } from './scenario-warnings.ts';
export { stageFleet, type StagingPlan } from './stage-fleet.ts';
