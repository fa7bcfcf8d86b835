import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import {
  dispatchObjective,
  manualPolicy,
  nearestAvailablePolicy,
  optimalAssignmentPolicy,
  type DispatchProblem,
} from '../../../simulation/fleet/index.ts';

const PENALTY_S = 7200;

function problem(timeS: number[][], priority: number[]): DispatchProblem {
  return {
    trucks: timeS.length,
    cases: priority.length,
    timeS: Float64Array.from(timeS.flat()),
    priority: Float64Array.from(priority),
    openedS: Float64Array.from(priority, (_, j) => j),
  };
}

/** The least objective over every assignment of trucks to distinct reachable cases (or none). */
function bruteForceObjective(p: DispatchProblem): number {
  let best = Infinity;
  const plan = new Int32Array(p.trucks).fill(-1);
  const taken = new Uint8Array(p.cases);
  const visit = (i: number): void => {
    if (i === p.trucks) {
      best = Math.min(best, dispatchObjective(p, plan, PENALTY_S));
      return;
    }
    plan[i] = -1;
    visit(i + 1);
    for (let j = 0; j < p.cases; j++) {
      if (taken[j] || !(p.timeS[i * p.cases + j] < Infinity)) continue;
      taken[j] = 1;
      plan[i] = j;
      visit(i + 1);
      taken[j] = 0;
    }
    plan[i] = -1;
  };
  visit(0);
  return best;
}

function checkPlan(p: DispatchProblem, plan: Int32Array): void {
  const seen = new Set<number>();
  plan.forEach((j, i) => {
    if (j < 0) return;
    expect(seen.has(j), `case ${j} assigned twice`).toBe(false);
    seen.add(j);
    expect(p.timeS[i * p.cases + j], `truck ${i} sent where it cannot go`).toBeLessThan(Infinity);
  });
}

describe('optimal assignment policy', () => {
  it('reaches the brute-force optimum on 400 random instances (more cases than trucks, more trucks than cases, unreachable pairs)', () => {
    const rnd = mulberry32(7);
    const policy = optimalAssignmentPolicy({ unservedPenaltyS: PENALTY_S });
    let moreCases = 0;
    let moreTrucks = 0;
    for (let k = 0; k < 400; k++) {
      const trucks = rnd.int(6);
      const cases = rnd.int(6);
      const timeS = Array.from({ length: trucks }, () =>
        Array.from({ length: cases }, () => (rnd.next() < 0.25 ? Infinity : 30 + rnd.int(3000))),
      );
      const priority = Array.from({ length: cases }, () => 0.05 + rnd.int(20) / 10);
      const p = problem(timeS, priority);
      const plan = policy.assign(p);
      checkPlan(p, plan);
      expect(dispatchObjective(p, plan, PENALTY_S), `instance ${k}`).toBeCloseTo(bruteForceObjective(p), 6);
      if (cases > trucks) moreCases++;
      if (trucks > cases) moreTrucks++;
    }
    expect(moreCases).toBeGreaterThan(50);
    expect(moreTrucks).toBeGreaterThan(50);
  });

  it('serves the underpass first when one truck must choose, even though the road case is nearer', () => {
    // Case 0: a road, 0.3 m × exposure 1, 120 s away. Case 1: an underpass, 0.3 m × exposure 3, 300 s away.
    const p = problem([[120, 300]], [0.3, 0.9]);
    expect([...optimalAssignmentPolicy().assign(p)]).toEqual([1]);
    expect([...nearestAvailablePolicy().assign(p)]).toEqual([1]);
  });

  it('beats nearest-available where the nearest truck is needed elsewhere', () => {
    // Truck 0 is near both cases; truck 1 only near case 1. Nearest-available sends truck 0 to the urgent case 1
    // and truck 1 the long way to case 0; the optimum swaps them.
    const p = problem(
      [
        [60, 50],
        [1500, 70],
      ],
      [1, 1.2],
    );
    const nearest = nearestAvailablePolicy().assign(p);
    const optimal = optimalAssignmentPolicy().assign(p);
    expect([...nearest]).toEqual([1, 0]);
    expect([...optimal]).toEqual([0, 1]);
    expect(dispatchObjective(p, optimal, PENALTY_S)).toBeLessThan(dispatchObjective(p, nearest, PENALTY_S));
  });

  it('leaves a case nobody can reach unassigned, and a case beyond the penalty for later', () => {
    const p = problem([[Infinity, 9000, 100]], [2, 1, 0.5]);
    expect([...optimalAssignmentPolicy({ unservedPenaltyS: 7200 }).assign(p)]).toEqual([2]);
  });
});

describe('nearest available policy', () => {
  it('takes cases by priority, then opening time, each the fastest free truck', () => {
    const p = problem(
      [
        [100, 200, 300],
        [150, 120, 50],
        [Infinity, 400, Infinity],
      ],
      [1, 2, 1],
    );
    // Case 1 (priority 2) first: truck 1 (120 s). Case 0: truck 0 (100 s). Case 2: only truck 0/1 reach it, both taken.
    expect([...nearestAvailablePolicy().assign(p)]).toEqual([0, 1, -1]);
  });
});

describe('manual policy', () => {
  it('never sends anyone', () => {
    const p = problem([[10, 20]], [1, 1]);
    const policy = manualPolicy();
    expect(policy.automatic).toBe(false);
    expect([...policy.assign(p)]).toEqual([-1]);
  });
});
