// Road tunnels and underpasses (下立交) as depressions: at each portal — a tunnel end that meets a surface road — the
// approach carriageway ramps down to `dipM` below the road over `rampLengthM`. An underpass is what floods first.
import type { XY } from '../types.ts';
import type { RoadSegment } from '../types.ts';

/** A tunnel portal and the ramp that leads down to it. */
export interface UnderpassPortal {
  /** Deterministic id: `portal-<tunnel segment id>-<start|end>`. */
  id: string;
  /** The tunnel segment the portal opens. */
  tunnelId: string;
  name?: string;
  /** The portal (the tunnel end), local metres. */
  xy: XY;
  /** The approach ramp from the portal outwards, along the surface roads, at most `rampLengthM` long. */
  ramp: XY[];
  /** Id of the surface road(s) the ramp runs on. */
  approachIds: string[];
}

const sq = (a: XY, b: XY): number => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** Direction of travel away from the end `atStart ? 0 : last` of a polyline, as a unit vector (into the line). */
function inward(coords: readonly XY[], atStart: boolean): XY {
  const n = coords.length;
  const a = atStart ? coords[0] : coords[n - 1];
  for (let k = 1; k < n; k++) {
    const b = atStart ? coords[k] : coords[n - 1 - k];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > 0) return [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
  }
  return [0, 0];
}

/**
 * Finds the portals of drivable road tunnels. A tunnel end is a portal when no other tunnel piece comes within
 * `snapM` of it (tile-clipped pieces of one tunnel meet end to end) and a drivable surface road (not a bridge, not a
 * tunnel) ends within `snapM` of it heading away from the tunnel (within 60° of the tunnel's own direction), so a
 * road that merely passes over the tunnel is not taken for its approach.
 * @param roads all road segments, sorted by id
 */
export function findUnderpassPortals(
  roads: readonly RoadSegment[],
  rampLengthM: number,
  snapM: number,
): UnderpassPortal[] {
  const tunnels = roads.filter((r) => r.tunnel && r.drivable && r.coords.length >= 2);
  const surface = roads.filter((r) => !r.tunnel && !r.bridge && r.drivable && r.coords.length >= 2);
  const snap2 = snapM * snapM;
  const portals: UnderpassPortal[] = [];
  for (const t of tunnels) {
    for (const atStart of [true, false]) {
      const end = atStart ? t.coords[0] : t.coords[t.coords.length - 1];
      // 1. Interior joint: another tunnel piece touches this end.
      const joined = tunnels.some((o) => o !== t && o.coords.some((p) => sq(p, end) <= snap2));
      if (joined) continue;
      // 2. Approaches: surface roads ending here and leaving roughly along the tunnel's line, outwards.
      const into = inward(t.coords, atStart);
      const out: XY = [-into[0], -into[1]];
      const approaches: { road: RoadSegment; atStart: boolean }[] = [];
      for (const r of surface) {
        for (const rs of [true, false]) {
          const p = rs ? r.coords[0] : r.coords[r.coords.length - 1];
          if (sq(p, end) > snap2) continue;
          const dir = inward(r.coords, rs);
          if (dir[0] * out[0] + dir[1] * out[1] >= 0.5) approaches.push({ road: r, atStart: rs });
        }
      }
      if (approaches.length === 0) continue;
      // 3. The ramp follows the best-aligned approach, continuing across joined pieces up to the ramp length.
      approaches.sort((a, b) => {
        const da = inward(a.road.coords, a.atStart);
        const db = inward(b.road.coords, b.atStart);
        return db[0] * out[0] + db[1] * out[1] - (da[0] * out[0] + da[1] * out[1]) || (a.road.id < b.road.id ? -1 : 1);
      });
      const { ramp, ids } = walkRamp(end, approaches[0].road, approaches[0].atStart, surface, rampLengthM, snap2);
      const portal: UnderpassPortal = {
        id: `portal-${t.id}-${atStart ? 'start' : 'end'}`,
        tunnelId: t.id,
        xy: [end[0], end[1]],
        ramp,
        approachIds: ids,
      };
      if (t.name) portal.name = t.name;
      portals.push(portal);
    }
  }
  return portals;
}

/** The polyline from `from` along `road` (and the pieces it joins, straightest first) for up to `lengthM`. */
function walkRamp(
  from: XY,
  first: RoadSegment,
  firstAtStart: boolean,
  surface: readonly RoadSegment[],
  lengthM: number,
  snap2: number,
): { ramp: XY[]; ids: string[] } {
  const ramp: XY[] = [[from[0], from[1]]];
  const ids: string[] = [];
  let road: RoadSegment | undefined = first;
  let atStart = firstAtStart;
  let left = lengthM;
  while (road && left > 0 && ids.length < 8) {
    ids.push(road.id);
    const pts = atStart ? road.coords : [...road.coords].reverse();
    let last = ramp[ramp.length - 1];
    for (let k = 1; k < pts.length && left > 0; k++) {
      const seg = Math.hypot(pts[k][0] - last[0], pts[k][1] - last[1]);
      if (seg === 0) continue;
      const take = Math.min(seg, left);
      const t = take / seg;
      last = [last[0] + (pts[k][0] - last[0]) * t, last[1] + (pts[k][1] - last[1]) * t];
      ramp.push(last);
      left -= take;
    }
    if (left <= 0) break;
    // Continue onto the piece that starts where this one ends, heading the same way.
    const end = pts[pts.length - 1];
    const heading = inward(pts, false);
    let next: RoadSegment | undefined;
    let nextAtStart = true;
    let bestDot = 0.7;
    for (const r of surface) {
      if (ids.includes(r.id)) continue;
      for (const rs of [true, false]) {
        const p = rs ? r.coords[0] : r.coords[r.coords.length - 1];
        if (sq(p, end) > snap2) continue;
        const dir = inward(r.coords, rs);
        const dot = -(dir[0] * heading[0] + dir[1] * heading[1]);
        if (dot > bestDot) {
          bestDot = dot;
          next = r;
          nextAtStart = rs;
        }
      }
    }
    road = next;
    atStart = nextAtStart;
  }
  return { ramp, ids };
}
