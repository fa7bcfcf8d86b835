// The surfaces of a CityJSON building (any of Solid, MultiSolid, CompositeSolid, MultiSurface, CompositeSurface, with
// semantics) and the footprint found from them: ground surfaces, else the lowest horizontal ones, else a hull.
import { TwinError } from '../errors.ts';
import type { PolygonXY, XY } from '../types.ts';
import { convexHullRing, outlineRings, ringsToPolygons } from './cityjson-footprint.ts';

/** Surfaces within this height of the lowest horizontal one count as the building's base, metres. */
export const BASE_TOLERANCE_M = 1;
/** A surface is "horizontal-ish" when its normal is within about 18° of vertical (|nz| ≥ 0.95). */
const HORIZONTAL_NZ = 0.95;

/** One surface: its rings as vertex indices (not closed) and its semantic type, if any. */
export interface Surface {
  rings: number[][];
  semantic?: string;
}

/** A CityJSON city object, as far as the importer reads it. */
export type CityObject = {
  type: string;
  attributes?: Record<string, unknown>;
  geometry?: Geometry[];
  parents?: string[];
  children?: string[];
};
/** One geometry of a city object. */
export type Geometry = { type: string; lod?: string | number; boundaries: unknown; semantics?: Semantics };
/** Semantic surfaces and, per surface, an index into them (nested like the boundaries). */
export type Semantics = { surfaces: { type: string }[]; values: unknown };

/** The surfaces of the object's most detailed surface geometry (highest LoD), with semantic types. */
export function surfacesOf(obj: CityObject, id: string, file: string): Surface[] {
  const geoms = (obj.geometry ?? []).filter((g) =>
    ['Solid', 'MultiSolid', 'CompositeSolid', 'MultiSurface', 'CompositeSurface'].includes(g.type),
  );
  if (geoms.length === 0) return [];
  const g = geoms.reduce((best, x) => (Number(x.lod ?? 0) > Number(best.lod ?? 0) ? x : best));
  const semType = (value: unknown): string | undefined =>
    typeof value === 'number' ? g.semantics?.surfaces?.[value]?.type : undefined;
  const out: Surface[] = [];
  const bad = () =>
    new TwinError(`${g.type} boundaries are not nested arrays of vertex indices`, {
      file,
      feature: id,
      field: 'geometry.boundaries',
    });
  const addSurfaces = (surfaces: unknown, values: unknown) => {
    if (!Array.isArray(surfaces)) throw bad();
    surfaces.forEach((rings, i) => {
      if (!Array.isArray(rings) || !rings.every((r) => Array.isArray(r))) throw bad();
      out.push({ rings: rings as number[][], semantic: semType(Array.isArray(values) ? values[i] : undefined) });
    });
  };
  const values = g.semantics?.values as unknown[] | undefined;
  const b = g.boundaries;
  if (!Array.isArray(b)) throw bad();
  if (g.type === 'MultiSurface' || g.type === 'CompositeSurface') addSurfaces(b, values);
  else if (g.type === 'Solid') b.forEach((shell, s) => addSurfaces(shell, values?.[s]));
  else {
    b.forEach((solid, k) => {
      if (!Array.isArray(solid)) throw bad();
      const sv = values?.[k] as unknown[] | undefined;
      solid.forEach((shell, s) => addSurfaces(shell, sv?.[s]));
    });
  }
  return out;
}

/** How a building's footprint was found. */
export type FootprintMethod = 'groundSurface' | 'lowestSurfaces' | 'hull';

/**
 * The footprint of a building's surfaces in the local frame: the outline of its GroundSurface surfaces, else of the
 * horizontal-ish surfaces within BASE_TOLERANCE_M of the lowest one, else the convex hull of its lowest vertices.
 * @param vertices flat [x, y, z, …] in CRS units; `key` names a vertex by position; `xy` projects it
 */
export function footprintOf(
  surfaces: Surface[],
  vertices: Float64Array,
  key: (v: number) => string,
  xy: (v: number) => XY,
): { polygons: PolygonXY[]; method: FootprintMethod } {
  const toPolygons = (faces: Surface[]) =>
    ringsToPolygons(
      outlineRings(
        faces.map((f) => f.rings),
        key,
      ).map((r) => [...r, r[0]].map(xy)),
    );
  // 1. Semantic ground surfaces.
  const ground = surfaces.filter((s) => s.semantic === 'GroundSurface');
  if (ground.length > 0) {
    const polygons = toPolygons(ground);
    if (polygons.length > 0) return { polygons, method: 'groundSurface' };
  }
  // 2. Horizontal-ish surfaces near the lowest such surface.
  const flat = surfaces
    .map((s) => ({ s, z: horizontalZ(s.rings[0], vertices) }))
    .filter((f): f is { s: Surface; z: number } => f.z !== undefined);
  if (flat.length > 0) {
    const lowest = Math.min(...flat.map((f) => f.z));
    const polygons = toPolygons(flat.filter((f) => f.z <= lowest + BASE_TOLERANCE_M).map((f) => f.s));
    if (polygons.length > 0) return { polygons, method: 'lowestSurfaces' };
  }
  // 3. Convex hull of the vertices at the lowest level.
  let minZ = Infinity;
  for (const s of surfaces) for (const r of s.rings) for (const v of r) minZ = Math.min(minZ, vertices[v * 3 + 2]);
  const low: XY[] = [];
  for (const s of surfaces) {
    for (const r of s.rings) for (const v of r) if (vertices[v * 3 + 2] <= minZ + BASE_TOLERANCE_M) low.push(xy(v));
  }
  const hull = convexHullRing(low);
  return { polygons: hull ? [[hull]] : [], method: 'hull' };
}

/** Mean z of a ring whose Newell normal is near vertical, else undefined. */
function horizontalZ(ring: number[] | undefined, v: Float64Array): number | undefined {
  if (!ring || ring.length < 3) return undefined;
  let nx = 0;
  let ny = 0;
  let nz = 0;
  let zSum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] * 3;
    const b = ring[(i + 1) % ring.length] * 3;
    nx += (v[a + 1] - v[b + 1]) * (v[a + 2] + v[b + 2]);
    ny += (v[a + 2] - v[b + 2]) * (v[a] + v[b]);
    nz += (v[a] - v[b]) * (v[a + 1] + v[b + 1]);
    zSum += v[a + 2];
  }
  const len = Math.hypot(nx, ny, nz);
  return len > 0 && Math.abs(nz) >= HORIZONTAL_NZ * len ? zSum / ring.length : undefined;
}
