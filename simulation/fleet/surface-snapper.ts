// Snapping sites, depots and staging points to the street surface: a point above a road tunnel (the Bund tunnel runs
// under the surface road, on the same line in plan) belongs on the surface road, since an underpass closes first.
import { EdgeSnapper, type RoadCsr, type SnappedLocation } from '../roads/index.ts';

/** Nearest-road lookup that prefers surface roads and falls back to tunnels only when no surface road is in reach. */
export class SurfaceSnapper {
  private readonly surface: EdgeSnapper;
  private readonly all: EdgeSnapper;

  constructor(csr: RoadCsr) {
    this.all = new EdgeSnapper(csr);
    // The same numbering with tunnel geometry left out, so no tunnel edge is ever nearest.
    this.surface = new EdgeSnapper({
      ...csr,
      edgeCoords: csr.edgeCoords.map((coords, e) => (csr.edgeTunnel[e] === 1 ? [] : coords)),
    });
  }

  /** The nearest surface road point within `maxDistanceM` (m) of (x, y), else the nearest tunnel point, else null. */
  trySnap(x: number, y: number, maxDistanceM: number): SnappedLocation | null {
    return this.surface.trySnap(x, y, maxDistanceM) ?? this.all.trySnap(x, y, maxDistanceM);
  }
}
