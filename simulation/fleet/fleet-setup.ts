// Checks the fleet's input once (trucks, depots, hotspots, sensors, staging points) and builds what the controller
// works on: the flood-aware network with a vehicle class per wading depth, snapped homes and sites, alarm sources.
import type { Depot, Hotspot, PumpTruck, Sensor, XY } from '../../twin/types.ts';
import type { RoadGraph } from '../../twin/road-graph/types.ts';
import { SimulationError } from '../errors.ts';
import { mulberry32, type Random } from '../random.ts';
import {
  CAR,
  DEFAULT_MAX_SNAP_M,
  FloodAwareNetwork,
  PUMP_TRUCK,
  RouteFinder,
  type RoadClosureChange,
  type RoadLocation,
  type VehicleClass,
} from '../roads/index.ts';
import { CaseBook, DEFAULT_CASE_RULES, type AlarmSource, type CaseRules, type Site } from './cases.ts';
import { policyByName, type DispatchPolicy } from './dispatch.ts';
import { cellAt, nearestCellWhere } from '../../twin/grid/grid-spec.ts';
import {
  DEFAULT_HOSE_REACH_M,
  DEFAULT_SITE_RADIUS_M,
  nearestDischarge,
  siteCells,
  type SiteGrid,
} from './pump-sink.ts';
import { SurfaceSnapper } from './surface-snapper.ts';
import { Truck, type TruckHome } from './truck.ts';

/** What the fleet runs on. Give the road graph (the network is built here) or a network already built. */
export interface FleetInput {
  graph?: RoadGraph;
  /** A network whose vehicle classes include one with closure depth equal to each truck's wading depth. */
  network?: FloodAwareNetwork;
  grid: SiteGrid;
  trucks: readonly PumpTruck[];
  depots: readonly Depot[];
  hotspots?: readonly Hotspot[];
  /** Only `roadWater` sensors open cases. */
  sensors?: readonly Sensor[];
  /** Pre-positioned trucks (truck id → point): they start there and go back there between cases. */
  staging?: Readonly<Record<string, XY>>;
}

/** Fleet settings; every field has a default. */
export interface FleetOptions {
  /** Dispatch policy or its name. Default 'nearest'. */
  policy?: DispatchPolicy | 'nearest' | 'optimal' | 'manual';
  /** Set-up time on site before pumping (s). Default 600. */
  setupS?: number;
  /** Set-up time varies uniformly by ± this (s), drawn from the seeded generator. Default 0. */
  setupJitterS?: number;
  seed?: number;
  /** Radius of the disc a truck pumps from (m). Default 20. */
  siteRadiusM?: number;
  /** Discharge hose reach (m). Default 150. */
  hoseReachM?: number;
  /** How far from a road a site may be (m). Default 200. */
  maxSnapM?: number;
  /** Depth (m) above which a hotspot alarms. Default 0.15 (underpass monitors alert at 15 cm). */
  hotspotAlarmDepthM?: number;
  /** Alarm depth (m) for road-water sensors without `alarmAt`. Default 0.15. */
  sensorAlarmDepthM?: number;
  /** Exposure of a sensor's case when no hotspot is near it. Default 1. */
  sensorExposure?: number;
  /**
   * Hotline (12345) and patrol reports per flooded street edge per hour (hotline-reports.ts); 0 turns them off.
   * Default 1: a central street under water is called in within about an hour on average, by a driver, a shopkeeper,
   * a traffic policeman or a road patrol (in Haikui, 2012, 8,900 traffic police went to the 400-odd flooded roads).
   * An assumption, not fitted: calibrate it on the district's 12345 work orders.
   */
  hotlineReportsPerEdgeHour?: number;
  /** Depth (m) over a street above which it gets reported. Default 0.15 (the road-water alarm level). */
  hotlineReportDepthM?: number;
  /** "Reachable" threshold of the reachability KPI (s). Default 600. */
  reachableWithinS?: number;
  /** Underpass closure depth (m) for a network built here. Default the network's (0.25). */
  underpassClosureDepthM?: number;
  /** Depth (m) at which roads close to cars, for a network built here. Default CAR's (0.3). */
  carClosureDepthM?: number;
  cases?: Partial<CaseRules>;
  /** Lenient: a bad truck, hotspot or sensor is skipped (a zero-capacity truck kept out of service) and reported. */
  lenient?: boolean;
}

/** Options with their defaults filled in. */
export type ResolvedFleetOptions = Required<
  Omit<FleetOptions, 'policy' | 'cases' | 'underpassClosureDepthM' | 'carClosureDepthM'>
>;

/** Everything the controller and its phases share. */
export interface FleetWorld {
  net: FloodAwareNetwork;
  finder: RouteFinder;
  snapper: SurfaceSnapper;
  grid: SiteGrid;
  cellAreaM2: number;
  trucks: Truck[];
  truckById: Map<string, Truck>;
  depots: Map<string, TruckHome>;
  book: CaseBook;
  /** Hotspots on the network, for the reachability KPI. */
  hotspotLocations: RoadLocation[];
  policy: DispatchPolicy;
  options: ResolvedFleetOptions;
  rng: Random;
  /** What lenient set-up skipped or changed. */
  warnings: string[];
  /** Road closure changes not yet written as events (from updates and road commands). */
  roadChanges: RoadClosureChange[];
  /** The depth field (m) of the step under way, null before the first. */
  depthM: ArrayLike<number> | null;
}

/** Builds the fleet's world, or throws a SimulationError naming the bad item and field (strict mode). */
export function buildFleetWorld(input: FleetInput, options: FleetOptions = {}): FleetWorld {
  const o: ResolvedFleetOptions = {
    setupS: options.setupS ?? 600,
    setupJitterS: options.setupJitterS ?? 0,
    seed: options.seed ?? 0,
    siteRadiusM: options.siteRadiusM ?? DEFAULT_SITE_RADIUS_M,
    hoseReachM: options.hoseReachM ?? DEFAULT_HOSE_REACH_M,
    maxSnapM: options.maxSnapM ?? DEFAULT_MAX_SNAP_M,
    hotspotAlarmDepthM: options.hotspotAlarmDepthM ?? 0.15,
    sensorAlarmDepthM: options.sensorAlarmDepthM ?? 0.15,
    sensorExposure: options.sensorExposure ?? 1,
    hotlineReportsPerEdgeHour: options.hotlineReportsPerEdgeHour ?? 1,
    hotlineReportDepthM: options.hotlineReportDepthM ?? 0.15,
    reachableWithinS: options.reachableWithinS ?? 600,
    lenient: options.lenient ?? false,
  };
  if (!(o.setupS >= 0) || !(o.setupJitterS >= 0) || o.setupJitterS > o.setupS) {
    throw new SimulationError(
      `set-up time ${o.setupS} s ± ${o.setupJitterS} s is not a duration`,
      { input: 'fleet options', field: 'setupS' },
      'give setupS ≥ 0 and 0 ≤ setupJitterS ≤ setupS',
    );
  }
  if (!(o.hotlineReportsPerEdgeHour >= 0 && Number.isFinite(o.hotlineReportsPerEdgeHour))) {
    throw new SimulationError(
      `hotline report rate ${o.hotlineReportsPerEdgeHour} per edge-hour is not a rate`,
      { input: 'fleet options', field: 'hotlineReportsPerEdgeHour' },
      'give reports per flooded street per hour ≥ 0 (0 turns them off)',
    );
  }
  const warnings: string[] = [];
  const bad = (what: string, item: string, field: string, hint: string): void => {
    const err = new SimulationError(what, { input: 'fleet', item, field }, hint);
    if (!o.lenient) throw err;
    warnings.push(err.message);
  };
  // 1. The network, with one vehicle class per wading depth.
  const net = input.network ?? networkFor(input, options.underpassClosureDepthM, options.carClosureDepthM);
  const finder = new RouteFinder(net);
  const snapper = new SurfaceSnapper(net.csr);
  const grid = input.grid;
  // 2. Depots, snapped to the roads.
  const depots = new Map<string, TruckHome>();
  for (const d of input.depots) {
    if (depots.has(d.id)) bad(`depot id "${d.id}" is used twice`, `depot ${d.id}`, 'id', 'give each depot its own id');
    const hit = snapper.trySnap(d.xy[0], d.xy[1], o.maxSnapM);
    if (!hit) {
      bad(
        `depot ${d.id} is off the graph: no road within ${o.maxSnapM} m`,
        `depot ${d.id}`,
        'xy',
        'move it next to a street',
      );
    } else depots.set(d.id, { name: d.id, location: hit });
  }
  // 3. Trucks.
  const trucks: Truck[] = [];
  const truckById = new Map<string, Truck>();
  for (const t of input.trucks) {
    const item = `truck ${t.id}`;
    const home = depots.get(t.depotId);
    if (truckById.has(t.id)) {
      bad(`truck id "${t.id}" is used twice`, item, 'id', 'give each truck its own id');
      continue;
    }
    if (!home) {
      bad(
        `unknown depot "${t.depotId}"`,
        item,
        'depotId',
        `use one of: ${[...depots.keys()].join(', ') || '(no depots)'}`,
      );
      continue;
    }
    if (!(t.wadingDepthM > 0)) {
      bad(
        `wading depth ${t.wadingDepthM} m is not above 0`,
        item,
        'wadingDepthM',
        'give the deepest water it drives through',
      );
      continue;
    }
    if (!(Number.isFinite(t.capacityM3PerH) && t.capacityM3PerH >= 0)) {
      bad(
        `capacity ${t.capacityM3PerH} m³/h is not a pump capacity`,
        item,
        'capacityM3PerH',
        'give m³/h above 0, e.g. 2000',
      );
      continue;
    }
    if (t.capacityM3PerH === 0) {
      bad('capacity is 0 m³/h: the truck cannot pump', item, 'capacityM3PerH', 'give m³/h above 0, or leave it out');
    }
    const classIndex = net.vehicleClasses.findIndex((v) => v.closureDepthM === t.wadingDepthM);
    if (classIndex < 0) {
      throw new SimulationError(
        `no vehicle class of the network closes at ${t.wadingDepthM} m`,
        { input: 'fleet', item, field: 'wadingDepthM' },
        'build the network with a class per wading depth, or pass the road graph instead of a network',
      );
    }
    const spec = { ...t, classIndex };
    const truck = new Truck(spec, trucks.length, home);
    if (t.capacityM3PerH === 0) {
      truck.state = 'outOfService';
      truck.outOfServiceReason = 'zero pump capacity';
    }
    trucks.push(truck);
    truckById.set(t.id, truck);
  }
  // 4. Staging points.
  for (const [id, xy] of Object.entries(input.staging ?? {})) {
    const truck = truckById.get(id);
    const hit = snapper.trySnap(xy[0], xy[1], o.maxSnapM);
    if (!truck) bad(`staging names unknown truck "${id}"`, `staging ${id}`, 'truckId', 'stage trucks of this fleet');
    else if (!hit) bad(`staging point of ${id} is off the graph`, `staging ${id}`, 'xy', 'move it next to a street');
    else {
      truck.home = { name: 'staging', location: hit };
      truck.location = hit;
    }
  }
  // 5. Alarm sources and their sites.
  const world: FleetWorld = {
    net,
    finder,
    snapper,
    grid,
    cellAreaM2: grid.cellM * grid.cellM,
    trucks,
    truckById,
    depots,
    book: new CaseBook([], { ...DEFAULT_CASE_RULES, ...options.cases }),
    hotspotLocations: [],
    policy: typeof options.policy === 'object' ? options.policy : policyByName(options.policy ?? 'nearest'),
    options: o,
    rng: mulberry32(o.seed),
    warnings,
    roadChanges: [],
    depthM: null,
  };
  const sources: AlarmSource[] = [];
  for (const h of input.hotspots ?? []) {
    const site = makeSite(world, h.xy, `hotspot ${h.id}`);
    const cell = readingCell(grid, h.xy);
    if (typeof site === 'string') bad(site, `hotspot ${h.id}`, 'xy', 'move it onto the grid next to a street');
    else if (cell < 0) bad(noReading(h.xy, grid), `hotspot ${h.id}`, 'xy', 'move it onto open ground');
    else if (!(h.exposure > 0))
      bad(`exposure ${h.exposure} is not above 0`, `hotspot ${h.id}`, 'exposure', 'give 1 for an ordinary road');
    else {
      sources.push(alarmSource('hotspot', h.id, site, o.hotspotAlarmDepthM, h.exposure, cell));
      world.hotspotLocations.push(site.location);
    }
  }
  for (const s of input.sensors ?? []) {
    if (s.kind !== 'roadWater') continue;
    const site = makeSite(world, s.xy, `sensor ${s.id}`);
    const cell = readingCell(grid, s.xy);
    if (typeof site === 'string') bad(site, `sensor ${s.id}`, 'xy', 'move it onto the grid next to a street');
    else if (cell < 0) bad(noReading(s.xy, grid), `sensor ${s.id}`, 'xy', 'move it onto open ground');
    else sources.push(alarmSource('sensor', s.id, site, s.alarmAt ?? o.sensorAlarmDepthM, o.sensorExposure, cell));
  }
  world.book = new CaseBook(sources, world.book.rules);
  return world;
}

/** A site at `xy`, or the reason there cannot be one (off the grid, off the graph, nothing to pump). */
export function makeSite(world: FleetWorld, xy: XY, label: string): Site | string {
  if (!(Number.isFinite(xy[0]) && Number.isFinite(xy[1]))) return `${label} has no position`;
  const { grid, options: o } = world;
  if (cellAt(grid, xy[0], xy[1]) < 0) return `${label} is off the grid at (${xy[0].toFixed(1)}, ${xy[1].toFixed(1)})`;
  const hit = world.snapper.trySnap(xy[0], xy[1], o.maxSnapM);
  if (!hit) return `${label} is off the graph: no drivable road within ${o.maxSnapM} m`;
  const cells = siteCells(grid, xy, o.siteRadiusM);
  if (cells.length === 0) return `${label} has no open cell to pump from (building or river)`;
  return { xy: [xy[0], xy[1]], location: hit, cells, discharge: nearestDischarge(grid, xy, o.hoseReachM) };
}

function alarmSource(
  kind: 'sensor' | 'hotspot',
  id: string,
  site: Site,
  thresholdM: number,
  exposure: number,
  cell: number,
): AlarmSource {
  return { kind, id, cell, thresholdM, exposure, site, armed: true, caseIndex: -1 };
}

/**
 * The cell whose water an alarm reads: the nearest open cell (not river, not building) within 20 m or 1.5 cells —
 * the rule the run's hotspot peaks use. A point on a river cell once read the river's depth as street water
 * (a 4.76 m "case" at minute 1 on a dry street); -1 when there is no open cell within reach.
 */
export function readingCell(grid: SiteGrid, xy: XY): number {
  const open = (i: number): boolean => !grid.riverMask?.[i] && !grid.buildingMask?.[i];
  return nearestCellWhere(grid, xy[0], xy[1], Math.max(20, 1.5 * grid.cellM), open);
}

function noReading(xy: XY, grid: SiteGrid): string {
  return `has no open cell within ${Math.max(20, 1.5 * grid.cellM)} m of (${xy[0].toFixed(1)}, ${xy[1].toFixed(1)}) to read water on (river or buildings)`;
}

/** Cars first (the reference for road.closed), then a pump-truck class per distinct wading depth, ascending. */
function networkFor(
  input: FleetInput,
  underpassClosureDepthM: number | undefined,
  carClosureDepthM: number | undefined,
): FloodAwareNetwork {
  if (!input.graph) {
    throw new SimulationError(
      'no road graph or network',
      { input: 'fleet', field: 'graph' },
      'pass the district road graph',
    );
  }
  const depths = [...new Set(input.trucks.map((t) => t.wadingDepthM).filter((d) => d > 0))].sort((a, b) => a - b);
  // The same CAR object when the depth is CAR's, so a network built with the district's 0.3 m is the one it was.
  const classes: VehicleClass[] = [
    carClosureDepthM === undefined || carClosureDepthM === CAR.closureDepthM
      ? CAR
      : { id: CAR.id, closureDepthM: carClosureDepthM },
  ];
  for (const d of depths) {
    classes.push(d === PUMP_TRUCK.closureDepthM ? PUMP_TRUCK : { id: `pumpTruck@${d}m`, closureDepthM: d });
  }
  if (classes.length === 1) classes.push(PUMP_TRUCK);
  return FloodAwareNetwork.fromGraph(input.graph, {
    grid: input.grid,
    vehicleClasses: classes,
    underpassClosureDepthM,
  });
}
