// A uniform-grid spatial hash over bounding boxes: the road graph's neighbour search for snapping and crossings,
// so finding candidates costs the local density, not the number of all segments.
import { TwinError } from '../errors.ts';

/** Buckets of item ids by grid cell. Items are registered by bounding box; queries return candidates in id order. */
export class SpatialHash {
  private readonly cells = new Map<number, number[]>();
  private readonly stamp: number[] = [];
  private query = 0;

  /** @param cellM bucket size in metres (about the size of the items or of the search radius) */
  constructor(readonly cellM: number) {
    if (!(cellM > 0))
      throw new TwinError(`road-graph: spatial hash cell size must be positive, got ${cellM}`, { field: 'cellM' });
  }

  private static key(ix: number, iy: number): number {
    // ±2^20 cells each way: a 1 m hash covers ±1,000 km, far more than a district.
    return (ix + 1_048_576) * 2_097_152 + (iy + 1_048_576);
  }

  /** Registers item `id` (a non-negative integer) over the box [minX, maxX] × [minY, maxY]. */
  insert(id: number, minX: number, minY: number, maxX: number, maxY: number): void {
    const x0 = Math.floor(minX / this.cellM);
    const x1 = Math.floor(maxX / this.cellM);
    const y0 = Math.floor(minY / this.cellM);
    const y1 = Math.floor(maxY / this.cellM);
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const k = SpatialHash.key(ix, iy);
        const bucket = this.cells.get(k);
        if (bucket) bucket.push(id);
        else this.cells.set(k, [id]);
      }
    }
  }

  /** Distinct ids whose registered boxes share a cell with the query box, ascending. */
  candidates(minX: number, minY: number, maxX: number, maxY: number): number[] {
    const q = ++this.query;
    const out: number[] = [];
    const x0 = Math.floor(minX / this.cellM);
    const x1 = Math.floor(maxX / this.cellM);
    const y0 = Math.floor(minY / this.cellM);
    const y1 = Math.floor(maxY / this.cellM);
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const bucket = this.cells.get(SpatialHash.key(ix, iy));
        if (!bucket) continue;
        for (const id of bucket) {
          if (this.stamp[id] === q) continue;
          this.stamp[id] = q;
          out.push(id);
        }
      }
    }
    return out.sort((a, b) => a - b);
  }
}
