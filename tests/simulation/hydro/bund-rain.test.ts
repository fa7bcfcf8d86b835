// The Bund rain-on-grid case both models run (make-bund-rain.ts): walls where buildings and river are, the storm's
// depth kept in both the CSV and LISFLOOD-FP's .rain series, hotspots inside the grid, and a short run that holds
// exactly the rain that fell.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { verb } from '../../../server/cli/verbs/flood.ts';
import { makeBundRain } from '../../fixtures/simulation/hydro/bund-rain/make-bund-rain.ts';

const dir = mkdtempSync(join(tmpdir(), 'bund-rain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Depth (mm) of a block series of (rate mm/h, start s) pairs up to `endS`. */
function depthMm(rows: [number, number][], endS: number): number {
  let mm = 0;
  for (let k = 0; k < rows.length; k++) {
    const next = k + 1 < rows.length ? rows[k + 1][1] : endS;
    mm += (rows[k][0] * (Math.min(next, endS) - Math.min(rows[k][1], endS))) / 3600;
  }
  return mm;
}

describe('the Bund rain-on-grid case', () => {
  it('writes the same terrain, storm and points for rivertwin flood and LISFLOOD-FP', async () => {
    const args = await makeBundRain(join(dir, 'case'), 40);
    const ours = parseEsriAscii(readFileSync(join(dir, 'case', 'dem.asc'), 'utf8'));
    const theirs = parseEsriAscii(readFileSync(join(dir, 'case', 'lisflood', 'bund.dem'), 'utf8'));
    let walls = 0;
    for (let i = 0; i < ours.values.length; i++) {
      if (ours.values[i] === -9999) {
        walls++;
        expect(theirs.values[i]).toBe(999);
      } else expect(theirs.values[i]).toBe(ours.values[i]);
    }
    expect(walls).toBeGreaterThan(ours.values.length * 0.05);
    const csv = readFileSync(join(dir, 'case', 'rain.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const ourRows = csv.map((l) => l.split(',').map(Number)).map(([t, r]) => [r, t] as [number, number]);
    const lines = readFileSync(join(dir, 'case', 'lisflood', 'bund.rain'), 'utf8')
      .trim()
      .split('\n')
      .slice(2);
    const lf = lines.map((l) => l.split('\t').map(Number) as [number, number]);
    // LISFLOOD-FP interpolates between its rows: pairs of equal rates make blocks, so both give the same depth.
    let lfMm = 0;
    for (let k = 0; k + 1 < lf.length && lf[k + 1][1] <= 10800; k++)
      lfMm += ((lf[k][0] + lf[k + 1][0]) / 2) * ((lf[k + 1][1] - lf[k][1]) / 3600);
    expect(lfMm).toBeCloseTo(depthMm(ourRows, 10800), 1);
    expect(depthMm(ourRows, 10800)).toBeGreaterThan(50);
    const points =
      readFileSync(join(dir, 'case', 'points.csv'), 'utf8')
        .trim()
        .split('\n').length - 1;
    expect(points).toBeGreaterThan(20);
    const out = join(dir, 'out');
    const short = args.map((a, k) => (args[k - 1] === '--duration' ? '900' : a));
    expect(await verb.run([...short, '--out', out, '--json'])).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.ledger.rainM3).toBeGreaterThan(0);
    expect(Math.abs(s.massErrorRelative)).toBeLessThan(1e-10);
  }, 300_000);
});
