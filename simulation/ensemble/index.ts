// Public face of ensembles: the spec and its schema, the members it expands to, and the aggregation over their
// records (per-cell maps, hotspot and fleet distributions, the fleet-size curve).
export { cellStats, type CellStats } from './cell-stats.ts';
export { distribution, finiteSorted, quantileSorted, tidy, type Distribution } from './distribution.ts';
export {
  ENSEMBLE_DEFAULTS,
  ENSEMBLE_KPIS,
  EnsembleSchema,
  LOWER_IS_BETTER_KPIS,
  type EnsembleInput,
  type EnsembleKpi,
} from './ensemble-schema.ts';
export { parseEnsemble, schemaProblem, type EnsembleSpec, type RecommendRule } from './ensemble-spec.ts';
export {
  ENSEMBLE_RESULT_SCHEMA,
  ensembleMaps,
  ensembleResult,
  type EnsembleMap,
  type EnsembleResult,
} from './ensemble-result.ts';
export { fleetSizeCurves, type CurvePoint, type FleetSizeCurve, type Recommendation } from './fleet-size-curve.ts';
export {
  FLEET_AXES,
  fleetOptionLabel,
  fleetOptionSummaries,
  hotspotSummaries,
  type FleetOptionSummary,
  type HotspotSummary,
  type MemberOutcome,
} from './member-summary.ts';
export {
  AXIS_KEY,
  AXIS_ORDER,
  drawWithoutReplacement,
  ensembleMembers,
  type DistrictFacts,
  type EnsembleMember,
} from './members.ts';
