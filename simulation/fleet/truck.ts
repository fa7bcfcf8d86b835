// One pump truck: its state (idle → enRoute → settingUp → pumping → movingOn → returning → idle, or outOfService),
// where it is along its route in time, and re-routing when an edge ahead closes. Cases and pumping are the controller's.
import type { XY } from '../../twin/types.ts';
import {
  locationNode,
  onEdge,
  pointAlong,
  slicePolyline,
  type FloodAwareNetwork,
  type FoundRoute,
  type RoadLocation,
  type RouteFinder,
} from '../roads/index.ts';

/** The states of a pump truck. */
export type TruckState = 'idle' | 'enRoute' | 'settingUp' | 'pumping' | 'movingOn' | 'returning' | 'outOfService';

/** What the fleet knows of a truck, checked at set-up. */
export interface TruckSpec {
  id: string;
  name: string;
  depotId: string;
  capacityM3PerH: number;
  /** Deepest water it drives through (m): its vehicle class's closure depth. */
  wadingDepthM: number;
  /** Index of its vehicle class on the network (the class with closure depth = wadingDepthM). */
  classIndex: number;
}

/** Where a truck goes home to between cases: its depot, or the point it was staged at. */
export interface TruckHome {
  /** Depot id, or 'staging'. */
  name: string;
  location: RoadLocation;
}

/** A truck and its motion. Mutable state, advanced by the fleet controller once per control step. */
export class Truck {
  state: TruckState;
  /** Where it stands when not driving (a junction or a point along an edge). */
  location: RoadLocation;
  home: TruckHome;
  /** The case it serves (index in the case book), -1 for none. */
  caseIndex = -1;
  /** True when the operator sent it: automatic re-plans leave it alone. */
  manual = false;
  /** Held by the operator: stays where it is, never dispatched automatically. */
  held = false;
  /** Recalled by the operator: not dispatched automatically until it is home. */
  recalled = false;
  /** Standing at a case site (arrived, not yet driven off): leaving from here is "moving on". */
  atSite = false;
  /** Standing at its home (depot or staging point). */
  atHome = true;
  /** A way home was sought and none found; cleared when it moves again (so "unreachable" is reported once). */
  stranded = false;
  /** Why it is out of service ('' when in service). */
  outOfServiceReason = '';
  /** When set-up on site ends (s), NaN when not setting up. */
  setupDoneS = NaN;
  /** Water pumped in the whole run and at the current case (m³). */
  pumpedM3 = 0;
  casePumpedM3 = 0;
  /** The route being driven, and how far along: piece index and fraction of that piece's edge. */
  route: FoundRoute | null = null;
  private piece = 0;
  private fraction = 0;
  private destination: RoadLocation | null = null;
  private goingHome = false;

  constructor(
    readonly spec: TruckSpec,
    readonly index: number,
    home: TruckHome,
  ) {
    this.home = home;
    this.location = home.location;
    this.state = 'idle';
  }

  /** Pump rate (m³/s). */
  get rateM3PerS(): number {
    return this.spec.capacityM3PerH / 3600;
  }

  /** True while driving a route. */
  get driving(): boolean {
    return this.route !== null;
  }

  /** Can be sent to a case now by an automatic policy: in service, not held or recalled, not already on a case. */
  get available(): boolean {
    return !this.held && !this.recalled && this.caseIndex < 0 && this.state !== 'outOfService';
  }

  /** Starts driving `route` to `destination` (its home if `home`) in `state`. An empty route arrives at the next drive. */
  startRoute(route: FoundRoute, destination: RoadLocation, state: TruckState, home = false): void {
    this.route = route;
    this.destination = destination;
    this.goingHome = home;
    this.atHome = false;
    this.piece = 0;
    this.fraction = route.pieces.length > 0 ? route.pieces[0].fromFraction : 0;
    this.state = state;
    this.atSite = false;
    this.stranded = false;
  }

  /** Stops where it is now (mid-edge if driving). */
  stop(): void {
    if (this.route) this.atHome = false;
    this.location = this.currentLocation();
    this.route = null;
    this.destination = null;
  }

  /** Where it is now: on its route if driving, else where it stands. */
  currentLocation(): RoadLocation {
    if (!this.route || this.piece >= this.route.pieces.length) return this.location;
    const p = this.route.pieces[this.piece];
    return onEdge(p.edge, Math.min(1, Math.max(0, this.fraction)));
  }

  /** Position (m, local frame) now. */
  xy(net: FloodAwareNetwork): XY {
    return locationXY(net, this.currentLocation());
  }

  /** The road still ahead (m, local frame), from where it is now; empty when not driving. */
  remainingPath(net: FloodAwareNetwork): XY[] {
    if (!this.route) return [];
    const out: XY[] = [];
    const pieces = this.route.pieces;
    for (let k = this.piece; k < pieces.length; k++) {
      const p = pieces[k];
      const from = k === this.piece ? this.fraction : p.fromFraction;
      if (!(p.toFraction > from) && k !== this.piece) continue;
      const part = slicePolyline(net.csr.edgeCoords[p.edge], from, Math.max(from, p.toFraction));
      for (const xy of part) {
        const last = out[out.length - 1];
        if (!last || last[0] !== xy[0] || last[1] !== xy[1]) out.push(xy);
      }
    }
    return out;
  }

  /** The first edge still ahead on the route that is closed to this truck's class, or -1. */
  blockedEdge(net: FloodAwareNetwork): number {
    if (!this.route) return -1;
    const times = net.travelTimeS[this.spec.classIndex];
    const pieces = this.route.pieces;
    for (let k = this.piece; k < pieces.length; k++) {
      if (times[pieces[k].edge] === Infinity && pieces[k].toFraction > (k === this.piece ? this.fraction : -1)) {
        return pieces[k].edge;
      }
    }
    return -1;
  }

  /** Time (s) left on the route at current travel times (Infinity if an edge ahead is closed, 0 if not driving). */
  remainingS(net: FloodAwareNetwork): number {
    if (!this.route) return 0;
    const times = net.travelTimeS[this.spec.classIndex];
    let sum = 0;
    for (let k = this.piece; k < this.route.pieces.length; k++) {
      const p = this.route.pieces[k];
      const left = p.toFraction - (k === this.piece ? this.fraction : p.fromFraction);
      if (left > 0) sum += left * times[p.edge];
    }
    return sum;
  }

  /** Finds a new route from where it is to its destination; null (and the truck stopped) if none exists. */
  reroute(finder: RouteFinder): FoundRoute | null {
    const destination = this.destination!;
    const state = this.state;
    const from = this.currentLocation();
    const route = finder.route(this.spec.classIndex, from, destination);
    if (!route.reachable) {
      this.stop();
      return null;
    }
    this.startRoute(route, destination, state, this.goingHome);
    return route;
  }

  /**
   * Drives from `fromS` to `toS` at the network's current travel times (time is spread evenly along each edge, as
   * routing prices partial edges). Returns the arrival time (s) if the destination is reached, else NaN. The caller
   * re-routes first if an edge ahead is closed; a closed edge under the truck holds it in place.
   */
  drive(net: FloodAwareNetwork, fromS: number, toS: number): number {
    const route = this.route;
    if (!route) return NaN;
    const times = net.travelTimeS[this.spec.classIndex];
    const pieces = route.pieces;
    let t = fromS;
    while (this.piece < pieces.length) {
      const p = pieces[this.piece];
      const left = p.toFraction - this.fraction;
      const edgeS = times[p.edge];
      const needS = left > 0 ? left * edgeS : 0;
      if (t + needS <= toS) {
        t += needS;
        this.piece++;
        this.fraction = this.piece < pieces.length ? pieces[this.piece].fromFraction : p.toFraction;
        continue;
      }
      if (edgeS < Infinity && edgeS > 0) this.fraction = Math.min(p.toFraction, this.fraction + (toS - t) / edgeS);
      return NaN;
    }
    this.location = this.destination ?? this.location;
    this.route = null;
    this.destination = null;
    this.atHome = this.goingHome;
    if (this.atHome) this.recalled = false;
    return t;
  }
}

/** Position (m) of a location on the network. */
export function locationXY(net: FloodAwareNetwork, loc: RoadLocation): XY {
  const node = locationNode(net, loc);
  const { csr } = net;
  if (node >= 0) return [csr.nodeX[node], csr.nodeY[node]];
  return pointAlong(csr.edgeCoords[loc.edge], loc.fraction);
}
