// What every GeoJSON importer shares: parsing with line numbers, feature labels for messages, ring and polygon
// projection with validation, and merging tile-clipped pieces that share an id. Coordinates go through ctx.projector.
import { TwinError, formatTwinError, orLenient, recordSkipped } from '../errors.ts';
import { assertPlausible, resolveCrs } from '../projection/index.ts';
import type { PolygonXY, XY } from '../types.ts';
import type { ImportContext } from './import-context.ts';
import { parseJsonText } from './json-text.ts';

/** A GeoJSON feature as read from a file (geometry and properties not yet validated). */
export interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  geometry: { type: string; coordinates?: unknown; geometries?: unknown } | null;
  properties: Record<string, unknown> | null;
}

/** A feature with its position in the file and the label used in messages ("3 (id 1234)"). */
export interface IndexedFeature {
  index: number;
  feature: GeoJsonFeature;
  props: Record<string, unknown>;
  /** Source id as a string (properties.id, feature.id, @id, osm_id), undefined when absent. */
  id: string | undefined;
  label: string | number;
}

/**
 * The features of a GeoJSON FeatureCollection (or a single Feature), from text or an already parsed object.
 * Checks that a declared legacy `crs` member agrees with the CRS the caller projects from.
 */
export function readFeatures(input: string | unknown, ctx: ImportContext): IndexedFeature[] {
  const doc = typeof input === 'string' ? parseJsonText(input, ctx.file) : input;
  const { file } = ctx;
  if (!doc || typeof doc !== 'object') {
    throw new TwinError('is not a GeoJSON object', { file }, 'give a FeatureCollection');
  }
  const obj = doc as Record<string, unknown>;
  checkDeclaredCrs(obj, ctx);
  let list: unknown[];
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) list = obj.features;
  else if (obj.type === 'Feature') list = [obj];
  else {
    throw new TwinError(
      `is not a GeoJSON FeatureCollection (type ${JSON.stringify(obj.type)})`,
      { file, field: 'type' },
      'give {"type": "FeatureCollection", "features": [...]}',
    );
  }
  return list.map((raw, index) => {
    if (!raw || typeof raw !== 'object' || (raw as GeoJsonFeature).type !== 'Feature') {
      throw new TwinError('is not a GeoJSON Feature', { file, feature: index, field: 'type' });
    }
    const feature = raw as GeoJsonFeature;
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const rawId = props.id ?? feature.id ?? props['@id'] ?? props.osm_id;
    const id = rawId === undefined || rawId === null || rawId === '' ? undefined : String(rawId);
    return { index, feature, props, id, label: id === undefined ? index : `${index} (id ${id})` };
  });
}

/** The old-style GeoJSON `crs` member, e.g. "urn:ogc:def:crs:EPSG::3857", when the file declares one. */
export function declaredGeoJsonCrs(doc: unknown): string | undefined {
  const crs = (doc as { crs?: { properties?: { name?: unknown } } } | null)?.crs;
  const name = crs?.properties?.name;
  return typeof name === 'string' ? name : undefined;
}

function checkDeclaredCrs(doc: Record<string, unknown>, ctx: ImportContext): void {
  const declared = declaredGeoJsonCrs(doc);
  if (!declared) return;
  const where = { file: ctx.file, field: 'crs' };
  if (resolveCrs(declared, where) !== resolveCrs(ctx.projector.crs, where)) {
    throw new TwinError(
      `the file declares CRS ${declared} but is being read as ${ctx.projector.crs}`,
      where,
      `set "crs": "${declared}" for this file in district.json, or remove the file's "crs" member if it is wrong`,
    );
  }
}

/** Runs `fn` on one feature; in lenient mode a TwinError becomes a warning and the feature is skipped (undefined). */
export function guardFeature<T>(ctx: ImportContext, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof TwinError) || !ctx.opts.lenient) throw err;
    recordSkipped(ctx.opts, err, 'feature skipped');
    return undefined;
  }
}

/** Adds one summary warning such as "skipped 409 Point features (label points)" when count > 0. */
export function warnSkipped(ctx: ImportContext, count: number, what: string): void {
  if (count > 0) {
    const where = { file: ctx.file };
    ctx.opts.warnings?.push({ message: formatTwinError(`skipped ${count} ${what}`, where), where });
  }
}

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

/**
 * Projects one position to the local frame after checking it is finite and plausible for the CRS.
 * @param field the JSON path used in messages, e.g. "geometry.coordinates[0][3]"
 */
export function projectPosition(p: unknown, ctx: ImportContext, feature: string | number, field: string): XY {
  const where = { file: ctx.file, feature, field };
  if (!isPosition(p)) {
    throw new TwinError(
      `position ${JSON.stringify(p)} is not [x, y] numbers`,
      where,
      'every position must be an array of two or three numbers',
    );
  }
  // assertPlausible rejects NaN/Infinity, out-of-range degrees and points far from the district.
  assertPlausible(ctx.projector, p[0], p[1], where);
  return ctx.projector.toLocal(p[0], p[1]);
}

/**
 * Validates and projects a linear ring: at least 4 positions, closed (first = last). An unclosed ring is an error
 * in strict mode; lenient mode closes it and records a warning.
 */
export function projectRing(raw: unknown, ctx: ImportContext, feature: string | number, field: string): XY[] {
  const where = { file: ctx.file, feature, field };
  if (!Array.isArray(raw)) throw new TwinError('ring is not an array of positions', where);
  const ring = raw.map((p, k) => projectPosition(p, ctx, feature, `${field}[${k}]`));
  const first = raw[0] as number[] | undefined;
  const last = raw[raw.length - 1] as number[] | undefined;
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    const what = `ring is not closed: first point (${first[0]}, ${first[1]}) differs from last (${last[0]}, ${last[1]})`;
    const hint = orLenient('repeat the first position at the end of the ring', 'close it');
    if (!ctx.opts.lenient) throw new TwinError(what, where, hint);
    ctx.opts.warnings?.push({ message: `${formatTwinError(what, where)} (closed it)`, where });
    ring.push([ring[0][0], ring[0][1]]);
  }
  if (ring.length < 4) {
    throw new TwinError(
      `ring has ${ring.length} positions, a closed ring needs at least 4`,
      where,
      'drop degenerate rings (fewer than three distinct corners)',
    );
  }
  return ring;
}

/** Validates and projects a GeoJSON Polygon's coordinates (outer ring, then holes). */
export function projectPolygon(raw: unknown, ctx: ImportContext, feature: string | number, field: string): PolygonXY {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new TwinError(
      'polygon has no rings',
      { file: ctx.file, feature, field },
      'a polygon is [outerRing, ...holes]',
    );
  }
  return raw.map((ring, r) => projectRing(ring, ctx, feature, `${field}[${r}]`));
}

/**
 * The polygons of a Polygon or MultiPolygon geometry, or undefined for any other geometry type.
 * Throws TwinError naming the feature and the ring's JSON path when a ring is invalid.
 */
export function projectAreaGeometry(f: IndexedFeature, ctx: ImportContext): PolygonXY[] | undefined {
  const g = f.feature.geometry;
  if (!g) return undefined;
  if (g.type === 'Polygon') return [projectPolygon(g.coordinates, ctx, f.label, 'geometry.coordinates')];
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates)) {
      throw new TwinError('MultiPolygon coordinates are not an array', {
        file: ctx.file,
        feature: f.label,
        field: 'geometry.coordinates',
      });
    }
    return g.coordinates.map((poly, k) => projectPolygon(poly, ctx, f.label, `geometry.coordinates[${k}]`));
  }
  return undefined;
}

/** Validates and projects a LineString (≥ 2 positions). */
export function projectLine(raw: unknown, ctx: ImportContext, feature: string | number, field: string): XY[] {
  const where = { file: ctx.file, feature, field };
  if (!Array.isArray(raw)) throw new TwinError('line is not an array of positions', where);
  if (raw.length < 2) throw new TwinError(`line has ${raw.length} positions, needs at least 2`, where);
  return raw.map((p, k) => projectPosition(p, ctx, feature, `${field}[${k}]`));
}

/** Groups items by key, keeping the order in which each key first appears. */
export function groupInOrder<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** Concatenates polygon lists, dropping exact duplicates (the same piece repeated in two tiles). */
export function uniquePolygons(lists: PolygonXY[][]): PolygonXY[] {
  const seen = new Set<string>();
  const out: PolygonXY[] = [];
  for (const list of lists) {
    for (const poly of list) {
      const key = JSON.stringify(poly);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(poly);
    }
  }
  return out;
}

/** A property as a trimmed non-empty string, or undefined. */
export function propString(props: Record<string, unknown>, key: string): string | undefined {
  const v = props[key];
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** The first present of a feature's name properties (name, name:zh), and its English name. */
export function namesOf(props: Record<string, unknown>): { name?: string; nameEn?: string } {
  const name = propString(props, 'name') ?? propString(props, 'name:zh') ?? propString(props, 'name:en');
  const nameEn = propString(props, 'name:en') ?? propString(props, 'name_en');
  const out: { name?: string; nameEn?: string } = {};
  if (name !== undefined) out.name = name;
  if (nameEn !== undefined) out.nameEn = nameEn;
  return out;
}
