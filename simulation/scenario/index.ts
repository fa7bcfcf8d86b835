// Public face of scenarios: the spec, the river stage, and the coupled flood–fleet loop.
export {
  M2_PERIOD_S,
  RIVER_PRESETS,
  stageAtS,
  stageHydrograph,
  validateRiverStage,
  type RiverStageSpec,
  type TideStage,
} from './river-stage.ts';
export {
  runScenario,
  type ControlStepHook,
  type HotspotPeak,
  type ScenarioResult,
  type ScenarioTwin,
} from './run-scenario.ts';
export { parseScenario, type ScenarioSpec } from './scenario-spec.ts';
export { stageFleet, type StagingPlan } from './stage-fleet.ts';
