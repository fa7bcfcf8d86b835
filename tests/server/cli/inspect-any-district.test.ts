// `inspect` on districts it has never seen: the JSON says where the district is, where its ground comes from and
// what its grid will cost; --lenient reaches the DEM-coverage check; --clip cuts; a grid too large is refused first.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const fixture = (name: string) => `tests/fixtures/twin/district/${name}/in`;

describe('rivertwin inspect on any district', () => {
  it('fails on a DEM that covers part of the district, naming --lenient; --lenient fills and reports it', () => {
    // The user-defined TM DEM covers 40 × 30 m; the roads run 35 m north-south.
    const strict = runCli(['inspect', fixture('dem-user-defined-tm'), '--json']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/dem\.tif, field "terrain": \d+ of \d+ grid cells .* have no elevation/);
    expect(strict.stderr).toMatch(/--lenient on the command line, or "lenient": true in district\.json/);
    const r = runCli(['inspect', fixture('dem-user-defined-tm'), '--json', '--lenient']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.origin).toEqual({ lon: 4.33599, lat: 52.00921 });
    expect(s.extentLonLat).toHaveLength(4);
    expect(s.extentLonLat[0]).toBeCloseTo(4.3357, 4);
    expect(s.terrain).toBe('dem.tif');
    expect(s.terrainProvenance).toMatch(/^DEM dem\.tif \(user-defined Transverse Mercator: \+proj=tmerc /);
    expect(s.estimate).toEqual({
      cells: s.grid.cells,
      memoryMB: expect.any(Number),
      secondsPerSimHour: expect.any(Number),
    });
    expect(s.warnings.some((w: string) => /have no elevation.*filled/.test(w))).toBe(true);
  });

  it('clips with --clip and says what it kept', () => {
    const r = runCli(['inspect', fixture('compressed-sources'), '--json', '--clip', '4.3356,52.009,4.3359,52.0092']);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.buildings).toBe(1);
    expect(
      s.warnings.some((w: string) =>
        /clipped to lon 4\.3356–4\.3359, lat 52\.009–52\.0092: kept 1 of 2 buildings/.test(w),
      ),
    ).toBe(true);
    const bad = runCli(['inspect', fixture('compressed-sources'), '--clip', '52.009,4.3356']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--clip 52\.009,4\.3356: give minLon,minLat,maxLon,maxLat/);
  });

  it('refuses a grid that would not fit in memory before building it, with the estimate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivertwin-huge-'));
    writeFileSync(
      join(dir, 'district.json'),
      JSON.stringify({
        schema: 'rivertwin.district/1',
        id: 'huge',
        name: 'huge',
        sources: [{ role: 'roads', file: 'roads.geojson' }],
        terrain: { flat: { elevationM: 0 } },
      }),
    );
    const road = (a: number[], b: number[]) => ({
      type: 'Feature',
      properties: { highway: 'primary' },
      geometry: { type: 'LineString', coordinates: [a, b] },
    });
    // Two roads 120 km apart on a diagonal: at 0.5 m that is tens of billions of cells.
    writeFileSync(
      join(dir, 'roads.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [road([4.0, 51.6], [4.01, 51.6]), road([5.2, 52.4], [5.21, 52.4])],
      }),
    );
    const r = runCli(['inspect', dir, '--cell', '0.5']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /field "grid\.cellM": a [\d,]+ × [\d,]+ grid at 0\.5 m: [\d,]+ cells, about [\d,]+ MB and [\d,]+ s per simulated hour, which does not fit in the [\d,]+ MB available\. Fix: use cells of at least [\d.]+ m/,
    );
  });
});
