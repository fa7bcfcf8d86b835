import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import { FloodAwareNetwork, RouteFinder, atNode } from '../../../simulation/roads/index.ts';
import {
  pMedian,
  pMedianCost,
  pMedianExhaustive,
  pMedianGreedy,
  prePosition,
  stagingCandidates,
  type PMedianProblem,
} from '../../../simulation/fleet/index.ts';
import { lineGraph } from '../../helpers/road-graph-fixtures.ts';

function randomProblem(seed: number): PMedianProblem {
  const rnd = mulberry32(seed);
  const candidates = 4 + rnd.int(7);
  const sites = 3 + rnd.int(10);
  // Points in a square, times proportional to distance: metric instances like a road network's.
  const cand = Array.from({ length: candidates }, () => [rnd.next() * 3000, rnd.next() * 3000]);
  const site = Array.from({ length: sites }, () => [rnd.next() * 3000, rnd.next() * 3000]);
  const timeS = new Float64Array(candidates * sites);
  cand.forEach(([x, y], i) =>
    site.forEach(([u, v], j) => {
      timeS[i * sites + j] = rnd.next() < 0.1 ? Infinity : Math.hypot(x - u, y - v) / 8;
    }),
  );
  return {
    candidates,
    sites,
    timeS,
    weight: Float64Array.from({ length: sites }, () => rnd.next() * 3),
    p: 1 + rnd.int(Math.min(4, candidates)),
    unreachableS: 3600,
  };
}

describe('p-median', () => {
  it('greedy + Teitz–Bart finds the brute-force optimum on small random instances (and never beats it)', () => {
    let optimal = 0;
    let worst = 0;
    const n = 300;
    for (let k = 0; k < n; k++) {
      const problem = randomProblem(500 + k);
      const exact = pMedianExhaustive(problem);
      const heuristic = pMedian(problem);
      expect(heuristic.chosen.length).toBe(Math.min(problem.p, problem.candidates));
      expect(heuristic.cost).toBeGreaterThanOrEqual(exact.cost - 1e-6);
      expect(heuristic.cost).toBeCloseTo(pMedianCost(problem, heuristic.chosen).cost, 6);
      if (heuristic.cost <= exact.cost + 1e-6) optimal++;
      worst = Math.max(worst, heuristic.cost / exact.cost - 1);
    }
    // Teitz–Bart is a local search: it is exact on nearly all of these, and close on the rest.
    expect(optimal / n).toBeGreaterThanOrEqual(0.95);
    expect(worst).toBeLessThan(0.1);
  });

  it('ends at a local optimum: no single swap lowers the cost', () => {
    for (let k = 0; k < 40; k++) {
      const problem = randomProblem(900 + k);
      const { chosen, cost } = pMedian(problem);
      for (let out = 0; out < chosen.length; out++) {
        for (let add = 0; add < problem.candidates; add++) {
          if (chosen.includes(add)) continue;
          const trial = chosen.map((c, i) => (i === out ? add : c));
          expect(pMedianCost(problem, trial).cost).toBeGreaterThanOrEqual(cost - 1e-6);
        }
      }
    }
  });

  it('improves on greedy where greedy is trapped (hand-checked)', () => {
    // Sites at x = 0, 1, 9, 10 (weights 1); candidates at x = 0.5, 5, 9.5; time = distance.
    // Greedy with p = 2 first takes the middle (5, cost 18), then 0.5 (cost 0.5 + 0.5 + 4 + 5 = 10);
    // the optimum is {0.5, 9.5}, cost 2, one swap away.
    const cand = [0.5, 5, 9.5];
    const sites = [0, 1, 9, 10];
    const problem: PMedianProblem = {
      candidates: 3,
      sites: 4,
      timeS: Float64Array.from(cand.flatMap((c) => sites.map((s) => Math.abs(c - s)))),
      weight: Float64Array.from([1, 1, 1, 1]),
      p: 2,
    };
    const greedy = pMedianGreedy(problem);
    expect(greedy.chosen).toContain(1);
    expect(greedy.cost).toBeCloseTo(10, 9);
    const swapped = pMedian(problem);
    expect(swapped.chosen).toEqual([0, 2]);
    expect(swapped.cost).toBeCloseTo(2, 9);
    expect(swapped.swaps).toBe(1);
    expect([...swapped.assignment]).toEqual([0, 0, 2, 2]);
  });

  it('charges unreachable sites the cap, and refuses an impossible exhaustive search', () => {
    const problem: PMedianProblem = {
      candidates: 2,
      sites: 2,
      timeS: Float64Array.from([10, Infinity, 20, Infinity]),
      weight: Float64Array.from([1, 2]),
      p: 1,
      unreachableS: 1000,
    };
    expect(pMedian(problem).cost).toBe(10 + 2 * 1000);
    const big = { ...randomProblem(1), candidates: 60, sites: 1, timeS: new Float64Array(60), weight: [1], p: 10 };
    expect(() => pMedianExhaustive(big)).toThrow(/too many/);
  });
});

describe('prePosition', () => {
  it('stages trucks on a line to halve the worst response, each truck to the nearer chosen point', () => {
    // n0 … n8, 100 m apart at 10 m/s. Hotspots at n1 and n7 (equal risk); candidates every junction.
    const net = FloodAwareNetwork.fromGraph(lineGraph(9, 100));
    const finder = new RouteFinder(net);
    const candidates = stagingCandidates(
      finder,
      [
        [0, 0],
        [800, 0],
      ],
      1000,
    );
    expect(candidates.length).toBe(9);
    const plan = prePosition({
      finder,
      vehicleClass: 'pumpTruck',
      candidates,
      hotspots: [atNode(1), atNode(7)],
      weights: [1, 1],
      trucks: [
        { id: 'A', from: atNode(8) },
        { id: 'B', from: atNode(0) },
      ],
    });
    expect(plan.result.chosen).toEqual([1, 7]);
    expect(plan.expectedResponseS).toBe(0);
    // B starts at n0, nearer n1; A at n8, nearer n7.
    expect(plan.staging).toEqual({ A: [700, 0], B: [100, 0] });
  });
});
