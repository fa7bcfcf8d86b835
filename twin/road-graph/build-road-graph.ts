// Builds the routable road graph from RoadSegments: rejoin tile-split pieces, node the lines, split them into
// junction-to-junction edges (two per two-way street), keep the largest strongly connected drivable component.
import { DirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from 'graphology-components';
import { TwinError } from '../errors.ts';
import { cellsAlongLine, type GridSpec } from '../grid/grid-spec.ts';
import { freeSpeedKmh } from '../io/road-class.ts';
import type { RoadSegment, XY } from '../types.ts';
import { connectBoundaryEnds, type BoundaryOptions, type DataBoundary } from './boundary-connectors.ts';
import { lineLengthM } from './geometry.ts';
import { joinPieces } from './join-pieces.ts';
import { nodeLines } from './noding.ts';
import type { RoadEdgeAttributes, RoadGraph, RoadGraphReport, RoadNodeAttributes } from './types.ts';

/** Options of `buildRoadGraph`. */
export interface BuildRoadGraphOptions {
  /** Grid whose cells each edge records in `cells`; without it `cells` is empty. */
  grid?: GridSpec;
  /** Distance (metres) within which piece ends join and vertices of different roads merge. Default 1 m. */
  snapToleranceM?: number;
  /** Keep every component instead of only the largest strongly connected one (for inspection). Default false. */
  keepAllComponents?: boolean;
  /**
   * Where the source data ends (its extent, and declared gaps inside it): road ends there are joined to the outside
   * network by virtual edges. Without it, roads cut by the data's edge are dead ends.
   */
  boundaries?: readonly DataBoundary[];
  boundaryOptions?: BoundaryOptions;
}

/** Default snap tolerance, metres: tile clipping and simplification move shared points by centimetres to ~1 m. */
export const DEFAULT_SNAP_TOLERANCE_M = 1;

/** Node key of the n-th junction, in order of first appearance along the input. */
const nodeKey = (n: number) => `n${n}`;

/**
 * Builds the directed road graph of the drivable segments. Deterministic: the same segments in the same order
 * give the same node and edge keys in the same iteration order. Edge keys are `<segmentId>/<k>/f` (drawing
 * direction) and `/r` (against it), k counting the junction-to-junction pieces of the road.
 */
export function buildRoadGraph(
  roads: readonly RoadSegment[],
  opts: BuildRoadGraphOptions = {},
): { graph: RoadGraph; report: RoadGraphReport } {
  const tol = opts.snapToleranceM ?? DEFAULT_SNAP_TOLERANCE_M;
  if (!(tol >= 0) || !Number.isFinite(tol)) {
    throw new TwinError(
      `snap tolerance ${tol} m is not a distance`,
      { field: 'snapToleranceM' },
      'give a tolerance ≥ 0 m, about 1 m',
    );
  }
  // 1. Drivable segments, and tile-split pieces joined back into lines.
  const drivable = roads.filter((r) => r.drivable && r.coords.length >= 2);
  const { lines, joins } = joinPieces(drivable, tol);
  // 2. Noding: shared and near-coincident vertices, dangling ends, at-grade crossings.
  const noded = nodeLines(lines, tol);
  const { positions, lineVertices } = noded;
  // 3. Junctions: line ends and vertices used more than once.
  const uses = new Map<number, number>();
  for (const vs of lineVertices) for (const v of vs) uses.set(v, (uses.get(v) ?? 0) + 1);
  const graph: RoadGraph = new DirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>();
  const keyOfVertex = new Map<number, string>();
  let nodeCount = 0;
  const ensureNode = (v: number, xy: XY): string => {
    let key = keyOfVertex.get(v);
    if (key === undefined) {
      key = nodeKey(nodeCount++);
      keyOfVertex.set(v, key);
      graph.addNode(key, { x: xy[0], y: xy[1] });
    }
    return key;
  };
  const sameEdge = (src: string, tgt: string, coords: XY[]): boolean => {
    if (!graph.hasDirectedEdge(src, tgt)) return false;
    const other = graph.getEdgeAttribute(graph.directedEdge(src, tgt)!, 'coords');
    return other.length === coords.length && other.every((p, i) => p[0] === coords[i][0] && p[1] === coords[i][1]);
  };
  // 4. Edges: each line split at its junctions; a piece that would loop or duplicate an edge is split at its middle.
  lines.forEach((line, li) => {
    const vs = lineVertices[li];
    if (vs.length < 2) return;
    const seg = line.segment;
    const forward = seg.oneway !== -1;
    const backward = seg.oneway !== 1;
    const speed = freeSpeedKmh(seg);
    let k = 0;
    const addEdge = (src: string, tgt: string, coords: XY[], dir: 'f' | 'r'): void => {
      const base = `${line.id}/${k}/${dir}`;
      const key = graph.hasEdge(base) ? `${base}@${li}` : base;
      const attrs: RoadEdgeAttributes = {
        segmentId: line.id,
        lengthM: lineLengthM(coords),
        roadClass: seg.roadClass,
        highway: seg.highway,
        freeSpeedKmh: speed,
        oneway: seg.oneway !== 0,
        bridge: seg.bridge,
        tunnel: seg.tunnel,
        coords,
        cells: opts.grid ? cellsAlongLine(opts.grid, coords) : new Int32Array(0),
      };
      if (seg.name !== undefined) attrs.name = seg.name;
      graph.addDirectedEdgeWithKey(key, src, tgt, attrs);
    };
    const addPiece = (coords: XY[], va: number, vb: number): void => {
      const a = ensureNode(va, coords[0]);
      const b = ensureNode(vb, coords[coords.length - 1]);
      const reversed = [...coords].reverse();
      // A direction already present with this very geometry is the same street drawn twice (OSMnx writes two-way
      // streets as out-and-back ways): skip it. A different geometry between the same junctions is a parallel road.
      const wantF = forward && !sameEdge(a, b, coords);
      const wantR = backward && !sameEdge(b, a, reversed);
      const clash = a === b || (wantF && graph.hasDirectedEdge(a, b)) || (wantR && graph.hasDirectedEdge(b, a));
      if (clash) {
        // Split at the middle vertex (or the midpoint of a straight piece) so the graph stays simple.
        let mid = Math.floor(coords.length / 2);
        let pts = coords;
        if (coords.length === 2) {
          pts = [coords[0], [(coords[0][0] + coords[1][0]) / 2, (coords[0][1] + coords[1][1]) / 2], coords[1]];
          mid = 1;
        }
        const vm = positions.length;
        positions.push(pts[mid]);
        ensureNode(vm, pts[mid]);
        addPiece(pts.slice(0, mid + 1), va, vm);
        addPiece(pts.slice(mid), vm, vb);
        return;
      }
      if (wantF) addEdge(a, b, coords, 'f');
      if (wantR) addEdge(b, a, reversed, 'r');
      if (wantF || wantR) k++;
    };
    let start = 0;
    for (let i = 1; i < vs.length; i++) {
      if (i < vs.length - 1 && (uses.get(vs[i]) ?? 0) < 2) continue;
      addPiece(
        vs.slice(start, i + 1).map((v) => positions[v]),
        vs[start],
        vs[i],
      );
      start = i;
    }
  });
  // 5. Roads cut by the data's edge go on outside it: join their ends along the boundary.
  const outside = opts.boundaries
    ? connectBoundaryEnds(graph, opts.boundaries, opts.boundaryOptions)
    : { ends: 0, edges: 0 };
  // 6. Largest strongly connected component (ties: the one whose first node came first).
  const nodesBefore = graph.order;
  const edgesBefore = graph.size;
  const components = nodesBefore > 0 ? stronglyConnectedComponents(graph) : [];
  const index = (key: string) => Number(key.slice(1));
  let largest: string[] = [];
  for (const c of components) {
    if (
      c.length > largest.length ||
      (c.length === largest.length && Math.min(...c.map(index)) < Math.min(...largest.map(index)))
    )
      largest = c;
  }
  // One-way dead ends: traffic can enter but not leave (or the reverse). Real streets do not do that; the road was
  // cut, by the data's extent or a gap in it, and the SCC has to drop it and what only leads to it.
  const oneWayDeadEnds = graph.filterNodes(
    (n) => graph.neighbors(n).length === 1 && (graph.inDegree(n) === 0 || graph.outDegree(n) === 0),
  ).length;
  const segmentsBefore = new Set(graph.mapEdges((_, a) => a.segmentId));
  if (!opts.keepAllComponents) {
    const keep = new Set(largest);
    for (const n of graph.filterNodes((key) => !keep.has(key))) graph.dropNode(n);
  }
  const segmentsAfter = new Set(graph.mapEdges((_, a) => a.segmentId));
  const report: RoadGraphReport = {
    segmentsIn: roads.length,
    drivableSegments: drivable.length,
    nodes: graph.order,
    edges: graph.size,
    junctionsAdded: noded.junctionsAdded,
    piecesJoined: joins,
    largestComponentShare: nodesBefore > 0 ? largest.length / nodesBefore : 0,
    droppedNodes: nodesBefore - graph.order,
    droppedEdges: edgesBefore - graph.size,
    components: components.length,
    oneWayDeadEnds,
    verticesSnapped: noded.verticesSnapped,
    endsSnapped: noded.endsSnapped,
    droppedSegmentIds: [...segmentsBefore].filter((id) => !segmentsAfter.has(id)),
    boundaryEnds: outside.ends,
    virtualEdges: outside.edges,
  };
  return { graph, report };
}
