import { describe, expect, it } from 'vitest';
import { buildRoadGraph, extentRing } from '../../../twin/road-graph/index.ts';
import type { RoadSegment, XY } from '../../../twin/types.ts';

function road(id: string, coords: XY[], oneway: 0 | 1 = 0): RoadSegment {
  return {
    id,
    highway: 'secondary',
    roadClass: 'secondary',
    drivable: true,
    oneway,
    bridge: false,
    tunnel: false,
    layer: 0,
    coords,
  };
}

// A one-way pair cut by the west edge of the data at x = 0: traffic leaves by the north street and comes back by the
// south one, through a north–south street inside. Without the outside network the pair is a trap.
const roads = [
  road(
    'out',
    [
      [100, 100],
      [0, 100],
    ],
    1,
  ), // westbound, leaves the data
  road(
    'in',
    [
      [0, 0],
      [100, 0],
    ],
    1,
  ), // eastbound, enters the data
  road(
    'link',
    [
      [100, 0],
      [100, 100],
    ],
    1,
  ), // northbound inside
  road('east', [
    [100, 100],
    [300, 100],
  ]), // a two-way street on to the east
  road('east2', [
    [100, 0],
    [300, 0],
  ]),
  road('cross', [
    [300, 0],
    [300, 100],
  ]),
];
const box = { minX: 0, minY: 0, maxX: 300, maxY: 100 };

describe('boundary connectors', () => {
  it('joins road ends at the data edge through the outside network, so a one-way pair is not a trap', () => {
    const plain = buildRoadGraph(roads);
    expect(plain.report.largestComponentShare).toBeLessThan(1);
    const joined = buildRoadGraph(roads, { boundaries: [{ kind: 'extent', ring: extentRing(box) }] });
    expect(joined.report.largestComponentShare).toBe(1);
    expect(joined.report.boundaryEnds).toBe(2);
    expect(joined.report.virtualEdges).toBe(2);
    const virtual = joined.graph.filterEdges((_e, a) => a.virtual === true);
    expect(virtual.length).toBe(2);
    for (const e of virtual) {
      const a = joined.graph.getEdgeAttributes(e);
      // 100 m apart along the boundary, × the 1.4 detour factor; never flooded, never drawn as a street.
      expect(a.lengthM).toBeCloseTo(140, 6);
      expect(a.cells.length).toBe(0);
      expect(a.highway).toBe('virtual');
    }
  });

  it('leaves ends away from any boundary alone', () => {
    const far = buildRoadGraph(roads, {
      boundaries: [{ kind: 'gap', ring: extentRing({ minX: 1000, minY: 1000, maxX: 1100, maxY: 1100 }) }],
    });
    expect(far.report.boundaryEnds).toBe(0);
    expect(far.report.virtualEdges).toBe(0);
  });
});
