// Where a pump truck is between two control steps: along the road it had ahead at the earlier step, as far as the
// point nearest where it stands at the later step; straight across only when it was rerouted off that road.
// Pure (local metres in, local metres out), so tests can check it without a screen.

export type XY = readonly [number, number];

/** How far (m) the later position may lie off the earlier route before the route is not trusted. */
export const OFF_ROUTE_M = 40;

/** A truck's place at the earlier step: where it is and the road still ahead (empty when standing). */
export interface TruckAt {
  xy: XY;
  route: readonly XY[];
}

/** Position (m) and heading (radians, counter-clockwise from east) at fraction `f` (0–1) of the step. */
export interface TruckPose {
  x: number;
  y: number;
  headingRad: number;
}

/** Interpolates a truck between steps; `later` null (not in the later view) keeps it where it was. */
export function truckPoseAt(earlier: TruckAt, later: XY | null, f: number, prevHeadingRad = 0): TruckPose {
  const t = Math.min(1, Math.max(0, f));
  const path: XY[] = [earlier.xy, ...earlier.route];
  if (!later) return { x: earlier.xy[0], y: earlier.xy[1], headingRad: headingOf(path, 0, prevHeadingRad) };
  const near = nearestOnPath(path, later);
  if (path.length < 2 || near.distM > OFF_ROUTE_M) {
    const x = earlier.xy[0] + (later[0] - earlier.xy[0]) * t;
    const y = earlier.xy[1] + (later[1] - earlier.xy[1]) * t;
    const moved = Math.hypot(later[0] - earlier.xy[0], later[1] - earlier.xy[1]) > 0.5;
    const heading = moved ? Math.atan2(later[1] - earlier.xy[1], later[0] - earlier.xy[0]) : prevHeadingRad;
    return { x, y, headingRad: heading };
  }
  const s = near.alongM * t;
  let acc = 0;
  for (let i = 0; i + 1 < path.length; i++) {
    const len = segLen(path, i);
    if (acc + len >= s || i + 2 === path.length) {
      const u = len > 0 ? Math.min(1, (s - acc) / len) : 0;
      return {
        x: path[i][0] + (path[i + 1][0] - path[i][0]) * u,
        y: path[i][1] + (path[i + 1][1] - path[i][1]) * u,
        headingRad: headingOf(path, i, prevHeadingRad),
      };
    }
    acc += len;
  }
  return { x: earlier.xy[0], y: earlier.xy[1], headingRad: prevHeadingRad };
}

/** Distance along the path (m) of the point nearest `p`, and how far `p` is from it. */
export function nearestOnPath(path: readonly XY[], p: XY): { alongM: number; distM: number } {
  if (path.length === 0) return { alongM: 0, distM: Infinity };
  let best = { alongM: 0, distM: Math.hypot(p[0] - path[0][0], p[1] - path[0][1]) };
  let acc = 0;
  for (let i = 0; i + 1 < path.length; i++) {
    const [ax, ay] = path[i];
    const dx = path[i + 1][0] - ax;
    const dy = path[i + 1][1] - ay;
    const len2 = dx * dx + dy * dy;
    const u = len2 > 0 ? Math.min(1, Math.max(0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2)) : 0;
    const d = Math.hypot(p[0] - (ax + dx * u), p[1] - (ay + dy * u));
    if (d < best.distM - 1e-9) best = { alongM: acc + Math.sqrt(len2) * u, distM: d };
    acc += Math.sqrt(len2);
  }
  return best;
}

function segLen(path: readonly XY[], i: number): number {
  return Math.hypot(path[i + 1][0] - path[i][0], path[i + 1][1] - path[i][1]);
}

function headingOf(path: readonly XY[], i: number, fallback: number): number {
  for (let j = i; j + 1 < path.length; j++)
    if (segLen(path, j) > 0.01) return Math.atan2(path[j + 1][1] - path[j][1], path[j + 1][0] - path[j][0]);
  return fallback;
}
