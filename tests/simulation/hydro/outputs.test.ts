// Outputs: snapshots at the output interval, maximum depth, time of first wetting, maximum speed, point series.
import { describe, expect, it } from 'vitest';
import { FloodEngine, hydrographFromPairs } from '../../../simulation/hydro/index.ts';

describe('outputs', () => {
  it('records snapshots, maxima, wetting times, speeds and point series as water spreads from a source', () => {
    const nx = 40;
    const ny = 10;
    const snapshots: { tS: number; volumeM3: number }[] = [];
    const run = new FloodEngine(
      { nx, ny, cellM: 5, bedM: new Float32Array(nx * ny), manningN: 0.03 },
      {
        inflows: [
          {
            name: 'source',
            cells: [5 * nx],
            dischargeM3PerS: hydrographFromPairs(
              [
                [0, 2],
                [600, 2],
                [601, 0],
              ],
              'q',
            ),
          },
        ],
        outputEveryS: 100,
        trackMaxSpeed: true,
        points: [
          { name: 'near', cell: 5 * nx + 2 },
          { name: 'far', cell: 5 * nx + 39 },
        ],
        onOutput: (tS, depth) => snapshots.push({ tS, volumeM3: depth.reduce((s, d) => s + d, 0) * 25 }),
      },
    );
    run.advanceTo(900);
    // One snapshot at the first step ending at or after each 100 s mark.
    expect(snapshots.map((s) => Math.floor(s.tS / 100))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const s of snapshots) expect(s.tS % 100).toBeLessThan(5);
    expect(snapshots[8].volumeM3).toBeCloseTo(2 * 600 + 1, 6); // closed edges: all 1,201 m³ is still there
    const first = run.firstWetS();
    const near = first[5 * nx + 2];
    const mid = first[5 * nx + 20];
    expect(near).toBeGreaterThan(0);
    expect(mid).toBeGreaterThan(near);
    const max = run.maxDepthM();
    const depth = run.depthM();
    for (let i = 0; i < nx * ny; i++) expect(max[i]).toBeGreaterThanOrEqual(depth[i]);
    expect(Math.max(...run.maxSpeedMPerS())).toBeGreaterThan(0.01);
    const p = run.points();
    expect(p.names).toEqual(['near', 'far']);
    expect(p.timesS[0]).toBe(0);
    expect(p.depthsM.length).toBe(p.timesS.length);
    expect(p.depthsM.at(-1)![0]).toBeGreaterThan(0);
  });
});
