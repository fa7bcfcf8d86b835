// Road classes, drivability and free-flow speed defaults from an OSM highway value: one table the importers,
// the road graph and the flood-aware travel times all read. Speeds and their sources: datasets/road-speed-defaults.md.
import type { RoadClass, RoadSegment } from '../types.ts';

const CLASS_OF_HIGHWAY: Record<string, RoadClass> = {
  motorway: 'motorway',
  motorway_link: 'motorway',
  trunk: 'trunk',
  trunk_link: 'trunk',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  residential: 'residential',
  living_street: 'residential',
  service: 'service',
  unclassified: 'unclassified',
  road: 'unclassified',
  footway: 'path',
  path: 'path',
  steps: 'path',
  cycleway: 'path',
  pedestrian: 'path',
  track: 'path',
  bridleway: 'path',
  corridor: 'path',
  pier: 'path',
  platform: 'path',
  elevator: 'path',
};

/**
 * Free-flow speed (km/h) by OSM highway value when no maxspeed is tagged. Design speeds of China's urban road code
 * CJJ 37-2012 (expressway 60–100, arterial 40–60, sub-arterial 30–50, branch 20–40 km/h), one value per OSM
 * class; see datasets/road-speed-defaults.md for the mapping and the assumptions for links, service roads and
 * living streets.
 */
export const DEFAULT_FREE_SPEED_KMH: Readonly<Record<string, number>> = {
  motorway: 80,
  motorway_link: 40,
  trunk: 60,
  trunk_link: 40,
  primary: 50,
  primary_link: 40,
  secondary: 40,
  secondary_link: 30,
  tertiary: 30,
  tertiary_link: 20,
  unclassified: 30,
  road: 30,
  residential: 20,
  living_street: 10,
  service: 15,
};

/** Speed (km/h) for a drivable highway value missing from DEFAULT_FREE_SPEED_KMH. */
export const FALLBACK_FREE_SPEED_KMH = 20;

/** Tag values that close a road to motor vehicles (access, vehicle, motor_vehicle, motorcar). */
const NO_MOTOR = new Set(['no', 'agricultural', 'forestry', 'delivery_no']);

/** The twin's coarse class for an OSM highway value ('other' for rail, ferry, construction, unknown values). */
export function roadClassOf(highway: string): RoadClass {
  return CLASS_OF_HIGHWAY[highway] ?? 'other';
}

/**
 * Can a motor vehicle (a pump truck) use a way with this highway value and these access tags? Streets and
 * service roads yes; footways, paths, steps, cycleways, pedestrian streets and tracks no; rail, ferry and anything
 * unknown no; `access`/`vehicle`/`motor_vehicle`/`motorcar` = no closes it. Private and destination roads stay
 * drivable: emergency crews may enter them.
 */
export function isDrivable(highway: string, tags: Readonly<Record<string, string | undefined>> = {}): boolean {
  if (DEFAULT_FREE_SPEED_KMH[highway] === undefined) return false;
  const motor = tags.motorcar ?? tags.motor_vehicle ?? tags.vehicle ?? tags.access;
  return motor === undefined || !NO_MOTOR.has(motor);
}

/** Free-flow speed of a segment in km/h: its maxspeed tag when it has one, else the default for its highway value. */
export function freeSpeedKmh(segment: Pick<RoadSegment, 'highway' | 'maxSpeedKmh'>): number {
  if (segment.maxSpeedKmh !== undefined && segment.maxSpeedKmh > 0) return segment.maxSpeedKmh;
  return DEFAULT_FREE_SPEED_KMH[segment.highway] ?? FALLBACK_FREE_SPEED_KMH;
}

/**
 * Parses an OSM maxspeed value to km/h: "60", "60 km/h", "60 mph", "30 knots"; for "50;40" the first value.
 * Undefined for values without a number ("none", "walk", "CN:urban"), which the caller replaces by the default.
 */
export function parseMaxSpeedKmh(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?\s*$/i.exec(value.split(';')[0]);
  if (!m) return undefined;
  const v = Number(m[1]);
  if (!(v > 0)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'mph') return Math.round(v * 1.609344 * 100) / 100;
  if (unit === 'knots') return Math.round(v * 1.852 * 100) / 100;
  return v;
}

/**
 * Direction of travel from OSM tags: 1 = one way in drawing order, -1 = against it, 0 = both ways.
 * oneway=yes/true/1 → 1, -1/reverse → -1, no/false/0 → 0; untagged roundabouts and motorways are one way
 * (OSM convention). Reversible and alternating roads count as two-way: each direction is open at some time.
 */
export function parseOneway(tags: Readonly<Record<string, string | undefined>>, highway: string): 0 | 1 | -1 {
  const v = tags.oneway?.trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 1;
  if (v === '-1' || v === 'reverse') return -1;
  if (v !== undefined && v !== '') return 0;
  const junction = tags.junction;
  if (junction === 'roundabout' || junction === 'circular') return 1;
  if (highway === 'motorway') return 1;
  return 0;
}

/** OSM layer as an integer; untagged bridges are 1, untagged tunnels -1, the rest 0. */
export function parseLayer(value: string | number | undefined, bridge: boolean, tunnel: boolean): number {
  const n = typeof value === 'number' ? value : value === undefined ? NaN : parseInt(value.split(';')[0], 10);
  if (Number.isInteger(n)) return n;
  return bridge ? 1 : tunnel ? -1 : 0;
}

/** True for an OSM bridge=* / tunnel=* value that means "yes" (any value but no/false/0). */
export function isYesish(value: string | boolean | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  const v = value.trim().toLowerCase();
  return v !== '' && v !== 'no' && v !== 'false' && v !== '0';
}
