// Pre-positioning (预置) before the storm: the forecast maximum depth sets road travel times and hotspot risk, and
// the p-median over staging points near hotspots and depots decides where each truck waits.
import type { Depot, Hotspot, PumpTruck, XY } from '../../twin/types.ts';
import type { Grid } from '../../twin/grid/index.ts';
import type { RoadGraph } from '../../twin/road-graph/index.ts';
import { forecastRiskWeights, prePosition, stagingCandidates, SurfaceSnapper } from '../fleet/index.ts';
import { FloodAwareNetwork, RouteFinder, type RoadLocation } from '../roads/index.ts';

/** Where the trucks wait, and the risk-weighted mean response time (s) that buys. */
export interface StagingPlan {
  staging: Record<string, XY>;
  expectedResponseS: number;
}

/**
 * Stages the fleet for a forecast maximum depth field.
 * @param forecastMaxDepthM per grid cell (m), e.g. the maximum of a forecast run of the coming storm
 * @param candidateRadiusM staging points are junctions within this distance of a hotspot or a depot
 */
export function stageFleet(
  graph: RoadGraph,
  grid: Grid,
  trucks: readonly PumpTruck[],
  depots: readonly Depot[],
  hotspots: readonly Hotspot[],
  forecastMaxDepthM: ArrayLike<number>,
  candidateRadiusM = 150,
): StagingPlan {
  const net = FloodAwareNetwork.fromGraph(graph, { grid });
  net.update(Float32Array.from(forecastMaxDepthM), 0);
  const finder = new RouteFinder(net);
  const snapper = new SurfaceSnapper(net.csr);
  const located = hotspots
    .map((h, k) => ({ k, at: snapper.trySnap(h.xy[0], h.xy[1], 200) }))
    .filter((x): x is { k: number; at: NonNullable<typeof x.at> } => x.at !== null);
  const allWeights = forecastRiskWeights(hotspots, forecastMaxDepthM, grid);
  const depotAt = new Map<string, RoadLocation>();
  for (const d of depots) {
    const at = snapper.trySnap(d.xy[0], d.xy[1], 200);
    if (at) depotAt.set(d.id, at);
  }
  const movable = trucks.filter((t) => depotAt.has(t.depotId));
  const plan = prePosition({
    finder,
    vehicleClass: 'pumpTruck',
    candidates: stagingCandidates(finder, [...hotspots.map((h) => h.xy), ...depots.map((d) => d.xy)], candidateRadiusM),
    hotspots: located.map((x) => x.at),
    weights: Float64Array.from(located, (x) => allWeights[x.k]),
    trucks: movable.map((t) => ({ id: t.id, from: depotAt.get(t.depotId)! })),
  });
  return { staging: plan.staging, expectedResponseS: plan.expectedResponseS };
}
