// The road graph on real data: the Bund's tile-clipped Tilezen roads (un-noded, split at tile edges) and the
// People's Square OSM export (noded), read from XML and from the PBF osmium made of it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stronglyConnectedComponents } from 'graphology-components';
import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import { parseOsmPbf, parseOsmXml } from '../../../twin/io/osm.ts';
import { roadsFromGeoJson, roadsFromOsm } from '../../../twin/io/roads.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { buildRoadGraph, extentRing, roadGraphStats, type RoadGraph } from '../../../twin/road-graph/index.ts';
import type { RoadSegment, XY } from '../../../twin/types.ts';
import { repoRoot, sharedDataDir } from '../../helpers/golden.ts';

const ctx = (file: string) => ({
  file,
  projector: projectorFor('EPSG:4326', createLocalFrame(121.5005, 31.2387)),
  opts: {},
});

/** Share of nodes in the largest SCC once every one-way dead end is joined both ways to one node standing for
 *  the roads beyond the data. A diagnostic: it tells cut roads apart from real disconnection. */
function shareWithOutside(graph: RoadGraph): number {
  const g = graph.copy();
  g.addNode('outside', { x: 0, y: 0 });
  graph.forEachNode((n) => {
    if (graph.neighbors(n).length === 1 && (graph.inDegree(n) === 0 || graph.outDegree(n) === 0)) {
      g.addDirectedEdge(n, 'outside', graph.getEdgeAttributes(graph.edges(n)[0]));
      g.addDirectedEdge('outside', n, graph.getEdgeAttributes(graph.edges(n)[0]));
    }
  });
  const largest = stronglyConnectedComponents(g).reduce((m, c) => Math.max(m, c.length), 0);
  return (largest - 1) / graph.order;
}

describe('road graph of the Bund (Tilezen tiles)', () => {
  const roads: RoadSegment[] = roadsFromGeoJson(
    readFileSync(path.join(sharedDataDir, 'shanghai-bund', 'roads.geojson'), 'utf8'),
    ctx('roads.geojson'),
  );
  const grid: GridSpec = { nx: 780, ny: 550, cellM: 5, x0: -1950, y0: -1375 };
  const { graph, report } = buildRoadGraph(roads, { grid });
  const all = buildRoadGraph(roads, { keepAllComponents: true }).graph;
  console.log(
    `Bund road graph: ${report.nodes} nodes, ${report.edges} edges, largest SCC share ${report.largestComponentShare.toFixed(3)}` +
      ` (${report.droppedNodes} nodes dropped, ${report.oneWayDeadEnds} one-way dead ends, ${report.components} components);` +
      ` ${report.piecesJoined} tile pieces joined, ${report.junctionsAdded} at-grade junctions added;` +
      ` share with cut roads joined outside ${shareWithOutside(all).toFixed(3)}`,
  );

  it('joins the tile pieces and adds the missing at-grade junctions', () => {
    expect(report.drivableSegments).toBe(roads.filter((r) => r.drivable).length);
    expect(report.piecesJoined).toBeGreaterThanOrEqual(300);
    expect(report.junctionsAdded).toBeGreaterThan(0);
  });

  it('keeps the largest strongly connected component, and what it loses is roads cut by the data', () => {
    // Measured 0.802 without the outside network: the one-way roads cut by the district's edge and by a z16 tile
    // missing from the roads layer (Lujiazui, lon 121.4978–121.5033, lat 31.2363–31.2410) cannot be strongly
    // connected inside the data.
    expect(report.largestComponentShare).toBeGreaterThanOrEqual(0.8);
    expect(stronglyConnectedComponents(graph)).toHaveLength(1);
    expect(report.nodes + report.droppedNodes).toBe(all.order);
    // Joined through "the rest of the city", those cut roads account for all but a few per cent of the loss.
    expect(shareWithOutside(all)).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches a share of at least 0.95 with the data edge and the missing tile joined by boundary connectors', () => {
    const gap: XY[] = [
      [121.497802734375, 31.23628864179301],
      [121.5032958984375, 31.23628864179301],
      [121.5032958984375, 31.2409853780213],
      [121.497802734375, 31.2409853780213],
      [121.497802734375, 31.23628864179301],
    ].map(([lon, lat]) => ctx('gap').projector.toLocal(lon, lat));
    const extent = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const r of roads)
      for (const [x, y] of r.coords) {
        extent.minX = Math.min(extent.minX, x);
        extent.minY = Math.min(extent.minY, y);
        extent.maxX = Math.max(extent.maxX, x);
        extent.maxY = Math.max(extent.maxY, y);
      }
    const joined = buildRoadGraph(roads, {
      boundaries: [
        { kind: 'extent', ring: extentRing(extent) },
        { kind: 'gap', ring: gap },
      ],
    });
    console.log(
      `Bund road graph with boundary connectors: share ${joined.report.largestComponentShare.toFixed(3)}, ` +
        `${joined.report.boundaryEnds} cut ends, ${joined.report.virtualEdges} virtual edges`,
    );
    expect(joined.report.largestComponentShare).toBeGreaterThanOrEqual(0.95);
    expect(stronglyConnectedComponents(joined.graph)).toHaveLength(1);
  });

  it('makes no junction in the middle of a bridge or tunnel that the source did not have', () => {
    const sourceVertices = new Map<string, Set<string>>();
    for (const r of roads.filter((s) => s.drivable)) {
      for (const [x, y] of r.coords) {
        const k = `${x},${y}`;
        if (!sourceVertices.has(k)) sourceVertices.set(k, new Set());
        sourceVertices.get(k)!.add(r.bridge || r.tunnel ? 'raised' : 'ground');
      }
    }
    let made = 0;
    all.forEachNode((n, a) => {
      const raisedPieces = new Map<string, Set<string>>();
      let ground = false;
      all.forEachEdge(n, (e, at) => {
        if (!at.bridge && !at.tunnel) ground = true;
        else
          raisedPieces.set(at.segmentId, (raisedPieces.get(at.segmentId) ?? new Set()).add(e.replace(/\/[fr]$/, '')));
      });
      const throughRaised = [...raisedPieces.values()].some((pieces) => pieces.size >= 2);
      const src = sourceVertices.get(`${a.x},${a.y}`);
      if (throughRaised && ground && !(src?.has('raised') && src.has('ground'))) made++;
    });
    expect(made).toBe(0);
  });

  it('gives every edge a length, a speed, geometry from its source to its target, and the cells it crosses', () => {
    graph.forEachEdge((_, a, s, t) => {
      expect(a.lengthM).toBeGreaterThan(0);
      expect(a.freeSpeedKmh).toBeGreaterThan(0);
      expect(a.coords[0]).toEqual([graph.getNodeAttribute(s, 'x'), graph.getNodeAttribute(s, 'y')]);
      expect(a.coords[a.coords.length - 1]).toEqual([graph.getNodeAttribute(t, 'x'), graph.getNodeAttribute(t, 'y')]);
      expect(a.cells.length).toBeGreaterThan(0);
    });
    const stats = roadGraphStats(graph);
    expect(stats.roadLengthKm).toBeGreaterThan(80);
    expect(stats.stronglyConnectedComponents).toBe(1);
  });

  it('is deterministic', () => {
    const again = buildRoadGraph(roads, { grid }).graph;
    expect(again.nodes()).toEqual(graph.nodes());
    expect(again.edges()).toEqual(graph.edges());
    expect(JSON.stringify(again.export())).toBe(JSON.stringify(graph.export()));
  });
});

describe('road graph of People’s Square (OSM XML and PBF)', () => {
  const fromXml = roadsFromOsm(
    parseOsmXml(
      readFileSync(path.join(sharedDataDir, 'shanghai-peoples-square', 'shanghai.osm'), 'utf8'),
      'shanghai.osm',
    ),
    ctx('shanghai.osm'),
  );
  const fromPbf = roadsFromOsm(
    parseOsmPbf(
      new Uint8Array(readFileSync(path.join(repoRoot, 'datasets', 'peoples-square', 'roads.osm.pbf'))),
      'roads.osm.pbf',
    ),
    ctx('roads.osm.pbf'),
  );
  const { graph, report } = buildRoadGraph(fromXml);
  console.log(
    `People's Square road graph: ${report.nodes} nodes, ${report.edges} edges, largest SCC share ${report.largestComponentShare.toFixed(3)}` +
      ` (${report.droppedNodes} dropped, ${report.oneWayDeadEnds} one-way dead ends, ${report.components} components)`,
  );

  it('is the same graph from XML and from PBF', () => {
    expect(fromPbf).toEqual(fromXml);
    expect(JSON.stringify(buildRoadGraph(fromPbf).graph.export())).toBe(JSON.stringify(graph.export()));
  });

  it('needs no joining or crossing junctions: OSM ways share their junction nodes', () => {
    expect(report.piecesJoined).toBe(0);
    expect(report.junctionsAdded).toBe(0);
    expect(report.verticesSnapped).toBe(0);
    expect(stronglyConnectedComponents(graph)).toHaveLength(1);
    expect(graph.order).toBeGreaterThan(400);
  });
});
