import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TwinWarning } from '../../../twin/errors.ts';
import { ringAreaM2 } from '../../../twin/io/cityjson-footprint.ts';
import { buildingsFromCityJson, cityJsonCentreLonLat } from '../../../twin/io/vector.ts';
import { createLocalFrame } from '../../../twin/projection/index.ts';
import { sharedDataDir } from '../../helpers/golden.ts';
import { describeGolden, type VectorParams } from './vector-golden.ts';

describeGolden('cityjson', (c, warnings) => {
  const p = c.params as VectorParams;
  const [lon, lat] = p.origin ?? [4.369, 52.011];
  const result = buildingsFromCityJson(c.readInput('model.city.json'), {
    file: 'model.city.json',
    frame: createLocalFrame(lon, lat),
    crs: p.crs,
    opts: { lenient: p.lenient === true, warnings },
  });
  return result;
});

describe('buildingsFromCityJson on the Delft file (CityJSON, EPSG:7415)', () => {
  const text = readFileSync(path.join(sharedDataDir, 'fixtures', 'delft.city.json'), 'utf8');

  it('reads 160 buildings of 570 objects, every height positive, all within a few km of a Delft origin', () => {
    const [lon, lat] = cityJsonCentreLonLat(text, 'delft.city.json');
    expect(lon).toBeCloseTo(4.368, 2);
    expect(lat).toBeCloseTo(52.013, 2);
    const warnings: TwinWarning[] = [];
    const r = buildingsFromCityJson(text, {
      file: 'delft.city.json',
      frame: createLocalFrame(4.36, 52.0),
      opts: { warnings },
    });
    const methods: Record<string, number> = {};
    for (const m of r.footprintMethod.values()) methods[m] = (methods[m] ?? 0) + 1;
    console.log(
      `Delft: ${r.objectCount} objects → ${r.buildings.length} buildings; footprints ${JSON.stringify(methods)}; ` +
        `skipped ${JSON.stringify(r.skippedTypes)}`,
    );
    expect(r.objectCount).toBe(570);
    expect(r.buildings.length).toBe(160);
    expect(r.crs).toBe('https://www.opengis.net/def/crs/EPSG/0/7415');
    expect(Object.values(r.skippedTypes).reduce((a, b) => a + b, 0)).toBe(410);
    expect(warnings).toEqual([]);
    for (const b of r.buildings) {
      expect(b.heightM).toBeGreaterThan(0);
      expect(b.heightM).toBeLessThan(40);
      expect(b.heightSource).toBe('height');
      const ground = r.groundZ.get(b.id)!;
      // NAP ground in Delft's centre is within a metre or so of sea level.
      expect(Math.abs(ground)).toBeLessThan(2);
      for (const poly of b.footprint) {
        for (const [x, y] of poly[0]) expect(Math.hypot(x, y)).toBeLessThan(3000);
        expect(Math.abs(ringAreaM2(poly[0]))).toBeGreaterThan(1);
      }
    }
  });

  it('takes the caller CRS over the file’s and fails clearly when it is wrong', () => {
    expect(() =>
      buildingsFromCityJson(text, {
        file: 'delft.city.json',
        frame: createLocalFrame(4.36, 52.0),
        crs: 'EPSG:4549',
        opts: {},
      }),
    ).toThrow(
      /delft\.city\.json, feature .*, field "vertices\[\d+\]": coordinate .* in EPSG:4549 lies \d+ km from the district origin/,
    );
  });
});
