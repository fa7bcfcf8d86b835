import { describe, expect, it } from 'vitest';
import { buildingsFromOsm } from '../../../twin/io/vector.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { contextFor, describeGolden, osmFromFixture } from './vector-golden.ts';

describeGolden('osm-buildings', (c, warnings) =>
  buildingsFromOsm(osmFromFixture(c.readInput('osm.json')), contextFor(c, 'district.osm', warnings)),
);

describe('buildingsFromOsm', () => {
  it('joins a ring from ways given in any order and direction', () => {
    const n = (id: number, lon: number, lat: number) => [id, { id, lon, lat }] as const;
    const osm = {
      nodes: new Map([n(1, 121.49, 31.24), n(2, 121.4902, 31.24), n(3, 121.4902, 31.2402), n(4, 121.49, 31.2402)]),
      ways: [
        { id: 7, nodeIds: [3, 4], tags: {} },
        { id: 5, nodeIds: [2, 1], tags: {} },
        { id: 6, nodeIds: [3, 2], tags: {} },
        { id: 8, nodeIds: [1, 4], tags: {} },
      ],
      relations: [
        {
          id: 9,
          members: [5, 6, 7, 8].map((ref) => ({ type: 'way' as const, ref, role: 'outer' })),
          tags: { type: 'multipolygon', building: 'yes' },
        },
      ],
    };
    const ctx = { file: 'x.osm', projector: projectorFor('EPSG:4326', createLocalFrame(121.49, 31.24)), opts: {} };
    const [b] = buildingsFromOsm(osm, ctx);
    expect(b.id).toBe('relation/9');
    const ring = b.footprint[0][0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const area = Math.abs(
      ring.slice(0, 4).reduce((s, p, i) => s + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0) / 2,
    );
    // 0.0002° × 0.0002° near 31.24° N: about 19.05 m × 22.18 m.
    expect(area).toBeGreaterThan(400);
    expect(area).toBeLessThan(445);
  });
});
