// The solver against analytic solutions: a lake at rest stays at rest over an uneven bed with buildings, and the
// moving wet/dry front of Hunter et al. (2005) / Bates et al. (2010) over a horizontal plane.
import { describe, expect, it } from 'vitest';
import { FloodEngine, hydrographFromPairs } from '../../../simulation/hydro/index.ts';
import { seededRandom } from './helpers.ts';

describe('lake at rest', () => {
  it('keeps a flat water surface still over an uneven bed, dry islands and buildings', () => {
    const nx = 60;
    const ny = 50;
    const n = nx * ny;
    const rnd = seededRandom(7);
    const bedM = new Float32Array(n);
    const depth = new Float64Array(n);
    const buildingMask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      bedM[i] = rnd() * 2; // 0–2 m; the surface at 1.5 m leaves a quarter of the cells dry
      depth[i] = Math.max(0, 1.5 - bedM[i]);
      if (rnd() < 0.03) buildingMask[i] = 1;
    }
    const run = new FloodEngine(
      { nx, ny, cellM: 2, bedM, manningN: 0.03, buildingMask, initialDepthM: depth },
      { trackMaxSpeed: true },
    );
    run.advanceTo(1800);
    expect(run.stats().steps).toBeGreaterThan(1000);
    let vMax = 0;
    for (const v of run.maxSpeedMPerS()) vMax = Math.max(vMax, v);
    expect(vMax).toBeLessThanOrEqual(1e-10);
    const h = run.depthM();
    for (let i = 0; i < n; i++) if (!buildingMask[i]) expect(Math.abs(h[i] - depth[i])).toBeLessThanOrEqual(1e-12);
  });
});

describe('moving wet/dry front over a horizontal plane', () => {
  // h(x, t) = (7/3 · n² · u² · (u·t − x))^(3/7) behind a front moving at u (Hunter et al. 2005, Bates et al. 2010),
  // fed at x = 0 with q = u · h(0, t). Stated tolerance: depth within 3 % of the solution from x = 0 to 600 m
  // behind the front, and the front (first cell under 1 cm) within 100 m (3 %) of u·t, at n = 0.03, dx = 5 m.
  const n = 0.03;
  const u = 1;
  const dx = 5;
  const tS = 3600;
  const h = (x: number, t: number) => (x < u * t ? Math.pow((7 / 3) * n * n * u * u * (u * t - x), 3 / 7) : 0);

  it('matches the analytic depth profile and front position', () => {
    const nx = 1000;
    const pairs: [number, number][] = [];
    for (let t = 0; t <= tS; t += 1) pairs.push([t, u * h(0, t) * dx]);
    const run = new FloodEngine(
      { nx, ny: 1, cellM: dx, bedM: new Float32Array(nx), manningN: n },
      { inflows: [{ name: 'q = u·h(0, t)', cells: [0], dischargeM3PerS: hydrographFromPairs(pairs, 'q') }] },
    );
    run.advanceTo(tS);
    const depth = run.depthM();
    let worst = 0;
    for (let c = 0; c * dx <= u * tS - 600; c++)
      worst = Math.max(worst, Math.abs(depth[c] - h(c * dx, tS)) / h(c * dx, tS));
    expect(worst).toBeLessThan(0.03);
    let front = 0;
    while (depth[front] > 0.01) front++;
    expect(Math.abs(front * dx - u * tS)).toBeLessThan(100);
    // Every cubic metre that came in is on the plane.
    const l = run.ledger();
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-9);
    expect(l.storedM3).toBeCloseTo(l.inflowM3, 6);
  });
});
