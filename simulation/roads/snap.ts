// Snapping points (depots, trucks, sites) to the road network: nearest edge by a uniform spatial grid over the
// edges' line segments, with the offset along the edge. A point too far from any road is "off the graph".
import type { XY } from '../../twin/types.ts';
import { SimulationError } from '../errors.ts';
import type { RoadCsr } from './road-csr.ts';
import type { RoadLocation } from './road-location.ts';

/** A point snapped onto an edge. */
export interface SnappedLocation extends RoadLocation {
  /** The nearest point on the road (m, local frame). */
  x: number;
  y: number;
  /** Distance (m) from the given point to the road. */
  distanceM: number;
  /** Offset (m) along the edge from its source, as a share of the edge's `lengthM`. */
  offsetM: number;
}

/** Default for how far from a road a site may be and still be served from it (m). */
export const DEFAULT_MAX_SNAP_M = 200;

/** Nearest-edge index over a road CSR. A two-way street is indexed once (its lower-numbered direction). */
export class EdgeSnapper {
  readonly csr: RoadCsr;
  readonly bucketM: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Segments of bucket b are bucketItems[bucketStart[b]] .. bucketItems[bucketStart[b + 1] - 1]. */
  private readonly bucketStart: Int32Array;
  private readonly bucketItems: Int32Array;
  /** Per segment: its edge, its start point, its end point and the polyline length before it. */
  private readonly segEdge: Int32Array;
  private readonly segXY: Float64Array;
  private readonly segStartM: Float64Array;
  private readonly edgePolylineM: Float64Array;

  /** Indexes every edge's geometry in square buckets of `bucketM` metres. */
  constructor(csr: RoadCsr, bucketM = 100) {
    this.csr = csr;
    this.bucketM = bucketM;
    // 1. Flatten the segments of the indexed edges.
    const segEdge: number[] = [];
    const segXY: number[] = [];
    const segStartM: number[] = [];
    this.edgePolylineM = new Float64Array(csr.edgeCount);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let e = 0; e < csr.edgeCount; e++) {
      const coords = csr.edgeCoords[e];
      let walked = 0;
      for (let i = 0; i + 1 < coords.length; i++) {
        const [ax, ay] = coords[i];
        const [bx, by] = coords[i + 1];
        const twin = csr.edgeTwin[e];
        if (twin < 0 || e < twin) {
          segEdge.push(e);
          segXY.push(ax, ay, bx, by);
          segStartM.push(walked);
          minX = Math.min(minX, ax, bx);
          minY = Math.min(minY, ay, by);
          maxX = Math.max(maxX, ax, bx);
          maxY = Math.max(maxY, ay, by);
        }
        walked += Math.hypot(bx - ax, by - ay);
      }
      this.edgePolylineM[e] = walked;
    }
    this.segEdge = Int32Array.from(segEdge);
    this.segXY = Float64Array.from(segXY);
    this.segStartM = Float64Array.from(segStartM);
    if (segEdge.length === 0) minX = minY = maxX = maxY = 0;
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.max(1, Math.floor((maxX - minX) / bucketM) + 1);
    this.rows = Math.max(1, Math.floor((maxY - minY) / bucketM) + 1);
    // 2. Count, then fill, the buckets each segment's bounding box overlaps.
    const counts = new Int32Array(this.cols * this.rows + 1);
    this.forEachSegmentBucket((b) => counts[b + 1]++);
    for (let b = 0; b < this.cols * this.rows; b++) counts[b + 1] += counts[b];
    this.bucketStart = counts.slice();
    this.bucketItems = new Int32Array(counts[this.cols * this.rows]);
    const fill = counts.slice();
    this.forEachSegmentBucket((b, s) => (this.bucketItems[fill[b]++] = s));
  }

  /** The nearest road point within `maxDistanceM` of (x, y), or null if there is none. */
  trySnap(x: number, y: number, maxDistanceM = DEFAULT_MAX_SNAP_M): SnappedLocation | null {
    const { bucketM, segXY } = this;
    const col = Math.floor((x - this.minX) / bucketM);
    const row = Math.floor((y - this.minY) / bucketM);
    const maxRing = Math.ceil(maxDistanceM / bucketM) + 1;
    let best = -1;
    let bestD2 = maxDistanceM * maxDistanceM;
    let bestT = 0;
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let r = row - ring; r <= row + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edgeRow = r === row - ring || r === row + ring;
        for (let c = col - ring; c <= col + ring; c += edgeRow || ring === 0 ? 1 : 2 * ring) {
          if (c < 0 || c >= this.cols) continue;
          const b = r * this.cols + c;
          for (let k = this.bucketStart[b]; k < this.bucketStart[b + 1]; k++) {
            const s = this.bucketItems[k];
            const ax = segXY[4 * s],
              ay = segXY[4 * s + 1],
              dx = segXY[4 * s + 2] - ax,
              dy = segXY[4 * s + 3] - ay;
            const len2 = dx * dx + dy * dy;
            const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
            const px = ax + t * dx - x,
              py = ay + t * dy - y;
            const d2 = px * px + py * py;
            if (d2 < bestD2 || (d2 === bestD2 && s < best) || (best < 0 && d2 <= bestD2)) {
              best = s;
              bestD2 = d2;
              bestT = t;
            }
          }
        }
      }
      // Anything in a farther ring is at least `ring` buckets away.
      if (best >= 0 && Math.sqrt(bestD2) <= ring * bucketM) break;
    }
    if (best < 0) return null;
    const e = this.segEdge[best];
    const segLen = Math.hypot(segXY[4 * best + 2] - segXY[4 * best], segXY[4 * best + 3] - segXY[4 * best + 1]);
    const along = this.segStartM[best] + bestT * segLen;
    const fraction = this.edgePolylineM[e] > 0 ? Math.min(1, along / this.edgePolylineM[e]) : 0;
    return {
      node: -1,
      edge: e,
      fraction,
      x: segXY[4 * best] + bestT * (segXY[4 * best + 2] - segXY[4 * best]),
      y: segXY[4 * best + 1] + bestT * (segXY[4 * best + 3] - segXY[4 * best + 1]),
      distanceM: Math.sqrt(bestD2),
      offsetM: fraction * this.csr.edgeLengthM[e],
    };
  }

  /** Like trySnap, but a point farther than `maxDistanceM` from every road throws "<label> is off the graph". */
  snap(xy: XY, label: string, maxDistanceM = DEFAULT_MAX_SNAP_M): SnappedLocation {
    const hit = this.trySnap(xy[0], xy[1], maxDistanceM);
    if (!hit) {
      throw new SimulationError(
        `${label} is off the graph: no drivable road within ${maxDistanceM} m of (${xy[0].toFixed(1)}, ${xy[1].toFixed(1)})`,
        { input: 'road snapping', item: label, field: 'xy' },
        'move it next to a street of the district, or raise the maximum snap distance',
      );
    }
    return hit;
  }

  private forEachSegmentBucket(visit: (bucket: number, segment: number) => void): void {
    const { segXY, bucketM } = this;
    for (let s = 0; s < this.segEdge.length; s++) {
      const c0 = Math.floor((Math.min(segXY[4 * s], segXY[4 * s + 2]) - this.minX) / bucketM);
      const c1 = Math.floor((Math.max(segXY[4 * s], segXY[4 * s + 2]) - this.minX) / bucketM);
      const r0 = Math.floor((Math.min(segXY[4 * s + 1], segXY[4 * s + 3]) - this.minY) / bucketM);
      const r1 = Math.floor((Math.max(segXY[4 * s + 1], segXY[4 * s + 3]) - this.minY) / bucketM);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * this.cols + c, s);
    }
  }
}
