import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TwinWarning } from '../../../twin/errors.ts';
import { buildingsFromGeoJson } from '../../../twin/io/vector.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { sharedDataDir } from '../../helpers/golden.ts';
import { contextFor, describeGolden } from './vector-golden.ts';

describeGolden('geojson-buildings', (c, warnings) =>
  buildingsFromGeoJson(c.readInput('buildings.geojson'), contextFor(c, 'buildings.geojson', warnings)),
);

describe('buildingsFromGeoJson', () => {
  const ctx = (warnings: TwinWarning[] = []) => ({
    file: 'mem.geojson',
    projector: projectorFor('EPSG:4326', createLocalFrame(121.49, 31.24)),
    opts: { warnings },
  });
  const square = (x: number, y: number) => [
    [
      [x, y],
      [x + 1e-4, y],
      [x + 1e-4, y + 1e-4],
      [x, y + 1e-4],
      [x, y],
    ],
  ];

  it('names the feature and field of a NaN coordinate in an already parsed object', () => {
    const ring = square(121.49, 31.24);
    ring[0][2] = [Number.NaN, 31.24];
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { building: 'yes', id: 9 }, geometry: { type: 'Polygon', coordinates: ring } },
      ],
    };
    expect(() => buildingsFromGeoJson(doc, ctx())).toThrow(
      'twin: mem.geojson, feature 0 (id 9), field "geometry.coordinates[0][2]": coordinate (NaN, 31.24) is not a finite number',
    );
  });

  it('projects into true metres: a 0.0001° square near the Bund is about 9.5 m by 11.1 m', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(121.49, 31.24) } },
      ],
    };
    const [b] = buildingsFromGeoJson(doc, ctx());
    const ring = b.footprint[0][0];
    expect(ring[1][0] - ring[0][0]).toBeCloseTo(9.52, 1);
    expect(ring[2][1] - ring[1][1]).toBeCloseTo(11.09, 1);
    expect(b.heightSource).toBe('default');
  });

  it('loads the bundled Bund buildings: tile pieces merged, heights counted by source', () => {
    const file = path.join(sharedDataDir, 'shanghai-bund', 'buildings.geojson');
    const text = readFileSync(file, 'utf8');
    const warnings: TwinWarning[] = [];
    const buildings = buildingsFromGeoJson(text, ctx(warnings));
    const raw = JSON.parse(text) as { features: { geometry: { type: string }; properties: { id: number } }[] };
    const polygonPieces = raw.features.filter((f) => f.geometry.type !== 'Point');
    const distinctIds = new Set(polygonPieces.map((f) => String(f.properties.id)));
    const bySource = { height: 0, levels: 0, default: 0 };
    for (const b of buildings) bySource[b.heightSource]++;
    console.log(
      `Bund buildings: ${polygonPieces.length} polygon pieces → ${buildings.length} buildings; ` +
        `heights: ${bySource.height} tagged, ${bySource.levels} from levels, ${bySource.default} inferred by kind`,
    );
    expect(buildings.length).toBeGreaterThanOrEqual(1400);
    expect(buildings.length).toBe(distinctIds.size);
    expect(new Set(buildings.map((b) => b.id)).size).toBe(buildings.length);
    expect(bySource.height + bySource.levels + bySource.default).toBe(buildings.length);
    expect(bySource.height).toBeGreaterThan(600);
    expect(bySource.default).toBeGreaterThan(0);
    // Every piece is kept (duplicates aside): pieces of a shared id land in one building's footprint.
    const piecesPerId = new Map<string, number>();
    for (const f of polygonPieces)
      piecesPerId.set(String(f.properties.id), (piecesPerId.get(String(f.properties.id)) ?? 0) + 1);
    const split = buildings.filter((b) => (piecesPerId.get(b.id) ?? 0) > 1);
    expect(split.length).toBeGreaterThan(100);
    expect(split.some((b) => b.footprint.length > 1)).toBe(true);
    for (const b of buildings) {
      expect(b.heightM).toBeGreaterThan(b.minHeightM);
      for (const poly of b.footprint) for (const [x, y] of poly[0]) expect(Math.hypot(x, y)).toBeLessThan(4000);
    }
    expect(warnings.map((w) => w.message)).toContain(
      'twin: mem.geojson: skipped 409 Point features (label and address points, not footprints)',
    );
  });
});
