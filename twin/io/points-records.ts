// Point tables as uniform records, whether they come from CSV rows or GeoJSON features, with typed value readers
// that name the file, line, feature and column of a bad value. The roles (sensors, hotspots…) are in points.ts.
import { TwinError, type TwinErrorWhere } from '../errors.ts';
import { assertPlausible } from '../projection/index.ts';
import type { XY } from '../types.ts';
import { parseCsv } from './csv.ts';
import { projectPosition, readFeatures } from './geojson-common.ts';
import type { ImportContext } from './import-context.ts';

/** The columns of one role: required ones, optional ones, and whether rows carry a location. */
export interface ColumnSet {
  required: readonly string[];
  optional: readonly string[];
  located: boolean;
}

/** One row or feature of a point table. */
export interface PointRecord {
  where: TwinErrorWhere;
  /** A cell or property, undefined when absent or empty. */
  get(column: string): unknown;
  /** The projected location (CSV lon/lat or x/y, GeoJSON Point); throws when it has none. */
  xy(): XY;
  /** The GeoJSON geometry, for polygon roles. */
  geometry?: { type: string; coordinates?: unknown } | null;
}

/** Describes a column set for messages: "id, name, kind, lon, lat (or x, y); optional: name_en, modelled". */
export function describeColumns(set: ColumnSet): string {
  const loc = set.located ? ', lon, lat (or x, y)' : '';
  return `${set.required.join(', ')}${loc}${set.optional.length ? `; optional: ${set.optional.join(', ')}` : ''}`;
}

/** Is this text CSV (by file name, else by its first character)? */
export function looksLikeCsv(input: unknown, file: string): input is string {
  if (typeof input !== 'string') return false;
  if (/\.csv$/i.test(file)) return true;
  if (/\.(geo)?json$/i.test(file)) return false;
  return !/^\s*\{/.test(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
}

/** The records of a CSV point table; a missing required column names the file, the column and the expected set. */
export function csvRecords(text: string, set: ColumnSet, ctx: ImportContext): PointRecord[] {
  const table = parseCsv(text, ctx.file);
  const col = new Map(table.header.map((h, k) => [h, k]));
  const expected = `expected columns: ${describeColumns(set)}`;
  for (const name of set.required) {
    if (!col.has(name)) {
      throw new TwinError(`missing column "${name}"`, { file: ctx.file, line: 1, field: name }, expected);
    }
  }
  let xCol = '';
  let yCol = '';
  if (set.located) {
    [xCol, yCol] = col.has('lon') || col.has('lat') ? ['lon', 'lat'] : ['x', 'y'];
    if (!col.has(xCol) || !col.has(yCol)) {
      const field = col.has('lon') || col.has('x') ? yCol : xCol;
      throw new TwinError(
        `missing coordinate columns: give "lon" and "lat" (or "x" and "y" in the layer's CRS)`,
        { file: ctx.file, line: 1, field },
        expected,
      );
    }
  }
  return table.rows.map((row) => {
    const cell = (name: string) => {
      const k = col.get(name);
      const v = k === undefined ? '' : row.cells[k].trim();
      return v === '' ? undefined : v;
    };
    const id = cell('id');
    const where: TwinErrorWhere = { file: ctx.file, line: row.line, feature: id ?? `row ${row.line}` };
    return {
      where,
      get: cell,
      xy: () => {
        const x = readNumber({ where, get: cell } as PointRecord, xCol, { required: true })!;
        const y = readNumber({ where, get: cell } as PointRecord, yCol, { required: true })!;
        const at = { ...where, field: `${xCol}, ${yCol}` };
        assertPlausible(ctx.projector, x, y, at);
        return ctx.projector.toLocal(x, y);
      },
    };
  });
}

/** The records of a GeoJSON point (or polygon) layer; properties are looked up by column name. */
export function geoJsonRecords(input: string | unknown, ctx: ImportContext): PointRecord[] {
  return readFeatures(input, ctx).map((f) => {
    const where: TwinErrorWhere = { file: ctx.file, feature: f.label };
    const get = (name: string) => {
      const v = f.props[name] ?? (name === 'name_en' ? f.props['name:en'] : undefined);
      return v === null || v === '' ? undefined : v;
    };
    return {
      where,
      get,
      geometry: f.feature.geometry,
      xy: () => {
        const g = f.feature.geometry;
        if (g?.type !== 'Point') {
          throw new TwinError(
            `geometry is ${g?.type ?? 'null'}, expected a Point`,
            { ...where, field: 'geometry' },
            'give each feature a Point geometry',
          );
        }
        return projectPosition(g.coordinates, ctx, f.label, 'geometry.coordinates');
      },
    };
  });
}

function badValue(r: PointRecord, column: string, value: unknown, expected: string): TwinError {
  const what = value === undefined ? `no value for "${column}"` : `value ${JSON.stringify(value)} is not ${expected}`;
  return new TwinError(what, { ...r.where, field: column }, `give ${expected} in column "${column}"`);
}

/** A required text value. */
export function readText(r: PointRecord, column: string): string {
  const v = r.get(column);
  if (v === undefined) throw badValue(r, column, v, 'a non-empty text');
  return String(v).trim();
}

/** An optional text value. */
export function readOptionalText(r: PointRecord, column: string): string | undefined {
  const v = r.get(column);
  return v === undefined ? undefined : String(v).trim();
}

/** A number, optionally required and bounded below (min inclusive unless `positive`). */
export function readNumber(
  r: PointRecord,
  column: string,
  opts: { required?: boolean; positive?: boolean; min?: number } = {},
): number | undefined {
  const v = r.get(column);
  if (v === undefined) {
    if (opts.required) throw badValue(r, column, v, 'a number');
    return undefined;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw badValue(r, column, v, 'a number');
  if (opts.positive && !(n > 0)) throw badValue(r, column, v, 'a number > 0');
  if (opts.min !== undefined && n < opts.min) throw badValue(r, column, v, `a number ≥ ${opts.min}`);
  return n;
}

/** One of a set of words. */
export function readEnum<T extends string>(r: PointRecord, column: string, allowed: readonly T[]): T {
  const v = r.get(column);
  const s = v === undefined ? undefined : String(v).trim();
  if (s === undefined || !(allowed as readonly string[]).includes(s)) {
    throw badValue(r, column, v, `one of ${allowed.join('|')}`);
  }
  return s as T;
}

/** A yes/no flag: true/false, 1/0, yes/no; absent is `fallback`. */
export function readFlag(r: PointRecord, column: string, fallback = false): boolean {
  const v = r.get(column);
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', '1', 'yes'].includes(s)) return true;
  if (['false', '0', 'no'].includes(s)) return false;
  throw badValue(r, column, v, 'true or false');
}
