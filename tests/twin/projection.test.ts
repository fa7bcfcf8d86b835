import { describe, expect, it } from 'vitest';
import { assertPlausible, createLocalFrame, projectorFor, resolveCrs } from '../../twin/projection/index.ts';

describe('projection', () => {
  const frame = createLocalFrame(121.5, 31.24);

  it('puts the origin at (0, 0) and measures true metres east and north', () => {
    const p = projectorFor('EPSG:4326', frame);
    const [x0, y0] = p.toLocal(121.5, 31.24);
    expect(Math.abs(x0)).toBeLessThan(1e-6);
    expect(Math.abs(y0)).toBeLessThan(1e-6);
    // One arc-minute of latitude is about 1,848 m at 31° N on WGS84.
    const [, y] = p.toLocal(121.5, 31.24 + 1 / 60);
    expect(y).toBeGreaterThan(1846);
    expect(y).toBeLessThan(1850);
  });

  it('round-trips WGS84 and a national grid (EPSG:7415 given as a CityJSON URL)', () => {
    const wgs = projectorFor('EPSG:4326', frame);
    const back = wgs.fromLocal(...wgs.toLocal(121.49, 31.25));
    expect(back[0]).toBeCloseTo(121.49, 9);
    expect(back[1]).toBeCloseTo(31.25, 9);
    const delft = createLocalFrame(4.36, 52.0);
    const rd = projectorFor('https://www.opengis.net/def/crs/EPSG/0/7415', delft);
    const local = rd.toLocal(84616, 447422);
    // Delft's centre lies within a few km of (4.36, 52.0).
    expect(Math.hypot(local[0], local[1])).toBeLessThan(5000);
    const again = rd.fromLocal(local[0], local[1]);
    expect(again[0]).toBeCloseTo(84616, 1);
  });

  it('puts RD New and British National Grid points where PROJ does (datum shifts within 2 m)', () => {
    // References from PROJ 9 (cs2cs / gdaltransform, EPSG:28992 and EPSG:27700 to EPSG:4326): the RD origin
    // (155000, 463000) is 5.387204 E, 52.155172 N; a point in Delft (84941, 447540) is 4.366714 E, 52.011795 N;
    // the BNG point (651409.903, 313177.270) of the EPSG guidance note 7-2 example is 1.716052 E, 52.657979 N.
    const cases: [string, number, number, number, number][] = [
      ['EPSG:28992', 155000, 463000, 5.387204, 52.155172],
      ['EPSG:28992', 84941, 447540, 4.366714, 52.011795],
      ['EPSG:27700', 651409.903, 313177.27, 1.716052, 52.657979],
    ];
    for (const [crs, e, n, lon, lat] of cases) {
      const local = createLocalFrame(lon, lat);
      const [x, y] = projectorFor(crs, local).toLocal(e, n);
      expect(Math.hypot(x, y), `${crs} (${e}, ${n})`).toBeLessThan(2);
    }
  });

  it('names an unknown EPSG code and says how to fix it', () => {
    expect(() => resolveCrs('EPSG:99999', { file: 'a.geojson' })).toThrow(/a\.geojson: unknown EPSG code 99999.*Fix:/);
    expect(() => resolveCrs('banana')).toThrow(/unrecognised coordinate system "banana"/);
  });

  it('catches projected coordinates declared as WGS84, and degrees far from the district', () => {
    const p = projectorFor('EPSG:4326', frame);
    expect(() => assertPlausible(p, 355000, 3457000, { file: 'b.geojson', feature: 3 })).toThrow(
      /b\.geojson, feature 3: coordinate \(355000, 3457000\) is not a longitude\/latitude/,
    );
    expect(() => assertPlausible(p, 31.24, 121.5, { file: 'c.geojson' })).toThrow(/not a longitude\/latitude/);
    expect(() => assertPlausible(p, 2.35, 48.85, { file: 'd.geojson' })).toThrow(/km from the district origin/);
    expect(() => assertPlausible(p, Number.NaN, 31, { file: 'e.geojson' })).toThrow(/not a finite number/);
  });
});
