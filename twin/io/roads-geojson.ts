// Roads from GeoJSON: Tilezen vector-tile layers (kind / kind_detail, is_bridge, is_tunnel) or plain OSM-tagged lines
// (highway=*). Tile-clipped pieces keep their OSM id with a "#k" suffix so the road graph can join them again.
import { TwinError, skipReasons, formatTwinError, reportBadFeature, type TwinErrorWhere } from '../errors.ts';
import type { RoadSegment } from '../types.ts';
import type { ImportContext } from './import-context.ts';
import { projectLine, segmentFromOsmTags, type RoadTags } from './roads-common.ts';

/** Tilezen road-layer kinds that are ways for traffic; their kind_detail is the OSM highway value. */
const TILEZEN_ROAD_KINDS: Record<string, string> = {
  highway: 'motorway',
  major_road: 'road',
  minor_road: 'road',
  path: 'path',
};

/** Separator between an OSM id and the piece number of a tile-clipped road: "177931018#2". */
export const PIECE_SEPARATOR = '#';

/** The source object's id of a segment id (the OSM way id for tile-clipped pieces "123#0", "123#1"…). */
export function sourceIdOf(segmentId: string): string {
  const at = segmentId.lastIndexOf(PIECE_SEPARATOR);
  return at > 0 && /^\d+$/.test(segmentId.slice(at + 1)) ? segmentId.slice(0, at) : segmentId;
}

interface GeoJsonFeature {
  type?: unknown;
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

/** OSM-style tags of a Tilezen feature, and its highway value (kind_detail, or the kind for rail, ferry…). */
function tilezenTags(p: Record<string, unknown>): { highway: string; tags: RoadTags } {
  const kind = String(p.kind);
  const detail = typeof p.kind_detail === 'string' && p.kind_detail !== '' ? p.kind_detail : undefined;
  const highway = TILEZEN_ROAD_KINDS[kind] !== undefined ? (detail ?? TILEZEN_ROAD_KINDS[kind]) : kind;
  const tags: Record<string, unknown> = {
    oneway: p.oneway,
    bridge: p.is_bridge === true ? 'yes' : undefined,
    tunnel: p.is_tunnel === true ? 'yes' : undefined,
    layer: p.layer,
    maxspeed: p.maxspeed,
    name: p.name ?? p['name:zh'],
    'name:en': p['name:en'],
    access: p.access,
    motor_vehicle: p.motor_vehicle,
    vehicle: p.vehicle,
    motorcar: p.motorcar,
  };
  return { highway, tags };
}

/**
 * Reads road lines from a GeoJSON FeatureCollection (text or parsed object) in `ctx.projector`'s CRS.
 * Each LineString, and each part of a MultiLineString, becomes one RoadSegment; an id shared by several pieces
 * (tile clipping) becomes "id#0", "id#1"… in file order. Properties: OSM `highway`, `oneway`, `junction`, `bridge`,
 * `tunnel`, `layer`, `maxspeed`, `name`, `name:en`, `access`; or Tilezen `kind`, `kind_detail`, `oneway`,
 * `is_bridge`, `is_tunnel`, names. Features of other geometry types are skipped with a warning.
 */
export function roadsFromGeoJson(input: string | unknown, ctx: ImportContext): RoadSegment[] {
  const file = ctx.file;
  // 1. Document.
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      throw new TwinError(`not valid JSON (${(e as Error).message})`, { file }, 'check the file is complete GeoJSON');
    }
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new TwinError(
      'not a GeoJSON FeatureCollection',
      { file, field: 'type' },
      'give {"type": "FeatureCollection", "features": […]}',
    );
  }
  const features = fc.features as GeoJsonFeature[];
  const idOf = (f: GeoJsonFeature, i: number): string => {
    const id = f?.properties?.id ?? f?.id;
    return id === undefined || id === null || id === '' ? `f${i}` : String(id);
  };
  // 2. Pieces per id, so split ways get "#k" suffixes and single ones keep their plain id.
  const pieces = new Map<string, number>();
  features.forEach((f, i) => {
    const g = f?.geometry;
    const n =
      g?.type === 'LineString'
        ? 1
        : g?.type === 'MultiLineString' && Array.isArray(g.coordinates)
          ? g.coordinates.length
          : 0;
    pieces.set(idOf(f, i), (pieces.get(idOf(f, i)) ?? 0) + n);
  });
  const used = new Map<string, number>();
  const out: RoadSegment[] = [];
  // 3. Features.
  features.forEach((f, i) => {
    const id = idOf(f, i);
    const where: TwinErrorWhere = { file, feature: id === `f${i}` ? i : `${i} (id ${id})` };
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      reportBadFeature(ctx.opts, 'is not a GeoJSON Feature', { ...where, field: 'type' });
      return;
    }
    const g = f.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
      const at = { ...where, field: 'geometry' };
      const what = `${g ? String(g.type) : 'null'} geometry is not a road line, skipped`;
      ctx.opts.warnings?.push({ message: formatTwinError(what, at), where: at });
      return;
    }
    const p = f.properties ?? {};
    let highway: string;
    let tags: RoadTags;
    if (typeof p.highway === 'string' && p.highway !== '') {
      highway = p.highway;
      tags = p;
    } else if (typeof p.kind === 'string' && p.kind !== '') {
      ({ highway, tags } = tilezenTags(p));
    } else {
      reportBadFeature(
        ctx.opts,
        'has neither an OSM "highway" nor a Tilezen "kind" property',
        { ...where, field: 'highway' },
        'tag each road with highway=* (OSM) or kind/kind_detail (Tilezen)',
      );
      return;
    }
    const parts =
      g.type === 'LineString' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [undefined];
    parts.forEach((positions: unknown, k: number) => {
      const field = g.type === 'LineString' ? 'geometry.coordinates' : `geometry.coordinates[${k}]`;
      const coords = projectLine(positions, ctx, { ...where, field });
      if (!coords) return;
      const n = used.get(id) ?? 0;
      used.set(id, n + 1);
      const segId = (pieces.get(id) ?? 1) > 1 ? `${id}${PIECE_SEPARATOR}${n}` : id;
      out.push(segmentFromOsmTags(segId, highway, tags, coords, ctx, where));
    });
  });
  // 4. An empty layer is a mistake, not a district without roads.
  if (out.length === 0) {
    throw new TwinError(
      `contains no road lines${skipReasons(ctx.opts, file)}`,
      { file },
      'give LineString or MultiLineString features with highway=* or Tilezen kind',
    );
  }
  return out;
}
