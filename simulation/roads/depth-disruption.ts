// How standing water slows and stops traffic: the depth–disruption curve of Pregnolato et al. (2017) and the
// wading (closure) depth of each vehicle class. Pure functions of depth, shared by the network update and the tests.

/**
 * Coefficients of v(w) = A·w² + B·w + C (km/h, w = water depth in mm), Pregnolato, Barr, Glenis & Dawson (2017),
 * "The impact of flooding on road transport: a depth-disruption function", Transportation Research Part D 55.
 */
export const PREGNOLATO_A = 0.0009;
export const PREGNOLATO_B = -0.5529;
export const PREGNOLATO_C = 86.9448;

/**
 * The curve's vertex (mm). Its discriminant is negative (B² − 4AC ≈ −0.0073), so the fitted quadratic never reaches
 * zero: it falls to about 2.03 km/h at 307 mm and then rises again, which is an artefact of the fit. Beyond the vertex
 * the speed is held at the minimum so deeper water is never faster; stopping is the closure depth's job.
 */
export const PREGNOLATO_VERTEX_MM = -PREGNOLATO_B / (2 * PREGNOLATO_A);

/** The curve's lowest speed (km/h), reached at the vertex, about 2.03 km/h. */
export const PREGNOLATO_MIN_SPEED_KMH = PREGNOLATO_C - (PREGNOLATO_B * PREGNOLATO_B) / (4 * PREGNOLATO_A);

/** A kind of vehicle that routes on the network: it drives at the curve's speed until its wading depth. */
export interface VehicleClass {
  /** Name used by callers, e.g. 'car', 'pumpTruck'. */
  id: string;
  /** Water depth (m) at and above which an edge is closed to this class. */
  closureDepthM: number;
  /** Optional top speed (km/h) of the class, below the road's free-flow speed (e.g. a heavy truck). */
  maxSpeedKmh?: number;
}

/** Cars: closed at 300 mm, where Pregnolato et al. take a road to be impassable to a car. */
export const CAR: VehicleClass = { id: 'car', closureDepthM: 0.3 };

/** Pump trucks: high-clearance, wading to 500 mm by default (configurable per fleet). */
export const PUMP_TRUCK: VehicleClass = { id: 'pumpTruck', closureDepthM: 0.5 };

/** The classes a network carries when none are given; class 0 (cars) is the reference for road.closed events. */
export const DEFAULT_VEHICLE_CLASSES: readonly VehicleClass[] = [CAR, PUMP_TRUCK];

/** Shanghai closes road underpasses to traffic at 25 cm of water (SHANGHAI-FACTS.md, roads and underpasses). */
export const UNDERPASS_CLOSURE_DEPTH_M = 0.25;

/**
 * The depth–disruption curve made monotone: speed (km/h) in water `depthMm` deep, for a vehicle unrestricted by free-flow
 * speed. Depth ≤ 0 or NaN counts as dry (86.94 km/h); beyond the vertex it stays at the minimum. Never negative or NaN.
 */
export function pregnolatoSpeedKmh(depthMm: number): number {
  if (!(depthMm > 0)) return PREGNOLATO_C;
  if (depthMm >= PREGNOLATO_VERTEX_MM) return PREGNOLATO_MIN_SPEED_KMH;
  return (PREGNOLATO_A * depthMm + PREGNOLATO_B) * depthMm + PREGNOLATO_C;
}

/**
 * Speed (km/h) of `vehicle` on a road of free-flow speed `freeSpeedKmh` under water `depthM` deep: the curve capped by the
 * free-flow speed (and the class's top speed), 0 at or above the class's closure depth.
 */
export function wadingSpeedKmh(depthM: number, freeSpeedKmh: number, vehicle: VehicleClass): number {
  if (depthM >= vehicle.closureDepthM) return 0;
  const cap = vehicle.maxSpeedKmh !== undefined ? Math.min(freeSpeedKmh, vehicle.maxSpeedKmh) : freeSpeedKmh;
  return Math.min(cap, pregnolatoSpeedKmh(depthM * 1000));
}
