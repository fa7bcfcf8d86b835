// The road network as a graphology graph: what routing, flood-aware travel times and the fleet work on.
import type { DirectedGraph } from 'graphology';
import type { RoadClass, XY } from '../types.ts';

/** A junction (or dead end) in the local frame. */
export interface RoadNodeAttributes {
  x: number;
  y: number;
}

/**
 * One drivable direction of a road between two junctions. A two-way street is two edges, one each way,
 * sharing `segmentId`. `coords` run from the source node to the target node.
 */
export interface RoadEdgeAttributes {
  /** The RoadSegment (or merged segments) this edge came from. */
  segmentId: string;
  lengthM: number;
  roadClass: RoadClass;
  highway: string;
  freeSpeedKmh: number;
  /** True when the street is one way (this edge has no twin in the other direction). */
  oneway: boolean;
  bridge: boolean;
  tunnel: boolean;
  name?: string;
  coords: XY[];
  /** Grid cells the edge crosses, in order (indices into the district Grid), empty if built without a grid. */
  cells: Int32Array;
  /**
   * True for a connector standing for the road network outside the data (beyond the district's edge or across a
   * declared gap in the source): it has no cells, never floods and is not drawn. See boundary-connectors.ts.
   */
  virtual?: boolean;
}

export type RoadGraph = DirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>;

/** What building the graph kept and dropped. */
export interface RoadGraphReport {
  segmentsIn: number;
  drivableSegments: number;
  nodes: number;
  edges: number;
  /** Junctions created where roads crossed at grade without sharing a vertex. */
  junctionsAdded: number;
  /** Pieces joined end to end across tile edges. */
  piecesJoined: number;
  /** Share of drivable nodes (junctions and ends) kept in the largest strongly connected component. */
  largestComponentShare: number;
  droppedNodes: number;
  droppedEdges: number;
  /** Strongly connected components before dropping (1 when the network is fully connected). */
  components: number;
  /**
   * Nodes where a one-way road stops with no way on (entry only or exit only). They mark roads cut by the data's
   * extent or by a gap in it; each such road, and what leads only to it, falls out of the strongly connected graph.
   */
  oneWayDeadEnds: number;
  /** Vertices of different roads merged because they lay within the snap tolerance. */
  verticesSnapped: number;
  /** Dangling road ends snapped onto a road within the snap tolerance. */
  endsSnapped: number;
  /** Segment ids (RoadEdgeAttributes.segmentId) none of whose edges survived, in graph order. */
  droppedSegmentIds: string[];
  /** Road ends at the data's boundary joined to the outside network, and the virtual edges added for it. */
  boundaryEnds: number;
  virtualEdges: number;
}
