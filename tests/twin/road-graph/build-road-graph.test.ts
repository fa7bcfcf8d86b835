// Hand-checkable road graphs: crossings, bridges, tunnels, layers, tile-split pieces, one-way streets and what the
// strongly connected component drops, each small enough to count nodes and edges by eye.
import { describe, expect, it } from 'vitest';
import { TwinError } from '../../../twin/errors.ts';
import { cellsAlongLine, type GridSpec } from '../../../twin/grid/grid-spec.ts';
import { roadClassOf } from '../../../twin/io/road-class.ts';
import { buildRoadGraph, roadGraphStats, type RoadGraph } from '../../../twin/road-graph/index.ts';
import type { RoadSegment, XY } from '../../../twin/types.ts';

function road(id: string, coords: XY[], extra: Partial<RoadSegment> = {}): RoadSegment {
  const highway = extra.highway ?? 'residential';
  return {
    id,
    highway,
    roadClass: roadClassOf(highway),
    drivable: true,
    oneway: 0,
    bridge: false,
    tunnel: false,
    layer: extra.bridge ? 1 : extra.tunnel ? -1 : 0,
    coords,
    ...extra,
  };
}

/** The node at (x, y) within 1 cm, or undefined. */
function nodeAt(graph: RoadGraph, x: number, y: number): string | undefined {
  return graph.findNode((_, a) => Math.hypot(a.x - x, a.y - y) < 0.01);
}

const cross = (b: Partial<RoadSegment> = {}) => [
  road('a', [
    [-100, 0],
    [100, 0],
  ]),
  road(
    'b',
    [
      [0, -100],
      [0, 100],
    ],
    b,
  ),
];

describe('buildRoadGraph: crossings', () => {
  it('gives two streets crossing at grade a junction where they cross', () => {
    const { graph, report } = buildRoadGraph(cross());
    expect(report.junctionsAdded).toBe(1);
    const centre = nodeAt(graph, 0, 0)!;
    expect(centre).toBeDefined();
    expect(graph.neighbors(centre)).toHaveLength(4);
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(8);
    graph.forEachEdge((_, a) => expect(a.lengthM).toBeCloseTo(100, 9));
    expect(report.largestComponentShare).toBe(1);
  });

  it('makes one junction where three streets cross within the tolerance of one another', () => {
    const roads = [
      ...cross(),
      road('c', [
        [-99.7, -100],
        [100.3, 100],
      ]),
    ];
    const { graph, report } = buildRoadGraph(roads);
    expect(report.junctionsAdded).toBe(1);
    expect(graph.order).toBe(7);
    expect(graph.neighbors(nodeAt(graph, 0, 0)!)).toHaveLength(6);
  });

  it('gives a bridge over a street no junction', () => {
    const { graph, report } = buildRoadGraph(cross({ bridge: true }), { keepAllComponents: true });
    expect(report.junctionsAdded).toBe(0);
    expect(nodeAt(graph, 0, 0)).toBeUndefined();
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(4);
    expect(report.components).toBe(2);
  });

  it('gives a tunnel under a street, and roads on different layers, no junction', () => {
    expect(buildRoadGraph(cross({ tunnel: true }), { keepAllComponents: true }).report.junctionsAdded).toBe(0);
    expect(buildRoadGraph(cross({ layer: 1 }), { keepAllComponents: true }).report.junctionsAdded).toBe(0);
  });

  it('keeps only the larger side when a bridge leaves two networks, and says what it dropped', () => {
    const roads = [
      ...cross({ bridge: true }),
      road('c', [
        [100, 0],
        [100, 100],
      ]),
    ];
    const { graph, report } = buildRoadGraph(roads);
    expect(graph.order).toBe(3);
    expect(report.droppedNodes).toBe(2);
    expect(report.droppedEdges).toBe(2);
    expect(report.droppedSegmentIds).toEqual(['b']);
    expect(report.largestComponentShare).toBeCloseTo(3 / 5, 12);
  });

  it('ignores roads motor vehicles cannot use, so a footway crossing makes no junction', () => {
    const roads = [
      ...cross(),
      road(
        'f',
        [
          [-50, -50],
          [50, 50],
        ],
        { highway: 'footway', drivable: false },
      ),
    ];
    const { graph, report } = buildRoadGraph(roads);
    expect(report.drivableSegments).toBe(2);
    expect(report.junctionsAdded).toBe(1);
    expect(graph.order).toBe(5);
  });
});

describe('buildRoadGraph: un-noded pieces', () => {
  it('joins a road split at a tile edge back into one street, with no node at the cut', () => {
    const roads = [
      road('7#0', [
        [-100, 0],
        [0, 0],
      ]),
      road('7#1', [
        [0.3, 0.2],
        [100, 0],
      ]),
    ];
    const { graph, report } = buildRoadGraph(roads);
    expect(report.piecesJoined).toBe(1);
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(2);
    expect(graph.edges().map((e) => graph.getEdgeAttribute(e, 'segmentId'))).toEqual(['7', '7']);
    expect(nodeAt(graph, 0, 0)).toBeUndefined();
  });

  it('does not join pieces of the same way farther apart than the tolerance', () => {
    const roads = [
      road('7#0', [
        [-100, 0],
        [0, 0],
      ]),
      road('7#1', [
        [3, 0],
        [100, 0],
      ]),
    ];
    const { report } = buildRoadGraph(roads, { keepAllComponents: true });
    expect(report.piecesJoined).toBe(0);
    expect(report.components).toBe(2);
  });

  it('snaps a side street that stops half a metre short of the main street onto it', () => {
    const roads = [
      road('main', [
        [-100, 0],
        [100, 0],
      ]),
      road('side', [
        [20, 100],
        [20, 0.5],
      ]),
    ];
    const { graph, report } = buildRoadGraph(roads);
    expect(report.endsSnapped).toBe(1);
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(6);
    expect(report.components).toBe(1);
  });

  it('merges near-coincident vertices of two streets on the same level', () => {
    const roads = [
      road('a', [
        [-100, 0],
        [0, 0],
        [0, -100],
      ]),
      road('b', [
        [100, 0.4],
        [0.3, 0.3],
        [0, 100],
      ]),
    ];
    const { graph, report } = buildRoadGraph(roads);
    expect(report.verticesSnapped).toBe(1);
    expect(graph.neighbors(nodeAt(graph, 0, 0)!)).toHaveLength(4);
  });

  it('keeps a two-way street drawn out and back once, and splits a parallel street and a loop', () => {
    const outAndBack = road('ob', [
      [0, 0],
      [100, 0],
      [0, 0],
    ]);
    const { graph: g1 } = buildRoadGraph([
      outAndBack,
      road('x', [
        [0, 0],
        [0, 100],
      ]),
    ]);
    expect(g1.size).toBe(4);
    const parallel = [
      road('p', [
        [0, 0],
        [100, 0],
      ]),
      road('q', [
        [0, 0],
        [50, 20],
        [100, 0],
      ]),
    ];
    const { graph: g2 } = buildRoadGraph(parallel);
    expect(g2.order).toBe(3);
    expect(g2.size).toBe(6);
    const loop = [
      road('l', [
        [0, 0],
        [50, 0],
        [50, 50],
        [0, 0],
      ]),
      road('x', [
        [0, 0],
        [-100, 0],
      ]),
    ];
    const { graph: g3 } = buildRoadGraph(loop);
    // The loop needs two nodes besides its junction, or two of its pieces would join the same pair of nodes.
    expect(g3.order).toBe(4);
    expect(g3.size).toBe(8);
    g3.forEachEdge((_, a, s, t) => expect(s).not.toBe(t));
  });
});

describe('buildRoadGraph: direction and connectivity', () => {
  it('gives a one-way street one edge, in the tagged direction', () => {
    const triangle = (oneway: 1 | -1) => [
      road(
        'a',
        [
          [0, 0],
          [100, 0],
        ],
        { oneway },
      ),
      road(
        'b',
        [
          [100, 0],
          [50, 80],
        ],
        { oneway },
      ),
      road(
        'c',
        [
          [50, 80],
          [0, 0],
        ],
        { oneway },
      ),
    ];
    const { graph } = buildRoadGraph(triangle(1));
    expect(graph.size).toBe(3);
    const a = graph.findEdge((_, at) => at.segmentId === 'a')!;
    expect(graph.getNodeAttributes(graph.source(a))).toEqual({ x: 0, y: 0 });
    expect(graph.getEdgeAttribute(a, 'oneway')).toBe(true);
    const { graph: reversed } = buildRoadGraph(triangle(-1));
    const r = reversed.findEdge((_, at) => at.segmentId === 'a')!;
    expect(reversed.getNodeAttributes(reversed.source(r))).toEqual({ x: 100, y: 0 });
    expect(reversed.getEdgeAttribute(r, 'coords')).toEqual([
      [100, 0],
      [0, 0],
    ]);
  });

  it('drops a dead one-way spur: it can be entered but never left', () => {
    const square = [
      road('s1', [
        [0, 0],
        [100, 0],
      ]),
      road('s2', [
        [100, 0],
        [100, 100],
      ]),
      road('s3', [
        [100, 100],
        [0, 100],
      ]),
      road('s4', [
        [0, 100],
        [0, 0],
      ]),
      road(
        'spur',
        [
          [100, 100],
          [160, 160],
        ],
        { oneway: 1 },
      ),
    ];
    const { graph, report } = buildRoadGraph(square);
    expect(report.oneWayDeadEnds).toBe(1);
    expect(report.droppedNodes).toBe(1);
    expect(report.droppedEdges).toBe(1);
    expect(report.droppedSegmentIds).toEqual(['spur']);
    expect(report.largestComponentShare).toBeCloseTo(4 / 5, 12);
    expect(nodeAt(graph, 160, 160)).toBeUndefined();
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(8);
  });

  it('records the grid cells each edge crosses, in order', () => {
    const grid: GridSpec = { nx: 40, ny: 40, cellM: 5, x0: -100, y0: -100 };
    const { graph } = buildRoadGraph(cross(), { grid });
    graph.forEachEdge((_, a) => {
      expect(a.cells.length).toBeGreaterThanOrEqual(20);
      expect(Array.from(a.cells)).toEqual(Array.from(cellsAlongLine(grid, a.coords)));
    });
  });

  it('is deterministic: the same roads give the same keys in the same order', () => {
    const roads = [
      ...cross(),
      road(
        'c',
        [
          [100, 0],
          [100, 100],
          [-100, 100],
          [-100, 0],
        ],
        { oneway: 1 },
      ),
    ];
    const one = buildRoadGraph(roads).graph;
    const two = buildRoadGraph(roads).graph;
    expect(two.nodes()).toEqual(one.nodes());
    expect(two.edges()).toEqual(one.edges());
    expect(JSON.stringify(two.export())).toBe(JSON.stringify(one.export()));
  });

  it('refuses a tolerance that is not a distance', () => {
    expect(() => buildRoadGraph(cross(), { snapToleranceM: -1 })).toThrow(TwinError);
    expect(() => buildRoadGraph(cross(), { snapToleranceM: NaN })).toThrow(/snap tolerance NaN m/);
  });

  it('summarises length by class once per street', () => {
    const stats = roadGraphStats(buildRoadGraph(cross()).graph);
    expect(stats.roadLengthKm).toBeCloseTo(0.4, 9);
    expect(stats.directedLengthKm).toBeCloseTo(0.8, 9);
    expect(stats.roadLengthKmByClass).toEqual({ residential: 0.4 });
    expect(stats.deadEnds).toBe(4);
    expect(stats.stronglyConnectedComponents).toBe(1);
  });
});
