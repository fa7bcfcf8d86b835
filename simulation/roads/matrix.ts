// Travel-time matrices (trucks × sites): one Dijkstra per origin over the CSR, stopping as soon as every node the
// targets hang on is settled. What dispatch and pre-positioning optimise over.
import { checkLocation, type RoadLocation } from './road-location.ts';
import { locationNode, type RouteFinder } from './routing.ts';

export interface MatrixOptions {
  /** Entries beyond this time (s) are reported as Infinity, and each search stops there. Default: no limit. */
  limitS?: number;
  /** Row-major output of length origins × targets to fill instead of allocating one. */
  out?: Float64Array;
}

/**
 * Time (s) from every origin to every target for class `vehicle`, row-major: out[i * targets.length + j].
 * Infinity means unreachable (every way closed or missing), never a guess.
 */
export function travelTimeMatrix(
  finder: RouteFinder,
  vehicle: string | number,
  origins: readonly RoadLocation[],
  targets: readonly RoadLocation[],
  options: MatrixOptions = {},
): Float64Array {
  const { csr } = finder.net;
  const limitS = options.limitS ?? Infinity;
  const size = origins.length * targets.length;
  const out = options.out ?? new Float64Array(size);
  if (out.length < size) {
    throw new RangeError(`simulation: travelTimeMatrix: out has ${out.length} entries, needs ${size}`);
  }
  // 1. The nodes each target is entered from: its own node, or the source ends of its edge and the edge's twin.
  const needed = new Int32Array(targets.length * 2).fill(-1);
  targets.forEach((t, j) => {
    checkLocation(csr, t, `target ${j}`);
    const node = locationNode(finder.net, t);
    if (node >= 0) needed[2 * j] = node;
    else {
      needed[2 * j] = csr.edgeSource[t.edge];
      if (csr.edgeTwin[t.edge] >= 0) needed[2 * j + 1] = csr.edgeSource[csr.edgeTwin[t.edge]];
    }
  });
  // 2. One bounded, early-exiting search per origin.
  const single: RoadLocation[] = [origins[0]];
  for (let i = 0; i < origins.length; i++) {
    single[0] = origins[i];
    finder.search(vehicle, single, limitS, needed);
    for (let j = 0; j < targets.length; j++) {
      const t = finder.arrivalS(targets[j]);
      out[i * targets.length + j] = t <= limitS ? t : Infinity;
    }
  }
  return out;
}

/** Time (s) from one origin to each target (one row of travelTimeMatrix). */
export function travelTimesFrom(
  finder: RouteFinder,
  vehicle: string | number,
  origin: RoadLocation,
  targets: readonly RoadLocation[],
  options: MatrixOptions = {},
): Float64Array {
  return travelTimeMatrix(finder, vehicle, [origin], targets, options);
}

/** For each target, the fastest origin and its time (s); -1 and Infinity where none gets there within the limit. */
export interface NearestOrigins {
  timeS: Float64Array;
  origin: Int32Array;
}

/**
 * One multi-source search: for each target, which origin (e.g. truck) reaches it first and how fast, for class
 * `vehicle`. With `limitS` = 600 this is "which hotspots can a truck reach within 10 minutes".
 */
export function nearestOrigins(
  finder: RouteFinder,
  vehicle: string | number,
  origins: readonly RoadLocation[],
  targets: readonly RoadLocation[],
  limitS = Infinity,
): NearestOrigins {
  const timeS = new Float64Array(targets.length);
  const origin = new Int32Array(targets.length);
  targets.forEach((t, j) => checkLocation(finder.net.csr, t, `target ${j}`));
  finder.search(vehicle, origins, limitS);
  targets.forEach((t, j) => {
    const s = finder.arrivalS(t);
    timeS[j] = s <= limitS ? s : Infinity;
    origin[j] = s <= limitS ? finder.arrivalOrigin(t) : -1;
  });
  return { timeS, origin };
}
