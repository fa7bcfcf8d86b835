// A typed-array mirror of the road graph (compressed sparse rows): the fast path for flood updates and routing.
// graphology stays the source of truth for topology; this is a snapshot of it, rebuilt only if the topology changes.
import type { GridSpec } from '../../twin/grid/grid-spec.ts';
import { cellAt } from '../../twin/grid/grid-spec.ts';
import type { RoadGraph } from '../../twin/road-graph/types.ts';
import type { XY } from '../../twin/types.ts';
import { SimulationError } from '../errors.ts';

/**
 * The road graph as flat arrays. Nodes are numbered in graphology's node order, edges grouped by source node in
 * graphology's out-edge order, so the numbering is deterministic for a given graph.
 */
export interface RoadCsr {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** graphology node key per node index. */
  readonly nodeIds: readonly string[];
  /** Node position in the local frame (m). */
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;
  /** Out-edges of node i are edge indices outStart[i] .. outStart[i + 1] - 1. Length nodeCount + 1. */
  readonly outStart: Int32Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Edge length (m). */
  readonly edgeLengthM: Float64Array;
  /** Free-flow speed (km/h). */
  readonly edgeFreeSpeedKmh: Float64Array;
  /** The same road the other way (same segment, reversed ends), or -1 for a one-way edge. */
  readonly edgeTwin: Int32Array;
  /** 1 for tunnels and underpasses, which close at the underpass depth. */
  readonly edgeTunnel: Uint8Array;
  /** graphology edge key per edge index. */
  readonly edgeKeys: readonly string[];
  readonly edgeSegmentIds: readonly string[];
  /** Edge geometry, from the edge's source to its target (shared with the graph, do not mutate). */
  readonly edgeCoords: readonly (readonly XY[])[];
  /** Cells of edge e are cells[cellStart[e]] .. cells[cellStart[e + 1] - 1]. Length edgeCount + 1. */
  readonly cellStart: Int32Array;
  /** Grid cell indices crossed, all edges end to end. */
  readonly cells: Int32Array;
  /** Length of the edge inside each of those cells (m), parallel to `cells`. */
  readonly cellLengthM: Float64Array;
  /** Length of the edge not covered by any listed cell (m): outside the grid, or the whole edge if it has no cells. */
  readonly edgeDryLengthM: Float64Array;
  /** One more than the largest cell index referenced (0 if none): the depth field must be at least this long. */
  readonly minDepthLength: number;
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly edgeIndex: ReadonlyMap<string, number>;
  /** Edge indices per segment id (both directions of a two-way street). */
  readonly segmentEdges: ReadonlyMap<string, readonly number[]>;
}

/**
 * Builds the CSR mirror of `graph`. With `grid`, each edge's length is shared among its cells by walking its geometry
 * (so a road clipping a corner of a cell gets a short share); without, the length is split equally among the cells.
 */
export function buildRoadCsr(graph: RoadGraph, grid?: GridSpec): RoadCsr {
  const nodeIds = graph.nodes();
  const nodeCount = nodeIds.length;
  const nodeIndex = new Map<string, number>();
  const nodeX = new Float64Array(nodeCount);
  const nodeY = new Float64Array(nodeCount);
  nodeIds.forEach((id, i) => {
    nodeIndex.set(id, i);
    const a = graph.getNodeAttributes(id);
    nodeX[i] = a.x;
    nodeY[i] = a.y;
  });

  // 1. Number the edges grouped by source node.
  const edgeCount = graph.size;
  const outStart = new Int32Array(nodeCount + 1);
  const edgeKeys: string[] = [];
  const edgeSource = new Int32Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  for (let i = 0; i < nodeCount; i++) {
    outStart[i] = edgeKeys.length;
    graph.forEachOutEdge(nodeIds[i], (key, _attrs, _s, target) => {
      edgeSource[edgeKeys.length] = i;
      edgeTarget[edgeKeys.length] = nodeIndex.get(target)!;
      edgeKeys.push(key);
    });
  }
  outStart[nodeCount] = edgeKeys.length;

  // 2. Copy the attributes routing needs, checking each.
  const edgeLengthM = new Float64Array(edgeCount);
  const edgeFreeSpeedKmh = new Float64Array(edgeCount);
  const edgeTunnel = new Uint8Array(edgeCount);
  const edgeSegmentIds: string[] = new Array<string>(edgeCount);
  const edgeCoords: XY[][] = new Array<XY[]>(edgeCount);
  const edgeIndex = new Map<string, number>();
  const segmentEdges = new Map<string, number[]>();
  let totalCells = 0;
  for (let e = 0; e < edgeCount; e++) {
    const key = edgeKeys[e];
    const a = graph.getEdgeAttributes(key);
    const where = { input: 'road graph', item: `edge ${key}` };
    if (!(Number.isFinite(a.lengthM) && a.lengthM >= 0)) {
      throw new SimulationError(
        `length ${a.lengthM} m is not a length`,
        { ...where, field: 'lengthM' },
        'rebuild the road graph',
      );
    }
    if (!(Number.isFinite(a.freeSpeedKmh) && a.freeSpeedKmh > 0)) {
      throw new SimulationError(
        `free-flow speed ${a.freeSpeedKmh} km/h is not a positive speed`,
        { ...where, field: 'freeSpeedKmh' },
        'give every drivable road a speed above 0 (the graph builder defaults it by road class)',
      );
    }
    edgeIndex.set(key, e);
    edgeLengthM[e] = a.lengthM;
    edgeFreeSpeedKmh[e] = a.freeSpeedKmh;
    edgeTunnel[e] = a.tunnel ? 1 : 0;
    edgeSegmentIds[e] = a.segmentId;
    edgeCoords[e] = a.coords;
    const list = segmentEdges.get(a.segmentId);
    if (list) list.push(e);
    else segmentEdges.set(a.segmentId, [e]);
    totalCells += a.cells?.length ?? 0;
  }

  // 3. Twins: the reverse edge between the same junctions from the same segment.
  const edgeTwin = new Int32Array(edgeCount).fill(-1);
  for (let e = 0; e < edgeCount; e++) {
    const back = graph.edge(nodeIds[edgeTarget[e]], nodeIds[edgeSource[e]]);
    if (back !== undefined && edgeSegmentIds[edgeIndex.get(back)!] === edgeSegmentIds[e])
      edgeTwin[e] = edgeIndex.get(back)!;
  }

  // 4. Cells and the length of the edge inside each.
  const cellStart = new Int32Array(edgeCount + 1);
  const cells = new Int32Array(totalCells);
  const cellLengthM = new Float64Array(totalCells);
  const edgeDryLengthM = new Float64Array(edgeCount);
  let minDepthLength = 0;
  let at = 0;
  for (let e = 0; e < edgeCount; e++) {
    cellStart[e] = at;
    const edgeCells = graph.getEdgeAttribute(edgeKeys[e], 'cells') ?? new Int32Array(0);
    for (let k = 0; k < edgeCells.length; k++) {
      const c = edgeCells[k];
      if (!(c >= 0)) {
        throw new SimulationError(
          `cell index ${c} is negative`,
          { input: 'road graph', item: `edge ${edgeKeys[e]}`, field: 'cells' },
          'rebuild the road graph on the district grid',
        );
      }
      cells[at + k] = c;
      if (c + 1 > minDepthLength) minDepthLength = c + 1;
    }
    const n = edgeCells.length;
    if (n === 0) edgeDryLengthM[e] = edgeLengthM[e];
    else if (grid)
      edgeDryLengthM[e] = shareLengthByCells(grid, edgeCoords[e], cells, at, n, edgeLengthM[e], cellLengthM);
    else for (let k = 0; k < n; k++) cellLengthM[at + k] = edgeLengthM[e] / n;
    at += n;
  }
  cellStart[edgeCount] = at;

  return {
    nodeCount,
    edgeCount,
    nodeIds,
    nodeX,
    nodeY,
    outStart,
    edgeSource,
    edgeTarget,
    edgeLengthM,
    edgeFreeSpeedKmh,
    edgeTwin,
    edgeTunnel,
    edgeKeys,
    edgeSegmentIds,
    edgeCoords,
    cellStart,
    cells,
    cellLengthM,
    edgeDryLengthM,
    minDepthLength,
    nodeIndex,
    edgeIndex,
    segmentEdges,
  };
}

/**
 * Walks `coords` in steps of an eighth of a cell and credits each step's length to the listed cell under its midpoint,
 * scaled so the shares plus the returned uncovered ("dry") length add up to `lengthM`.
 */
function shareLengthByCells(
  grid: GridSpec,
  coords: readonly XY[],
  cells: Int32Array,
  start: number,
  count: number,
  lengthM: number,
  out: Float64Array,
): number {
  const step = grid.cellM / 8;
  let walked = 0;
  let covered = 0;
  let cursor = 0;
  for (let i = 0; i + 1 < coords.length; i++) {
    const [ax, ay] = coords[i];
    const [bx, by] = coords[i + 1];
    const len = Math.hypot(bx - ax, by - ay);
    const n = Math.max(1, Math.ceil(len / step));
    for (let k = 0; k < n; k++) {
      const t = (k + 0.5) / n;
      const c = cellAt(grid, ax + (bx - ax) * t, ay + (by - ay) * t);
      walked += len / n;
      if (c < 0) continue;
      // Cells are listed in order along the line, so search forward from the last hit first.
      let found = -1;
      for (let j = 0; j < count && found < 0; j++) {
        const idx = (cursor + j) % count;
        if (cells[start + idx] === c) found = idx;
      }
      if (found < 0) continue;
      cursor = found;
      out[start + found] += len / n;
      covered += len / n;
    }
  }
  if (walked === 0) {
    for (let k = 0; k < count; k++) out[start + k] = lengthM / count;
    return 0;
  }
  const scale = lengthM / walked;
  for (let k = 0; k < count; k++) out[start + k] *= scale;
  return Math.max(0, lengthM - covered * scale);
}
