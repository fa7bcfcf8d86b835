// Building height inference, the one place it happens: tagged height, else levels × 3 m, else a default by kind.
// Every importer (GeoJSON, OSM) calls this, so the twin's "heights inferred" count means the same thing everywhere.
import { TwinError, type TwinErrorWhere } from '../errors.ts';
import type { HeightSource } from '../types.ts';

/** Storey height assumed when only `building:levels` is known, metres (a common 3D-city convention, e.g. OSM-3D). */
export const METRES_PER_LEVEL = 3;

/**
 * Default height by building kind (OSM building=* / Tilezen kind_detail), metres, with the reason for each number.
 * The table is mirrored, with its reasoning, in datasets/building-height-defaults.md.
 */
export const DEFAULT_HEIGHT_BY_KIND: Readonly<Record<string, { heightM: number; reason: string }>> = {
  yes: {
    heightM: 10,
    reason: 'unknown kind: about three storeys, the middle of the old Hongkou/Huangpu low-rise fabric',
  },
  building: { heightM: 10, reason: 'same as "yes"' },
  building_part: { heightM: 10, reason: 'an untagged part: same as "yes"' },
  house: { heightM: 6, reason: 'two storeys' },
  detached: { heightM: 6, reason: 'two storeys' },
  semidetached_house: { heightM: 6, reason: 'two storeys' },
  terrace: { heightM: 9, reason: 'three storeys: Shanghai shikumen lane houses are two to three storeys' },
  residential: { heightM: 18, reason: 'six storeys: the walk-up blocks (新村) typical of 1950s–90s Shanghai housing' },
  apartments: { heightM: 24, reason: 'eight storeys: a conservative middle for towers of 6 to 30 storeys' },
  dormitory: { heightM: 18, reason: 'six storeys, like residential' },
  hotel: { heightM: 30, reason: 'ten storeys: Bund and North Bund hotels are mostly mid- to high-rise' },
  commercial: { heightM: 15, reason: 'five storeys: the shop-and-office blocks along Nanjing and Sichuan Roads' },
  office: { heightM: 30, reason: 'ten storeys' },
  retail: { heightM: 8, reason: 'two tall storeys' },
  supermarket: { heightM: 8, reason: 'two tall storeys' },
  mall: { heightM: 20, reason: 'four tall storeys' },
  industrial: { heightM: 9, reason: 'one tall hall or three storeys' },
  warehouse: { heightM: 9, reason: 'one tall hall (the Suzhou Creek godowns are two to six storeys)' },
  manufacture: { heightM: 9, reason: 'as industrial' },
  church: { heightM: 15, reason: 'nave with roof; towers are usually mapped as parts' },
  cathedral: { heightM: 25, reason: 'a large nave' },
  chapel: { heightM: 8, reason: 'a small nave' },
  temple: { heightM: 8, reason: 'one hall with a high roof' },
  mosque: { heightM: 12, reason: 'hall with dome' },
  place_of_worship: { heightM: 12, reason: 'between chapel and church' },
  school: { heightM: 12, reason: 'four storeys' },
  university: { heightM: 15, reason: 'five storeys' },
  hospital: { heightM: 20, reason: 'six to seven storeys' },
  government: { heightM: 15, reason: 'five storeys' },
  public: { heightM: 12, reason: 'four storeys' },
  civic: { heightM: 12, reason: 'four storeys' },
  museum: { heightM: 12, reason: 'three tall storeys' },
  bank: { heightM: 20, reason: 'the Bund banks are five to eight storeys' },
  train_station: { heightM: 12, reason: 'one tall hall' },
  transportation: { heightM: 10, reason: 'a station building or terminal' },
  garage: { heightM: 3, reason: 'one storey' },
  garages: { heightM: 3, reason: 'one storey' },
  parking: { heightM: 12, reason: 'a four-deck car park' },
  shed: { heightM: 3, reason: 'one storey' },
  hut: { heightM: 3, reason: 'one storey' },
  kiosk: { heightM: 3, reason: 'one storey' },
  toilets: { heightM: 3, reason: 'one storey' },
  service: { heightM: 4, reason: 'a plant room or substation' },
  roof: { heightM: 4, reason: 'a canopy or shelter roof' },
  construction: { heightM: 10, reason: 'unknown final height: as "yes"' },
  tower: { heightM: 30, reason: 'a tower without a height tag' },
};

/** Fallback when the kind is not in the table, metres. */
export const DEFAULT_HEIGHT_M = DEFAULT_HEIGHT_BY_KIND.yes.heightM;

/** The tags height inference reads, as strings or numbers exactly as the source gave them. */
export interface HeightTags {
  /** OSM `height` / Tilezen `height`: metres unless a unit is given. */
  height?: unknown;
  /** OSM `building:levels` (Tilezen carries none). */
  levels?: unknown;
  /** OSM `roof:levels`, added to `levels`. */
  roofLevels?: unknown;
  /** OSM/Tilezen `min_height`, metres. */
  minHeight?: unknown;
  /** OSM `building:min_level`, used for min height when `min_height` is absent. */
  minLevel?: unknown;
  /** Building kind, e.g. 'yes', 'residential'. */
  kind: string;
}

/** A building's inferred vertical extent. */
export interface InferredHeight {
  /** Top of the building above ground, metres. */
  heightM: number;
  /** Bottom of the building (part) above ground, metres. */
  minHeightM: number;
  heightSource: HeightSource;
}

const FEET_TO_M = 0.3048;

/**
 * Parses a length tag to metres: 12, "12", "12 m", "12.5m", "12,5", "40'", "40 ft", "40 feet", "12'6\"".
 * Returns undefined when absent; NaN when present but unreadable (the caller reports it).
 */
export function parseLengthM(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  const s = String(value).trim().toLowerCase();
  if (s === '') return undefined;
  const feetInches = /^(\d+(?:\.\d+)?)\s*'\s*(?:(\d+(?:\.\d+)?)\s*(?:"|''))?$/.exec(s);
  if (feetInches) return (Number(feetInches[1]) + Number(feetInches[2] ?? 0) / 12) * FEET_TO_M;
  const m = /^(-?\d+(?:[.,]\d+)?)\s*(m|metres?|meters?|ft|feet|foot)?$/.exec(s);
  if (!m) return Number.NaN;
  const n = Number(m[1].replace(',', '.'));
  return m[2] && m[2].startsWith('f') ? n * FEET_TO_M : n;
}

/** Parses a level count ("5", 5, "5.5"); undefined when absent, NaN when unreadable. */
export function parseLevels(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  if (s === '') return undefined;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** The default height for a kind, metres (unknown kinds get DEFAULT_HEIGHT_M). */
export function defaultHeightForKind(kind: string): number {
  const k = kind.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(DEFAULT_HEIGHT_BY_KIND, k)
    ? DEFAULT_HEIGHT_BY_KIND[k].heightM
    : DEFAULT_HEIGHT_M;
}

function bad(what: string, where: TwinErrorWhere, field: string, hint: string): never {
  throw new TwinError(what, { ...where, field }, hint);
}

/**
 * Infers a building's height: `height`, else (levels + roof levels) × 3 m, else the default for its kind.
 * `min_height` (or `building:min_level` × 3 m) gives the bottom of a raised part. A `height` of 0 counts as
 * untagged: OSM uses it for flat parts and placeholders.
 * Throws TwinError (naming `where` and the field) on an unreadable or impossible value.
 */
export function inferBuildingHeight(tags: HeightTags, where: TwinErrorWhere = {}): InferredHeight {
  // 1. Bottom of the part: min_height, else min_level × storey height, else 0.
  const minHeight = parseLengthM(tags.minHeight);
  const minLevel = parseLevels(tags.minLevel);
  if (Number.isNaN(minHeight) || (minHeight !== undefined && minHeight < 0)) {
    bad(`min_height "${String(tags.minHeight)}" is not a length ≥ 0`, where, 'min_height', 'give metres, e.g. "12"');
  }
  if (Number.isNaN(minLevel)) {
    bad(`building:min_level "${String(tags.minLevel)}" is not a number`, where, 'building:min_level', 'e.g. "2"');
  }
  const minHeightM = minHeight ?? (minLevel !== undefined ? minLevel * METRES_PER_LEVEL : 0);

  // 2. Top: tagged height wins. A height of exactly 0 is a mapping placeholder (Tilezen keeps such parts): skip it.
  const height = parseLengthM(tags.height);
  if (height !== undefined && height !== 0) {
    if (Number.isNaN(height) || height <= 0) {
      bad(
        `height "${String(tags.height)}" is not a positive length`,
        where,
        'height',
        'give metres such as "12", "12.5 m" or feet as "40\'", or remove the tag',
      );
    }
    if (height <= minHeightM) {
      bad(
        `height ${height} m is not above min_height ${minHeightM} m`,
        where,
        'height',
        'height is the top of the part above ground, min_height its bottom',
      );
    }
    return { heightM: height, minHeightM, heightSource: 'height' };
  }

  // 3. Levels (+ roof levels) × storey height.
  const levels = parseLevels(tags.levels);
  const roofLevels = parseLevels(tags.roofLevels);
  if (Number.isNaN(levels) || levels === 0) {
    bad(`building:levels "${String(tags.levels)}" is not a positive number`, where, 'building:levels', 'e.g. "5"');
  }
  if (Number.isNaN(roofLevels)) {
    bad(`roof:levels "${String(tags.roofLevels)}" is not a number`, where, 'roof:levels', 'e.g. "1"');
  }
  if (levels !== undefined) {
    const heightM = (levels + (roofLevels ?? 0)) * METRES_PER_LEVEL;
    if (heightM > minHeightM) return { heightM, minHeightM, heightSource: 'levels' };
  }

  // 4. Default by kind, raised above a given min height so the part keeps a positive thickness.
  const byKind = defaultHeightForKind(tags.kind);
  return { heightM: Math.max(byKind, minHeightM + METRES_PER_LEVEL), minHeightM, heightSource: 'default' };
}
