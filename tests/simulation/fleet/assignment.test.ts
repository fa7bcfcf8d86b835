import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import { minCostAssignment } from '../../../simulation/fleet/index.ts';

/** Best (max pairs, then min cost) over every partial injective map rows → cols avoiding Infinity. */
function bruteForce(cost: Float64Array, rows: number, cols: number): { pairs: number; cost: number } {
  let best = { pairs: -1, cost: Infinity };
  const usedCol = new Uint8Array(cols);
  const visit = (r: number, pairs: number, sum: number): void => {
    if (r === rows) {
      if (pairs > best.pairs || (pairs === best.pairs && sum < best.cost - 1e-9)) best = { pairs, cost: sum };
      return;
    }
    visit(r + 1, pairs, sum);
    for (let c = 0; c < cols; c++) {
      const w = cost[r * cols + c];
      if (usedCol[c] || !(w < Infinity)) continue;
      usedCol[c] = 1;
      visit(r + 1, pairs + 1, sum + w);
      usedCol[c] = 0;
    }
  };
  visit(0, 0, 0);
  return best;
}

function randomCost(seed: number, rows: number, cols: number, forbiddenShare: number): Float64Array {
  const rnd = mulberry32(seed);
  return Float64Array.from({ length: rows * cols }, () =>
    rnd.next() < forbiddenShare ? Infinity : Math.round(rnd.next() * 1000) / 10,
  );
}

describe('minCostAssignment', () => {
  it('matches brute force on 300 random instances, square and rectangular, with forbidden pairs', () => {
    const rnd = mulberry32(42);
    let withForbidden = 0;
    for (let k = 0; k < 300; k++) {
      const rows = 1 + rnd.int(6);
      const cols = 1 + rnd.int(6);
      const cost = randomCost(1000 + k, rows, cols, k % 3 === 0 ? 0 : 0.5);
      const got = minCostAssignment(cost, rows, cols);
      const want = bruteForce(cost, rows, cols);
      expect(got.pairs, `instance ${k}`).toBe(want.pairs);
      expect(got.cost, `instance ${k}`).toBeCloseTo(want.cost, 9);
      // The reported pairs are consistent, allowed, and add up to the reported cost.
      let sum = 0;
      let pairs = 0;
      for (let r = 0; r < rows; r++) {
        const c = got.rowToCol[r];
        if (c < 0) continue;
        expect(got.colToRow[c]).toBe(r);
        expect(cost[r * cols + c]).toBeLessThan(Infinity);
        sum += cost[r * cols + c];
        pairs++;
      }
      expect(pairs).toBe(got.pairs);
      expect(sum).toBeCloseTo(got.cost, 9);
      if (want.pairs < Math.min(rows, cols)) withForbidden++;
    }
    // Some instances could not be fully matched: the forbidden-pair path is exercised.
    expect(withForbidden).toBeGreaterThan(10);
  });

  it('solves a hand-checked 3 × 3 where the greedy choice is wrong', () => {
    // Greedy takes (0,0)=1 then must pay 100 somewhere; optimal is 2 + 2 + 3 = 7.
    const cost = Float64Array.from([1, 2, 100, 2, 100, 100, 100, 100, 3]);
    const got = minCostAssignment(cost, 3, 3);
    expect([...got.rowToCol]).toEqual([1, 0, 2]);
    expect(got.cost).toBe(7);
  });

  it('leaves rows unassigned when every column they could take is forbidden', () => {
    const cost = Float64Array.from([Infinity, Infinity, 5, 1]);
    const got = minCostAssignment(cost, 2, 2);
    expect([...got.rowToCol]).toEqual([-1, 1]);
    expect(got.pairs).toBe(1);
    expect(got.cost).toBe(1);
  });

  it('handles empty problems and rejects negative costs', () => {
    expect(minCostAssignment(new Float64Array(0), 0, 4).pairs).toBe(0);
    expect(minCostAssignment(new Float64Array(0), 3, 0).rowToCol).toEqual(new Int32Array([-1, -1, -1]));
    expect(() => minCostAssignment(Float64Array.from([-1]), 1, 1)).toThrow(/negative/);
  });
});
