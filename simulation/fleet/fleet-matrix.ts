// Travel times from trucks to sites for a fleet whose trucks wade to different depths: one matrix per vehicle class
// (F's CSR matrix), scattered back into truck order. What dispatch and the reachability KPI read.
import { nearestOrigins, travelTimeMatrix, type RoadLocation, type RouteFinder } from '../roads/index.ts';
import type { Truck } from './truck.ts';

/** Time (s) from each truck's current position to each target, row-major trucks × targets; Infinity = unreachable. */
export function fleetMatrix(
  finder: RouteFinder,
  trucks: readonly Truck[],
  targets: readonly RoadLocation[],
): Float64Array {
  const out = new Float64Array(trucks.length * targets.length);
  if (targets.length === 0) return out;
  for (const [classIndex, rows] of byClass(trucks)) {
    const part = travelTimeMatrix(
      finder,
      classIndex,
      rows.map((i) => trucks[i].currentLocation()),
      targets,
    );
    rows.forEach((i, k) => out.set(part.subarray(k * targets.length, (k + 1) * targets.length), i * targets.length));
  }
  return out;
}

/** For each target, the least time (s) any of `trucks` needs to reach it (Infinity if none can within `limitS`). */
export function fastestArrivalS(
  finder: RouteFinder,
  trucks: readonly Truck[],
  targets: readonly RoadLocation[],
  limitS = Infinity,
): Float64Array {
  const best = new Float64Array(targets.length).fill(Infinity);
  if (targets.length === 0) return best;
  for (const [classIndex, rows] of byClass(trucks)) {
    const near = nearestOrigins(
      finder,
      classIndex,
      rows.map((i) => trucks[i].currentLocation()),
      targets,
      limitS,
    );
    for (let j = 0; j < targets.length; j++) if (near.timeS[j] < best[j]) best[j] = near.timeS[j];
  }
  return best;
}

/** Truck positions (indices into `trucks`) grouped by vehicle class, classes ascending. */
function byClass(trucks: readonly Truck[]): [number, number[]][] {
  const groups = new Map<number, number[]>();
  trucks.forEach((t, i) => {
    const list = groups.get(t.spec.classIndex);
    if (list) list.push(i);
    else groups.set(t.spec.classIndex, [i]);
  });
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}
