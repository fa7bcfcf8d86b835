// Dispatch policies behind one interface: given the trucks free to send, the cases waiting, their travel-time matrix
// and the cases' priorities, say which truck goes where. Nearest available, optimal assignment, or manual (operator).
import { minCostAssignment } from './assignment.ts';

/** The problem a policy solves at one control step. */
export interface DispatchProblem {
  /** Number of candidate trucks (rows) and waiting cases (columns). */
  trucks: number;
  cases: number;
  /** Travel time (s) truck × case, row-major; Infinity when no open road leads there. */
  timeS: ArrayLike<number>;
  /** Priority of each case (depth × exposure, raised when escalated); higher is served first. */
  priority: ArrayLike<number>;
  /** Tie-break order of cases (e.g. opening time, s): earlier first among equal priorities. */
  openedS: ArrayLike<number>;
}

/** A policy: returns for each truck the case (column) it should serve, or -1 to stay free. */
export interface DispatchPolicy {
  /** 'nearest', 'optimal' or 'manual'; recorded on case.dispatched events. */
  readonly name: string;
  /** False for the manual policy: only operator commands send trucks. */
  readonly automatic: boolean;
  assign(problem: DispatchProblem): Int32Array;
}

/** Cases in the order they are served: priority descending, then opened earlier, then column. */
export function caseOrder(problem: DispatchProblem): number[] {
  const { priority, openedS } = problem;
  return Array.from({ length: problem.cases }, (_, j) => j).sort(
    (a, b) => priority[b] - priority[a] || openedS[a] - openedS[b] || a - b,
  );
}

/**
 * Nearest available: the most urgent case first takes the nearest truck still free (fastest by travel time, ties to
 * the lower row), then the next case, and so on. A case no free truck can reach is skipped.
 */
export function nearestAvailablePolicy(): DispatchPolicy {
  return {
    name: 'nearest',
    automatic: true,
    assign(problem) {
      const out = new Int32Array(problem.trucks).fill(-1);
      for (const j of caseOrder(problem)) {
        let best = -1;
        let bestS = Infinity;
        for (let i = 0; i < problem.trucks; i++) {
          const t = problem.timeS[i * problem.cases + j];
          if (out[i] < 0 && t < bestS) {
            best = i;
            bestS = t;
          }
        }
        if (best >= 0) out[best] = j;
      }
      return out;
    },
  };
}

/** Options of the optimal policy. */
export interface OptimalPolicyOptions {
  /**
   * What leaving a case unserved this step costs, as a travel time (s) weighted by its priority like a real one.
   * A case farther than this from every free truck is left for later. Default 7200 s.
   */
  unservedPenaltyS?: number;
}

/**
 * Optimal assignment: minimises Σ priority × travel time over the served cases plus Σ priority × unservedPenaltyS over
 * the unserved ones, so urgent cases are served first and, among those, the total priority-weighted response time is
 * least. Solved exactly with the Hungarian algorithm on trucks × (cases + "stay free" columns); unreachable pairs are
 * forbidden. Handles more cases than trucks and more trucks than cases.
 */
export function optimalAssignmentPolicy(options: OptimalPolicyOptions = {}): DispatchPolicy {
  const penaltyS = options.unservedPenaltyS ?? 7200;
  return {
    name: 'optimal',
    automatic: true,
    assign(problem) {
      const { cost, rows, cols } = dispatchCostMatrix(problem, penaltyS);
      const solved = minCostAssignment(cost, rows, cols);
      const out = new Int32Array(problem.trucks).fill(-1);
      for (let i = 0; i < problem.trucks; i++) {
        const j = solved.rowToCol[i];
        if (j >= 0 && j < problem.cases) out[i] = j;
      }
      return out;
    },
  };
}

/**
 * The optimal policy's cost matrix: a row per truck, a column per case then one "stay free" column per truck.
 * The objective is Σ_all p·P + Σ_served p·(t − P) (P the penalty), so a truck sent to case j costs K + p_j·(t − P)
 * and staying free costs K, with K = P·max p keeping every cost ≥ 0: the same optimum as padding a square matrix
 * with an "unserved" row per case, on trucks rows instead of trucks + cases (O(trucks²·(trucks + cases))), so
 * hundreds of open cases stay cheap.
 */
export function dispatchCostMatrix(
  problem: DispatchProblem,
  unservedPenaltyS: number,
): { cost: Float64Array; rows: number; cols: number } {
  const { trucks: t, cases: c } = problem;
  const cols = c + t;
  const cost = new Float64Array(t * cols);
  let maxP = 0;
  for (let j = 0; j < c; j++) maxP = Math.max(maxP, problem.priority[j]);
  const k = maxP * unservedPenaltyS;
  for (let r = 0; r < t; r++) {
    for (let j = 0; j < c; j++) {
      const p = Math.max(0, problem.priority[j]);
      const time = problem.timeS[r * c + j];
      cost[r * cols + j] = time < Infinity ? Math.max(0, k + p * (time - unservedPenaltyS)) : Infinity;
    }
    cost.fill(k, r * cols + c, (r + 1) * cols);
  }
  return { cost, rows: t, cols };
}

/** The objective the optimal policy minimises, for an assignment (truck → case column or -1). */
export function dispatchObjective(
  problem: DispatchProblem,
  assignment: ArrayLike<number>,
  unservedPenaltyS: number,
): number {
  const served = new Uint8Array(problem.cases);
  let sum = 0;
  for (let i = 0; i < problem.trucks; i++) {
    const j = assignment[i];
    if (j < 0) continue;
    served[j] = 1;
    sum += Math.max(0, problem.priority[j]) * problem.timeS[i * problem.cases + j];
  }
  for (let j = 0; j < problem.cases; j++) {
    if (!served[j]) sum += Math.max(0, problem.priority[j]) * unservedPenaltyS;
  }
  return sum;
}

/** Manual: the policy never sends anyone; trucks move on operator commands only (drills). */
export function manualPolicy(): DispatchPolicy {
  return {
    name: 'manual',
    automatic: false,
    assign(problem) {
      return new Int32Array(problem.trucks).fill(-1);
    },
  };
}

/** The policy called `name`. */
export function policyByName(
  name: 'nearest' | 'optimal' | 'manual',
  options: OptimalPolicyOptions = {},
): DispatchPolicy {
  if (name === 'nearest') return nearestAvailablePolicy();
  if (name === 'optimal') return optimalAssignmentPolicy(options);
  return manualPolicy();
}
