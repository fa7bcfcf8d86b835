import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

describe('rivertwin inspect', () => {
  it('prints one JSON object summarising the bundled district', () => {
    const r = runCli(['inspect', 'datasets/shanghai-bund', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.buildings).toBeGreaterThanOrEqual(1400);
    expect(s.heightsInferred).toBeGreaterThan(0);
    expect(s.roadNodes).toBeGreaterThan(500);
    expect(s.roadEdges).toBeGreaterThan(s.roadNodes);
    expect(s.largestComponentShare).toBeGreaterThanOrEqual(0.95);
    expect(s.waterBodies).toBeGreaterThan(0);
    for (const k of ['total', 'rain', 'riverLevel', 'roadWater']) expect(typeof s.sensors[k]).toBe('number');
    expect(typeof s.hotspots).toBe('number');
    expect(typeof s.fleet.trucks).toBe('number');
    expect(s.extentM.width).toBeGreaterThan(3500);
    expect(s.extentDeg.minLon).toBeGreaterThan(121.47);
    expect(s.extentDeg.maxLon).toBeLessThan(121.53);
    expect(s.grid.cellM).toBe(5);
    expect(s.grid.nx * s.grid.ny).toBe(s.grid.cells);
    expect(s.terrain).toBe('modelled');
    expect(s.attribution).toMatch(/OpenStreetMap/);
  });

  it('prints a readable summary that says the terrain is modelled', () => {
    const r = runCli(['inspect', 'datasets/shanghai-bund']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/buildings\s+1,4\d\d/);
    expect(r.stdout).toMatch(/MODELLED/);
  });

  it('fails with a clear message on a folder without a manifest, and on an unknown verb', () => {
    const r = runCli(['inspect', 'datasets']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/datasets\/district\.json: no district\.json\. Fix:/);
    const u = runCli(['inspekt']);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/unknown verb "inspekt"/);
  });
});
