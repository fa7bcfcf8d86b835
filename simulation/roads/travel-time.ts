// Flood-aware travel times: each control step, the depth field sets every edge's time per vehicle class, in place,
// on the typed-array mirror of the graph (no rebuild); event closures (fallen tree, police cordon…) sit on top.
import type { GridSpec } from '../../twin/grid/grid-spec.ts';
import type { RoadGraph } from '../../twin/road-graph/types.ts';
import { SimulationError } from '../errors.ts';
import {
  DEFAULT_VEHICLE_CLASSES,
  PREGNOLATO_A,
  PREGNOLATO_B,
  PREGNOLATO_C,
  PREGNOLATO_MIN_SPEED_KMH,
  PREGNOLATO_VERTEX_MM,
  UNDERPASS_CLOSURE_DEPTH_M,
  type VehicleClass,
} from './depth-disruption.ts';
import { buildRoadCsr, type RoadCsr } from './road-csr.ts';

/** Why an edge is closed. 'depth' is the class's wading depth; the others apply to every class. */
export type ClosureReason = 'depth' | 'underpassFlooded' | 'fallenTree' | 'policeCordon' | 'other';

/** The reasons an operator or scenario event can close a road with (bit positions in the event mask). */
export const EVENT_CLOSURE_REASONS = ['underpassFlooded', 'fallenTree', 'policeCordon', 'other'] as const;
export type EventClosureReason = (typeof EVENT_CLOSURE_REASONS)[number];

/** A change in whether an edge is open to the reference class (class 0), for road.closed / road.reopened events. */
export interface RoadClosureChange {
  edge: number;
  edgeKey: string;
  segmentId: string;
  closed: boolean;
  /** The reason that closed it, or the one lifted (for a reopening). */
  reason: ClosureReason;
  timeS: number;
}

export interface FloodAwareNetworkOptions {
  /** The district grid the edges' cells index; lets each cell carry its true share of the edge length. */
  grid?: GridSpec;
  /** Vehicle classes, class 0 first (the reference for closure events). Default: car, pump truck. */
  vehicleClasses?: readonly VehicleClass[];
  /** Depth (m) at which tunnel/underpass edges close to every class. Default 0.25 (Shanghai); Infinity disables. */
  underpassClosureDepthM?: number;
}

/** A network's changing state (see `FloodAwareNetwork.state`). */
export interface NetworkState {
  timeS: number;
  depthTimeS: Float64Array[];
  travelTimeS: Float64Array[];
  edgeMaxDepthM: Float32Array;
  eventClosureMask: Uint8Array;
  closedForRef: Uint8Array;
  refReason: Uint8Array;
}

/**
 * The road network with travel times that follow the flood. Edge travel time for a class is
 * Σ over the edge's cells of (length in cell / speed at that cell's depth) + dry length / free speed,
 * i.e. a length-weighted harmonic mean of speed: the time you get driving slowly through the deep stretch and at
 * speed elsewhere. Closure is decided by the MAX depth over the edge's cells: one drowned dip closes the road.
 */
export class FloodAwareNetwork {
  readonly csr: RoadCsr;
  readonly vehicleClasses: readonly VehicleClass[];
  readonly underpassClosureDepthM: number;
  /** Travel time (s) per class per edge; Infinity when closed. Updated in place; routing reads it directly. */
  readonly travelTimeS: readonly Float64Array[];
  /** Deepest water (m) over each edge's cells at the last update. */
  readonly edgeMaxDepthM: Float32Array;
  /** Active event closures per edge, one bit per EVENT_CLOSURE_REASONS entry. */
  readonly eventClosureMask: Uint8Array;
  /** Simulation time (s) of the last update or event. */
  timeS = 0;
  private readonly depthTimeS: Float64Array[];
  private readonly closedForRef: Uint8Array;
  private readonly refReason: Uint8Array;

  /** Mirrors `graph` (see buildRoadCsr) and starts dry: every edge at free-flow speed. */
  static fromGraph(graph: RoadGraph, options: FloodAwareNetworkOptions = {}): FloodAwareNetwork {
    return new FloodAwareNetwork(buildRoadCsr(graph, options.grid), options);
  }

  constructor(csr: RoadCsr, options: FloodAwareNetworkOptions = {}) {
    this.csr = csr;
    this.vehicleClasses = options.vehicleClasses ?? DEFAULT_VEHICLE_CLASSES;
    if (this.vehicleClasses.length === 0) {
      throw new SimulationError(
        'no vehicle classes',
        { input: 'FloodAwareNetwork', field: 'vehicleClasses' },
        'give at least one, e.g. CAR',
      );
    }
    this.vehicleClasses.forEach((v, i) => {
      if (!(v.closureDepthM > 0)) {
        throw new SimulationError(
          `closure depth ${v.closureDepthM} m is not above 0`,
          { input: 'vehicle class', item: v.id ?? i, field: 'closureDepthM' },
          'give the wading depth in metres, e.g. 0.3 for cars',
        );
      }
    });
    this.underpassClosureDepthM = options.underpassClosureDepthM ?? UNDERPASS_CLOSURE_DEPTH_M;
    const m = csr.edgeCount;
    this.depthTimeS = this.vehicleClasses.map(() => new Float64Array(m));
    this.travelTimeS = this.vehicleClasses.map(() => new Float64Array(m));
    this.edgeMaxDepthM = new Float32Array(m);
    this.eventClosureMask = new Uint8Array(m);
    this.closedForRef = new Uint8Array(m);
    this.refReason = new Uint8Array(m);
    this.update(null, 0);
  }

  /** What changes during a run (travel times, depths, closures), copied as plain data. */
  state(): NetworkState {
    return {
      timeS: this.timeS,
      depthTimeS: this.depthTimeS.map((a) => a.slice()),
      travelTimeS: this.travelTimeS.map((a) => a.slice()),
      edgeMaxDepthM: this.edgeMaxDepthM.slice(),
      eventClosureMask: this.eventClosureMask.slice(),
      closedForRef: this.closedForRef.slice(),
      refReason: this.refReason.slice(),
    };
  }

  /** Puts back a `state()` of a network over the same roads and vehicle classes. */
  load(s: NetworkState): void {
    const m = this.csr.edgeCount;
    if (s.edgeMaxDepthM.length !== m || s.travelTimeS.length !== this.travelTimeS.length)
      throw new SimulationError(
        `state has ${s.edgeMaxDepthM.length} edges and ${s.travelTimeS.length} classes, the network ${m} and ${this.travelTimeS.length}`,
        { input: 'road network state' },
        'restore onto the network of the same district, cell size and fleet',
      );
    this.timeS = s.timeS;
    s.depthTimeS.forEach((a, c) => this.depthTimeS[c].set(a));
    s.travelTimeS.forEach((a, c) => this.travelTimeS[c].set(a));
    this.edgeMaxDepthM.set(s.edgeMaxDepthM);
    this.eventClosureMask.set(s.eventClosureMask);
    this.closedForRef.set(s.closedForRef);
    this.refReason.set(s.refReason);
  }

  /** Index of the vehicle class named `id` (or `id` itself if a valid index). Throws for an unknown class. */
  classIndex(id: string | number): number {
    const i = typeof id === 'number' ? id : this.vehicleClasses.findIndex((v) => v.id === id);
    if (!(i >= 0 && i < this.vehicleClasses.length)) {
      throw new SimulationError(
        `unknown vehicle class "${id}"`,
        { input: 'road network', field: 'vehicleClass' },
        `use one of ${this.vehicleClasses.map((v) => v.id).join(', ')}`,
      );
    }
    return i;
  }

  /**
   * Recomputes every edge's travel time from the depth field (m per grid cell; NaN or negative reads as dry), or from
   * a dry road if `depthM` is null. O(total cells × classes), no allocation. Pushes closure changes for class 0 into
   * `changes` if given; returns the number of edges closed to class 0.
   */
  update(depthM: Float32Array | null, timeS: number, changes?: RoadClosureChange[]): number {
    const { csr } = this;
    if (depthM && depthM.length < csr.minDepthLength) {
      throw new SimulationError(
        `depth field has ${depthM.length} cells but the roads reference cell ${csr.minDepthLength - 1}`,
        { input: 'depth field', field: 'depthM' },
        'pass the depth field of the grid the road graph was built on',
      );
    }
    this.timeS = timeS;
    const { cellStart, cells, cellLengthM, edgeDryLengthM, edgeFreeSpeedKmh } = csr;
    const classCount = this.vehicleClasses.length;
    // 1. Deepest cell of each edge.
    for (let e = 0; e < csr.edgeCount; e++) {
      let maxDepth = 0;
      if (depthM) {
        for (let k = cellStart[e]; k < cellStart[e + 1]; k++) {
          const d = depthM[cells[k]];
          if (d > maxDepth) maxDepth = d;
        }
      }
      this.edgeMaxDepthM[e] = maxDepth;
    }
    // 2. Time per class: cell by cell along the edge, each at the capped curve speed for its depth.
    for (let c = 0; c < classCount; c++) {
      const vehicle = this.vehicleClasses[c];
      const out = this.depthTimeS[c];
      const topKmh = vehicle.maxSpeedKmh ?? Infinity;
      for (let e = 0; e < csr.edgeCount; e++) {
        if (this.edgeMaxDepthM[e] >= vehicle.closureDepthM) {
          out[e] = Infinity;
          continue;
        }
        const capKmh = edgeFreeSpeedKmh[e] < topKmh ? edgeFreeSpeedKmh[e] : topKmh;
        let hours = edgeDryLengthM[e] / 1000 / capKmh;
        for (let k = cellStart[e]; k < cellStart[e + 1]; k++) {
          const d = depthM ? depthM[cells[k]] : 0;
          let v = PREGNOLATO_C;
          if (d > 0) {
            const mm = d * 1000;
            v =
              mm >= PREGNOLATO_VERTEX_MM
                ? PREGNOLATO_MIN_SPEED_KMH
                : (PREGNOLATO_A * mm + PREGNOLATO_B) * mm + PREGNOLATO_C;
          }
          hours += cellLengthM[k] / 1000 / (v < capKmh ? v : capKmh);
        }
        out[e] = hours * 3600;
      }
    }
    // 3. Underpass rule and event closures on top, then report what changed for the reference class.
    return this.applyClosures(changes);
  }

  /**
   * Closes the road `ref` (a graphology edge key, or a segment id for both directions) to every class, for `reason`,
   * from `timeS`. Travel times change at once. Throws if `ref` names nothing on the network.
   */
  close(ref: string, reason: EventClosureReason, timeS: number, changes?: RoadClosureChange[]): number[] {
    const bit = reasonBit(reason, ref);
    const edges = this.resolve(ref);
    for (const e of edges) this.eventClosureMask[e] |= bit;
    this.timeS = timeS;
    this.applyClosures(changes);
    return edges;
  }

  /** Lifts the event closure of `ref` for `reason`, or for every reason if omitted. Depth closures still apply. */
  open(ref: string, reason: EventClosureReason | undefined, timeS: number, changes?: RoadClosureChange[]): number[] {
    const keep = reason === undefined ? 0 : ~reasonBit(reason, ref) & 0xff;
    const edges = this.resolve(ref);
    for (const e of edges) this.eventClosureMask[e] &= keep;
    this.timeS = timeS;
    this.applyClosures(changes);
    return edges;
  }

  /** True when edge `edge` cannot be driven by class `classIndex` now. */
  isClosed(edge: number, classIndex = 0): boolean {
    return this.travelTimeS[classIndex][edge] === Infinity;
  }

  /** Total length (m) of edges closed to class `classIndex`; a two-way street counts once per direction. */
  closedLengthM(classIndex = 0): number {
    const t = this.travelTimeS[classIndex];
    let sum = 0;
    for (let e = 0; e < this.csr.edgeCount; e++) if (t[e] === Infinity) sum += this.csr.edgeLengthM[e];
    return sum;
  }

  /** Edge indices named by an edge key or a segment id. */
  resolve(ref: string): number[] {
    const e = this.csr.edgeIndex.get(ref);
    if (e !== undefined) return [e];
    const seg = this.csr.segmentEdges.get(ref);
    if (seg) return [...seg];
    throw new SimulationError(
      `no road edge or segment "${ref}"`,
      { input: 'road closure', item: ref },
      'name a graph edge key or a road segment id of this district',
    );
  }

  /** Copies depth times to travel times, overlaying closures; reports class-0 changes. */
  private applyClosures(changes?: RoadClosureChange[]): number {
    const { csr } = this;
    const underpassM = this.underpassClosureDepthM;
    let closedCount = 0;
    for (let e = 0; e < csr.edgeCount; e++) {
      const mask = this.eventClosureMask[e];
      // Reason codes: 0 open, 1 depth, 2 underpass by depth, 3 + bit index for events.
      let reason = 0;
      if (mask !== 0) reason = 3 + (31 - Math.clz32(mask & -mask));
      else if (csr.edgeTunnel[e] === 1 && this.edgeMaxDepthM[e] >= underpassM) reason = 2;
      for (let c = 0; c < this.travelTimeS.length; c++) {
        this.travelTimeS[c][e] = reason >= 2 ? Infinity : this.depthTimeS[c][e];
      }
      if (reason === 0 && this.travelTimeS[0][e] === Infinity) reason = 1;
      const closed = reason !== 0 ? 1 : 0;
      if (closed) closedCount++;
      if (changes && closed !== this.closedForRef[e]) {
        changes.push({
          edge: e,
          edgeKey: csr.edgeKeys[e],
          segmentId: csr.edgeSegmentIds[e],
          closed: closed === 1,
          reason: reasonName(closed ? reason : this.refReason[e]),
          timeS: this.timeS,
        });
      }
      this.closedForRef[e] = closed;
      this.refReason[e] = reason;
    }
    return closedCount;
  }
}

function reasonBit(reason: EventClosureReason, ref: string): number {
  const i = EVENT_CLOSURE_REASONS.indexOf(reason);
  if (i < 0) {
    throw new SimulationError(
      `unknown closure reason "${reason}"`,
      { input: 'road closure', item: ref, field: 'reason' },
      `use one of ${EVENT_CLOSURE_REASONS.join(', ')}`,
    );
  }
  return 1 << i;
}

function reasonName(code: number): ClosureReason {
  if (code === 1) return 'depth';
  if (code === 2) return 'underpassFlooded';
  return EVENT_CLOSURE_REASONS[code - 3] ?? 'other';
}
