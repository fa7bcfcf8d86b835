// Public face of the pump-truck fleet: trucks and cases, pre-positioning, dispatch policies, operator commands, the
// per-step controller that couples to the flood engine through pump sinks, and the KPIs.
export { minCostAssignment, type Assignment } from './assignment.ts';
export {
  CaseBook,
  DEFAULT_CASE_RULES,
  isActive,
  type AlarmSource,
  type Case,
  type CaseRules,
  type CaseState,
  type Site,
} from './cases.ts';
export { caseEtas, type CaseEtas, type TruckEta } from './case-etas.ts';
export { applyCommand } from './commands.ts';
export type { OperatorCommand, OperatorCommandKind } from './operator-command.ts';
export {
  caseOrder,
  dispatchCostMatrix,
  dispatchObjective,
  manualPolicy,
  nearestAvailablePolicy,
  optimalAssignmentPolicy,
  policyByName,
  type DispatchPolicy,
  type DispatchProblem,
  type OptimalPolicyOptions,
} from './dispatch.ts';
export {
  EventBuffer,
  type CaseSourceKind,
  type DischargeKind,
  type FleetEvent,
  type FleetEventType,
} from './events.ts';
export { FleetController, type FleetStepInput, type TruckView } from './fleet-controller.ts';
export { fastestArrivalS, fleetMatrix } from './fleet-matrix.ts';
export { HOTLINE_EXPOSURE, fileHotlineReports } from './hotline-reports.ts';
export type { FleetState, SavedSink } from './fleet-state.ts';
export {
  buildFleetWorld,
  makeSite,
  readingCell,
  type FleetInput,
  type FleetOptions,
  type FleetWorld,
  type ResolvedFleetOptions,
} from './fleet-setup.ts';
export { KpiRecorder, closedRoadKm, timeWeightedMean, type CaseKpi, type CaseTimes, type FleetKpis } from './kpis.ts';
export {
  forecastRiskWeights,
  pMedian,
  pMedianCost,
  pMedianExhaustive,
  pMedianGreedy,
  prePosition,
  stagingCandidates,
  type PMedianProblem,
  type PMedianResult,
  type PrePositionInput,
  type PrePositionPlan,
} from './pre-position.ts';
export {
  DEFAULT_HOSE_REACH_M,
  DEFAULT_SITE_RADIUS_M,
  drawSinks,
  meanDepthM,
  nearestDischarge,
  siteCells,
  sinkTakeM3,
  type DischargePoint,
  type PumpSink,
  type SiteGrid,
} from './pump-sink.ts';
export { SurfaceSnapper } from './surface-snapper.ts';
export { Truck, locationXY, type TruckHome, type TruckSpec, type TruckState } from './truck.ts';
