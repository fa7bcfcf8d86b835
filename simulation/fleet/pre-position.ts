// Pre-positioning (预置) before the storm: choose where to stage N trucks among candidate points so the expected
// response time to the hotspots, weighted by forecast risk, is least (the p-median problem: greedy, then Teitz–Bart
// swaps), then send each truck to a chosen point by a min-cost assignment from where it is.
import { cellAt, type GridSpec } from '../../twin/grid/grid-spec.ts';
import type { Hotspot, XY } from '../../twin/types.ts';
import { SimulationError } from '../errors.ts';
import { atNode, travelTimeMatrix, type RoadLocation, type RouteFinder } from '../roads/index.ts';
import { minCostAssignment } from './assignment.ts';
import { locationXY } from './truck.ts';

/** A p-median instance: open `p` of the candidates to serve weighted sites. */
export interface PMedianProblem {
  candidates: number;
  sites: number;
  /** Time (s) candidate × site, row-major; Infinity where unreachable. */
  timeS: ArrayLike<number>;
  /** Weight of each site (≥ 0), e.g. forecast risk. */
  weight: ArrayLike<number>;
  p: number;
  /** Time (s) charged for a site no chosen point reaches. Default 3600. */
  unreachableS?: number;
}

/** A p-median solution. */
export interface PMedianResult {
  /** Chosen candidates, ascending. */
  chosen: number[];
  /** For each site, the chosen candidate serving it (fastest; ties to the lower index). */
  assignment: Int32Array;
  /** Σ weight × time to the nearest chosen point (s, weighted). */
  cost: number;
  /** Improving swaps made by Teitz–Bart (0 for greedy or exhaustive). */
  swaps: number;
}

/** Σ weight × min over `chosen` of the (capped) time, and the serving candidate of each site. */
export function pMedianCost(
  problem: PMedianProblem,
  chosen: readonly number[],
): { cost: number; assignment: Int32Array } {
  const cap = problem.unreachableS ?? 3600;
  const assignment = new Int32Array(problem.sites).fill(-1);
  let cost = 0;
  for (let j = 0; j < problem.sites; j++) {
    let best = cap;
    for (const c of chosen) {
      const t = problem.timeS[c * problem.sites + j];
      if (t < best || (t === best && assignment[j] >= 0 && c < assignment[j])) {
        best = t;
        assignment[j] = c;
      }
    }
    cost += problem.weight[j] * best;
  }
  return { cost, assignment };
}

/** Greedy: add, one at a time, the candidate that lowers the cost most (ties to the lower index). */
export function pMedianGreedy(problem: PMedianProblem): PMedianResult {
  check(problem);
  const { candidates: n, sites: m, timeS, weight } = problem;
  const cap = problem.unreachableS ?? 3600;
  const p = Math.min(problem.p, n);
  const cur = new Float64Array(m).fill(cap);
  const chosen: number[] = [];
  const inSet = new Uint8Array(n);
  for (let k = 0; k < p; k++) {
    let best = -1;
    let bestCost = Infinity;
    for (let c = 0; c < n; c++) {
      if (inSet[c]) continue;
      let cost = 0;
      for (let j = 0; j < m; j++) {
        const t = timeS[c * m + j];
        cost += weight[j] * (t < cur[j] ? t : cur[j]);
      }
      if (cost < bestCost) [best, bestCost] = [c, cost];
    }
    inSet[best] = 1;
    chosen.push(best);
    for (let j = 0; j < m; j++) cur[j] = Math.min(cur[j], timeS[best * m + j]);
  }
  chosen.sort((a, b) => a - b);
  return { chosen, ...pMedianCost(problem, chosen), swaps: 0 };
}

/**
 * Greedy, then Teitz–Bart vertex substitution: for each candidate outside the set, in turn, make the best swap with a
 * chosen one if it lowers the cost; repeat passes until none does. A local optimum (no single swap improves).
 */
export function pMedian(problem: PMedianProblem): PMedianResult {
  const start = pMedianGreedy(problem);
  const { candidates: n, sites: m, timeS, weight } = problem;
  const cap = problem.unreachableS ?? 3600;
  const chosen = [...start.chosen];
  if (chosen.length === 0 || chosen.length === n) return start;
  const inSet = new Uint8Array(n);
  for (const c of chosen) inSet[c] = 1;
  // Nearest and second-nearest chosen time per site make each trial swap O(sites).
  const first = new Float64Array(m);
  const firstBy = new Int32Array(m);
  const second = new Float64Array(m);
  const refresh = (): number => {
    let cost = 0;
    for (let j = 0; j < m; j++) {
      let a = cap;
      let aBy = -1;
      let b = cap;
      for (const c of chosen) {
        const t = Math.min(timeS[c * m + j], cap);
        if (t < a) [b, a, aBy] = [a, t, c];
        else if (t < b) b = t;
      }
      first[j] = a;
      firstBy[j] = aBy;
      second[j] = b;
      cost += weight[j] * a;
    }
    return cost;
  };
  let cost = refresh();
  let swaps = 0;
  for (let improved = true; improved;) {
    improved = false;
    for (let add = 0; add < n; add++) {
      if (inSet[add]) continue;
      let bestOut = -1;
      let bestCost = cost * (1 - 1e-12) - 1e-9;
      for (const out of chosen) {
        let trial = 0;
        for (let j = 0; j < m; j++) {
          const keep = firstBy[j] === out ? second[j] : first[j];
          const t = timeS[add * m + j];
          trial += weight[j] * (t < keep ? t : keep);
        }
        if (trial < bestCost) [bestOut, bestCost] = [out, trial];
      }
      if (bestOut < 0) continue;
      chosen[chosen.indexOf(bestOut)] = add;
      inSet[bestOut] = 0;
      inSet[add] = 1;
      cost = refresh();
      swaps++;
      improved = true;
    }
  }
  chosen.sort((a, b) => a - b);
  return { chosen, ...pMedianCost(problem, chosen), swaps };
}

/** The exact optimum by trying every set of p candidates (ties to the lexicographically first). Small instances only. */
export function pMedianExhaustive(problem: PMedianProblem, maxSets = 2_000_000): PMedianResult {
  check(problem);
  const n = problem.candidates;
  const p = Math.min(problem.p, n);
  let sets = 1;
  for (let k = 0; k < p; k++) sets = (sets * (n - k)) / (k + 1);
  if (sets > maxSets) {
    throw new SimulationError(
      `${sets} sets of ${p} among ${n} candidates is too many to try`,
      { input: 'p-median', field: 'p' },
      'use pMedian (greedy with swaps)',
    );
  }
  const idx = Array.from({ length: p }, (_, k) => k);
  let best: PMedianResult = { chosen: [...idx], ...pMedianCost(problem, idx), swaps: 0 };
  for (;;) {
    let k = p - 1;
    while (k >= 0 && idx[k] === n - p + k) k--;
    if (k < 0) break;
    idx[k]++;
    for (let r = k + 1; r < p; r++) idx[r] = idx[r - 1] + 1;
    const trial = pMedianCost(problem, idx);
    if (trial.cost < best.cost) best = { chosen: [...idx], ...trial, swaps: 0 };
  }
  return best;
}

function check(problem: PMedianProblem): void {
  const { candidates, sites, timeS, weight, p } = problem;
  if (!(Number.isInteger(p) && p >= 0)) {
    throw new SimulationError(
      `p = ${p} is not a count`,
      { input: 'p-median', field: 'p' },
      'give the number of trucks to stage',
    );
  }
  if (timeS.length < candidates * sites || weight.length < sites) {
    throw new SimulationError(
      `matrix ${timeS.length} / weights ${weight.length} too short for ${candidates} × ${sites}`,
      { input: 'p-median', field: 'timeS' },
    );
  }
  for (let j = 0; j < sites; j++) {
    if (!(weight[j] >= 0))
      throw new SimulationError(
        `weight ${weight[j]} is negative`,
        { input: 'p-median', item: j, field: 'weight' },
        'give risks ≥ 0',
      );
  }
}

/** Forecast risk of each hotspot: its exposure × the forecast depth (m) in its cell, at least `floorM`. */
export function forecastRiskWeights(
  hotspots: readonly Hotspot[],
  forecastDepthM: ArrayLike<number>,
  grid: GridSpec,
  floorM = 0.01,
): Float64Array {
  return Float64Array.from(hotspots, (h) => {
    const c = cellAt(grid, h.xy[0], h.xy[1]);
    const d = c >= 0 && forecastDepthM[c] > 0 ? forecastDepthM[c] : 0;
    return h.exposure * Math.max(d, floorM);
  });
}

/**
 * Junctions within `radiusM` of any of `points` (e.g. hotspots and depots), as staging candidates, ascending. Junctions
 * inside road tunnels (every way out is a tunnel) are left out: nobody stages a truck underground.
 */
export function stagingCandidates(finder: RouteFinder, points: readonly XY[], radiusM: number): RoadLocation[] {
  const { csr } = finder.net;
  const out: RoadLocation[] = [];
  for (let v = 0; v < csr.nodeCount; v++) {
    let surface = false;
    for (let e = csr.outStart[v]; e < csr.outStart[v + 1] && !surface; e++) surface = csr.edgeTunnel[e] === 0;
    if (!surface) continue;
    if (points.some(([x, y]) => Math.hypot(csr.nodeX[v] - x, csr.nodeY[v] - y) <= radiusM)) out.push(atNode(v));
  }
  return out;
}

/** Where to stage a fleet. */
export interface PrePositionInput {
  /** Finder over a network whose travel times are already set to the forecast depth field. */
  finder: RouteFinder;
  vehicleClass: string | number;
  candidates: readonly RoadLocation[];
  hotspots: readonly RoadLocation[];
  /** Forecast risk per hotspot. */
  weights: ArrayLike<number>;
  /** The trucks to stage and where each is now. */
  trucks: readonly { id: string; from: RoadLocation }[];
  /** How many to stage (default all, at most the number of candidates). */
  count?: number;
  unreachableS?: number;
}

/** The staging plan. */
export interface PrePositionPlan {
  /** The p-median solution; its candidate indices refer to `candidates` below. */
  result: PMedianResult;
  /** The candidates kept (those some truck can reach). */
  candidates: RoadLocation[];
  /** Truck id → staging point (m), ready for FleetInput.staging. Trucks left out stay at their depots. */
  staging: Record<string, XY>;
  /** Risk-weighted mean time (s) from the nearest staged point to a hotspot (capped at unreachableS). */
  expectedResponseS: number;
}

/**
 * Solves the p-median on the forecast travel times over the candidates some truck can reach, and assigns trucks to the
 * chosen points by least total drive (Hungarian). Candidates no truck can reach under the forecast are dropped.
 */
export function prePosition(input: PrePositionInput): PrePositionPlan {
  const { finder, vehicleClass, hotspots, weights, trucks } = input;
  // 1. Candidates reachable from at least one truck's position.
  const allDrive = travelTimeMatrix(
    finder,
    vehicleClass,
    trucks.map((t) => t.from),
    input.candidates,
  );
  const candidates = input.candidates.filter((_, c) =>
    trucks.some((_t, i) => allDrive[i * input.candidates.length + c] < Infinity),
  );
  // 2. The p-median over them.
  const count = Math.min(input.count ?? trucks.length, trucks.length, candidates.length);
  const timeS = travelTimeMatrix(finder, vehicleClass, candidates, hotspots);
  const problem = {
    candidates: candidates.length,
    sites: hotspots.length,
    timeS,
    weight: weights,
    p: count,
    unreachableS: input.unreachableS,
  };
  const result = pMedian(problem);
  // 3. Trucks to the chosen points.
  const points = result.chosen.map((c) => candidates[c]);
  const drive = travelTimeMatrix(
    finder,
    vehicleClass,
    trucks.map((t) => t.from),
    points,
  );
  const assigned = minCostAssignment(drive, trucks.length, points.length);
  const staging: Record<string, XY> = {};
  trucks.forEach((t, i) => {
    if (assigned.rowToCol[i] >= 0) staging[t.id] = locationXY(finder.net, points[assigned.rowToCol[i]]);
  });
  let totalWeight = 0;
  for (let j = 0; j < hotspots.length; j++) totalWeight += weights[j];
  return { result, candidates, staging, expectedResponseS: totalWeight > 0 ? result.cost / totalWeight : NaN };
}
