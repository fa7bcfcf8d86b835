// Surface classes and their parameters (Manning's n, infiltration class), which land-cover kinds are green, and
// carriageway widths by road class. The numbers and their sources live in datasets/surface-parameters.json (+ .md);
// this module is their copy in code (a test keeps the two equal) so the pure core needs no file access.
import { TwinError } from '../errors.ts';
import type { RoadClass, RoadSegment } from '../types.ts';
import { InfiltrationClass } from './grid.ts';

/** What covers a cell, for Manning's n and infiltration. The numeric codes are stored in `Grid.surface`. */
export const SurfaceClass = { Paved: 0, Road: 1, Roof: 2, Green: 3, Water: 4 } as const;
export type SurfaceClass = (typeof SurfaceClass)[keyof typeof SurfaceClass];

/** Surface names as in the JSON file, indexed by `SurfaceClass` code. */
export const SURFACE_NAMES = ['paved', 'road', 'roof', 'green', 'water'] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

/** Parameters of one surface. */
export interface SurfaceParameter {
  /** Manning's roughness n, s/m^(1/3). */
  manningN: number;
  infiltrationClass: InfiltrationClass;
}

/** Everything the rasteriser needs to turn land cover and roads into surfaces. */
export interface SurfaceParameters {
  /** By `SurfaceClass` code. */
  surfaces: SurfaceParameter[];
  /** Land-cover kinds drawn as green (vegetated, pervious). */
  greenKinds: string[];
  /** Land-cover kinds drawn as paved (over the default ground, which is paved too: listed for the record). */
  pavedKinds: string[];
  /** Carriageway width of a two-way road by class, metres. */
  roadWidthM: Record<RoadClass, number>;
  /** Width of a non-drivable path (footway, cycleway, steps), metres: drawn paved, not carriageway. */
  pathWidthM: number;
  /** A one-way road carries half the two-way width, but at least this, metres. */
  minOnewayWidthM: number;
}

/** The defaults: the values of datasets/surface-parameters.json. */
export const DEFAULT_SURFACE_PARAMETERS: SurfaceParameters = {
  surfaces: [
    { manningN: 0.015, infiltrationClass: InfiltrationClass.Impervious },
    { manningN: 0.013, infiltrationClass: InfiltrationClass.Impervious },
    { manningN: 0.015, infiltrationClass: InfiltrationClass.Impervious },
    { manningN: 0.04, infiltrationClass: InfiltrationClass.Green },
    { manningN: 0.03, infiltrationClass: InfiltrationClass.Water },
  ],
  greenKinds: [
    'cemetery',
    'farmland',
    'forest',
    'garden',
    'golf_course',
    'grass',
    'grassland',
    'meadow',
    'natural_wood',
    'nature_reserve',
    'park',
    'pitch',
    'recreation_ground',
    'scrub',
    'village_green',
    'wood',
  ],
  pavedKinds: ['footway', 'marketplace', 'parking', 'pedestrian', 'plaza', 'square'],
  roadWidthM: {
    motorway: 22.5,
    trunk: 21,
    primary: 14,
    secondary: 13,
    tertiary: 7,
    residential: 6,
    service: 4,
    unclassified: 6,
    path: 3,
    other: 6,
  },
  pathWidthM: 3,
  minOnewayWidthM: 3.5,
};

/** Carriageway (or path) width of a road segment, metres, or 0 when it is not drawn on the ground surface. */
export function roadWidthM(road: RoadSegment, params: SurfaceParameters = DEFAULT_SURFACE_PARAMETERS): number {
  if (road.bridge || road.tunnel) return 0;
  if (road.highway === 'rail' || road.highway === 'ferry' || road.highway === 'pier') return 0;
  if (!road.drivable) return params.pathWidthM;
  const full = params.roadWidthM[road.roadClass] ?? params.roadWidthM.other;
  return road.oneway !== 0 ? Math.max(full / 2, params.minOnewayWidthM) : full;
}

interface Sourced {
  value: number;
  source: string;
}

function num(v: unknown, file: string, field: string, min: number, max: number): number {
  const x = typeof v === 'object' && v !== null && 'value' in v ? (v as Sourced).value : undefined;
  const source = typeof v === 'object' && v !== null && 'source' in v ? (v as Sourced).source : undefined;
  if (typeof x !== 'number' || !(x >= min && x <= max)) {
    throw new TwinError(
      `expected { "value": number in ${min}–${max}, "source": "…" }, got ${JSON.stringify(x ?? v)}`,
      { file, field },
      'every number in the parameters file carries its value and its source',
    );
  }
  if (typeof source !== 'string' || source.trim() === '') {
    throw new TwinError('the value has no source', { file, field }, 'say where the number comes from in "source"');
  }
  return x;
}

function strings(v: unknown, file: string, field: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    throw new TwinError('expected an array of strings', { file, field });
  return [...(v as string[])].sort();
}

/**
 * Reads a surface-parameters JSON document (the shape of datasets/surface-parameters.json).
 * @throws TwinError naming the field when a value is missing, out of range or without a source
 */
export function parseSurfaceParameters(doc: unknown, file = 'surface-parameters.json'): SurfaceParameters {
  const d = (doc ?? {}) as Record<string, Record<string, unknown>>;
  const surfaces = SURFACE_NAMES.map((name) => {
    const s = (d.surfaces?.[name] ?? {}) as Record<string, unknown>;
    const infil = s.infiltration;
    const infiltrationClass =
      infil === 'impervious'
        ? InfiltrationClass.Impervious
        : infil === 'green'
          ? InfiltrationClass.Green
          : infil === 'water'
            ? InfiltrationClass.Water
            : undefined;
    if (infiltrationClass === undefined) {
      throw new TwinError(`infiltration ${JSON.stringify(infil)} is not impervious, green or water`, {
        file,
        field: `surfaces.${name}.infiltration`,
      });
    }
    return { manningN: num(s.manningN, file, `surfaces.${name}.manningN`, 0.005, 0.5), infiltrationClass };
  });
  const widths = (d.roadWidthsM ?? {}) as Record<string, unknown>;
  const roadWidth = {} as Record<RoadClass, number>;
  for (const k of Object.keys(DEFAULT_SURFACE_PARAMETERS.roadWidthM) as RoadClass[]) {
    roadWidth[k] = num(widths[k], file, `roadWidthsM.${k}`, 0.5, 100);
  }
  return {
    surfaces,
    greenKinds: strings(d.landCover?.green, file, 'landCover.green'),
    pavedKinds: strings(d.landCover?.paved, file, 'landCover.paved'),
    roadWidthM: roadWidth,
    pathWidthM: num(d.paths?.widthM, file, 'paths.widthM', 0.5, 20),
    minOnewayWidthM: num(widths.minOneway, file, 'roadWidthsM.minOneway', 0.5, 20),
  };
}
