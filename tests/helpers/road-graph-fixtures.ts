// Small hand-checkable road graphs for routing and flood tests, in the shape the twin's road-graph builder makes
// (graphology DirectedGraph, two edges per two-way street, cells crossed on a grid). Default speed 36 km/h = 10 m/s.
import { DirectedGraph } from 'graphology';
import { cellsAlongLine, type GridSpec } from '../../twin/grid/grid-spec.ts';
import type { RoadEdgeAttributes, RoadGraph, RoadNodeAttributes } from '../../twin/road-graph/types.ts';
import type { XY } from '../../twin/types.ts';
import { mulberry32 } from '../../simulation/random.ts';

/** One street between two named junctions. */
export interface RoadSpec {
  from: string;
  to: string;
  /** Free-flow speed, default 36 km/h (10 m/s: 100 m takes 10 s). */
  speedKmh?: number;
  oneway?: boolean;
  tunnel?: boolean;
  /** Default `${from}-${to}`. */
  segmentId?: string;
  /** Bends between the two junctions. */
  via?: XY[];
  /** Length to record instead of the geometric one. */
  lengthM?: number;
}

/** A graph from junction positions and streets; with `grid`, each edge lists the cells it crosses. */
export function makeRoadGraph(nodes: Record<string, XY>, roads: RoadSpec[], grid?: GridSpec): RoadGraph {
  const graph: RoadGraph = new DirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>();
  for (const [id, [x, y]] of Object.entries(nodes)) graph.addNode(id, { x, y });
  for (const r of roads) {
    const coords: XY[] = [nodes[r.from], ...(r.via ?? []), nodes[r.to]];
    const add = (a: string, b: string, line: XY[]): void => {
      let lengthM = 0;
      for (let i = 0; i + 1 < line.length; i++)
        lengthM += Math.hypot(line[i + 1][0] - line[i][0], line[i + 1][1] - line[i][1]);
      graph.addDirectedEdgeWithKey(`${a}>${b}`, a, b, {
        segmentId: r.segmentId ?? `${r.from}-${r.to}`,
        lengthM: r.lengthM ?? lengthM,
        roadClass: 'residential',
        highway: 'residential',
        freeSpeedKmh: r.speedKmh ?? 36,
        oneway: r.oneway ?? false,
        bridge: false,
        tunnel: r.tunnel ?? false,
        coords: line,
        cells: grid ? cellsAlongLine(grid, line) : new Int32Array(0),
      });
    };
    add(r.from, r.to, coords);
    if (!r.oneway) add(r.to, r.from, [...coords].reverse());
  }
  return graph;
}

/** Junctions n0..n{count-1} along the x axis, `spacingM` apart, joined by two-way streets. */
export function lineGraph(count: number, spacingM: number, grid?: GridSpec, speedKmh = 36): RoadGraph {
  const nodes: Record<string, XY> = {};
  const roads: RoadSpec[] = [];
  for (let i = 0; i < count; i++) {
    nodes[`n${i}`] = [i * spacingM, 0];
    if (i > 0) roads.push({ from: `n${i - 1}`, to: `n${i}`, speedKmh });
  }
  return makeRoadGraph(nodes, roads, grid);
}

/** A cols × rows lattice of junctions `r{row}c{col}` at (col·spacing, row·spacing), two-way streets between neighbours. */
export function gridGraph(cols: number, rows: number, spacingM: number, grid?: GridSpec): RoadGraph {
  const nodes: Record<string, XY> = {};
  const roads: RoadSpec[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      nodes[`r${r}c${c}`] = [c * spacingM, r * spacingM];
      if (c > 0) roads.push({ from: `r${r}c${c - 1}`, to: `r${r}c${c}` });
      if (r > 0) roads.push({ from: `r${r - 1}c${c}`, to: `r${r}c${c}` });
    }
  }
  return makeRoadGraph(nodes, roads, grid);
}

/**
 * A random directed road graph: `count` junctions scattered in a square, each joined to a few near neighbours with
 * random speeds, some one-way. Deterministic for a seed.
 */
export function randomRoadGraph(seed: number, count: number, sizeM = 2000): RoadGraph {
  const rnd = mulberry32(seed);
  const nodes: Record<string, XY> = {};
  const pts: XY[] = [];
  for (let i = 0; i < count; i++) {
    const p: XY = [Math.round(rnd.next() * sizeM), Math.round(rnd.next() * sizeM)];
    pts.push(p);
    nodes[`v${i}`] = p;
  }
  const roads: RoadSpec[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const near = pts
      .map((p, j) => [j, Math.hypot(p[0] - pts[i][0], p[1] - pts[i][1])] as const)
      .filter(([j]) => j !== i)
      .sort((a, b) => a[1] - b[1] || a[0] - b[0])
      .slice(0, 3);
    for (const [j] of near) {
      const key = i < j ? `${i}:${j}` : `${j}:${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const oneway = rnd.next() < 0.2;
      const forward = rnd.next() < 0.5;
      roads.push({
        from: `v${forward ? i : j}`,
        to: `v${forward ? j : i}`,
        speedKmh: 20 + rnd.int(6) * 10,
        oneway,
      });
    }
  }
  return makeRoadGraph(nodes, roads);
}
