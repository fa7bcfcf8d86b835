// EA Test 5 (valley dam-break, Néelz & Pender 2013) through `rivertwin flood`, coarsened to 20 m so it runs in the
// suite, against LISFLOOD-FP 8.1 on the same 20 m case: the limits (depth RMSE at the 7 points ≤ 0.05 m,
// maximum depth within 0.25 m at 99 % of wet cells, no cell deeper than LISFLOOD-FP's maximum + 0.5 m), with mass
// conserved. The full 10 m case is `npm run --silent bench -- ea5 --json`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verb } from '../../../server/cli/verbs/flood.ts';
import { ea5Args, ea5Figures, ea5Reference } from './ea5-setup.ts';

const dir = mkdtempSync(join(tmpdir(), 'ea5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('EA Test 5 at 20 m through rivertwin flood', () => {
  it('matches LISFLOOD-FP at the points and in maximum depth, with no spurious peaks', async () => {
    const out = join(dir, 'out');
    expect(await verb.run([...ea5Args(join(dir, 'in'), out, 2), '--threads', '2', '--json'])).toBe(0);
    const f = ea5Figures(out, ea5Reference(20));
    console.log(`EA Test 5 at 20 m: ${JSON.stringify(f)}`);
    expect(f.wetCells).toBeGreaterThan(20_000);
    expect(f.pointRmseM).toBeLessThanOrEqual(0.05);
    expect(f.fractionWithin25cm).toBeGreaterThanOrEqual(0.99);
    expect(f.cellsAboveReferenceMaxPlus50cm).toBe(0);
    expect(f.maxDepthM).toBeLessThan(f.referenceMaxDepthM + 0.5);
    // The valley holds the 9.45 M m³ that came in, to rounding.
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.ledger.inflowM3).toBeCloseTo(9_450_000, 0);
    expect(Math.abs(summary.massErrorRelative)).toBeLessThan(1e-10);
  }, 900_000);
});
