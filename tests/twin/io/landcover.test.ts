import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TwinWarning } from '../../../twin/errors.ts';
import { landCoverFromGeoJson, landCoverFromOsm, waterFromGeoJson } from '../../../twin/io/vector.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { sharedDataDir } from '../../helpers/golden.ts';
import { contextFor, describeGolden, osmFromFixture } from './vector-golden.ts';

describeGolden('landcover', (c, warnings) =>
  c.params.format === 'osm'
    ? landCoverFromOsm(osmFromFixture(c.readInput('osm.json')), contextFor(c, 'district.osm', warnings))
    : landCoverFromGeoJson(c.readInput('landuse.geojson'), contextFor(c, 'landuse.geojson', warnings)),
);

describe('the bundled Bund water and landuse layers', () => {
  const ctx = (file: string, warnings: TwinWarning[]) => ({
    file,
    projector: projectorFor('EPSG:4326', createLocalFrame(121.5005, 31.2387)),
    opts: { warnings },
  });
  const read = (name: string) => readFileSync(path.join(sharedDataDir, 'shanghai-bund', name), 'utf8');

  it('finds the Huangpu, Suzhou Creek and Hongkou Creek, and skips the coastline lines', () => {
    const warnings: TwinWarning[] = [];
    const water = waterFromGeoJson(read('water.geojson'), ctx('water.geojson', warnings));
    const named = new Map(water.filter((w) => w.name).map((w) => [w.name, w.kind]));
    expect(named.get('黄浦江')).toBe('river');
    expect(named.get('苏州河')).toBe('river');
    expect(water.filter((w) => w.kind === 'river').length).toBeGreaterThanOrEqual(2);
    expect(new Set(water.map((w) => w.id)).size).toBe(water.length);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/skipped \d+ line features/);
  });

  it('reads the landuse polygons with their Tilezen kinds', () => {
    const warnings: TwinWarning[] = [];
    const covers = landCoverFromGeoJson(read('landuse.geojson'), ctx('landuse.geojson', warnings));
    const kinds = new Set(covers.map((c) => c.kind));
    for (const k of ['park', 'grass', 'pedestrian']) expect(kinds.has(k)).toBe(true);
    expect(covers.length).toBeGreaterThan(100);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/skipped \d+ line features \(walls, fences, tree rows\)/);
  });
});
