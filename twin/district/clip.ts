// A district clipped to part of its sources ("clip" in district.json, or --clip): a lon/lat box or a GeoJSON polygon.
// Lines and areas are cut at the clip's box (turf's bbox-clip); buildings, sensors and hotspots are kept when they
// lie inside. Drainage, pump stations, depots and the fleet are kept whole: they serve the area from wherever they are.
import { bboxClip } from '@turf/bbox-clip';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { TwinError } from '../errors.ts';
import { ringAreaM2 } from '../io/cityjson-footprint.ts';
import { projectPolygon } from '../io/geojson-common.ts';
import type { ImportContext } from '../io/import-context.ts';
import type { Projector } from '../projection/index.ts';
import type { Building, PolygonXY, RoadSegment, XY } from '../types.ts';
import type { District } from './district.ts';
import type { ManifestClip } from './manifest.ts';
import { boxCentre, emptyBox, extendByBoxInCrs, geoJsonBox } from './source-centre.ts';

/** The clip in the local frame: its bounding box, and its polygons when it is a polygon file. */
export interface LocalClip {
  box: [number, number, number, number];
  polygons?: PolygonXY[];
  /** How to name it in messages: 'lon 4.35–4.37, lat 52.00–52.01' or the file's name. */
  label: string;
}

/** The map layers a clip cuts. */
type Layers = Pick<District, 'buildings' | 'roads' | 'water' | 'landCover' | 'floodWalls' | 'sensors' | 'hotspots'>;

/**
 * The clip in the local frame.
 * @param clip the manifest's clip
 * @param wgs84 the EPSG:4326 projector of the district frame
 * @param polygonFile the parsed clip file (GeoJSON) when the clip is a file
 */
export function localClip(
  clip: ManifestClip,
  wgs84: Projector,
  polygonFile?: unknown,
  fileCtx?: ImportContext,
): LocalClip {
  if ('bbox' in clip) {
    const [w, s, e, n] = clip.bbox;
    // A lon/lat box is not quite a rectangle in the local frame: take corners and edge midpoints.
    const pts: XY[] = [];
    for (const lon of [w, (w + e) / 2, e]) for (const lat of [s, (s + n) / 2, n]) pts.push(wgs84.toLocal(lon, lat));
    return { box: boxOf(pts), label: `lon ${w}–${e}, lat ${s}–${n}` };
  }
  const doc = polygonFile as { type?: string; features?: { geometry?: { type?: string; coordinates?: unknown } }[] };
  const polygons: PolygonXY[] = [];
  const features = doc?.type === 'FeatureCollection' ? (doc.features ?? []) : doc?.type === 'Feature' ? [doc] : [];
  features.forEach((f, i) => {
    const g = (f as { geometry?: { type?: string; coordinates?: unknown } }).geometry;
    if (g?.type === 'Polygon') polygons.push(projectPolygon(g.coordinates, fileCtx!, i, 'geometry.coordinates'));
    else if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
      g.coordinates.forEach((p, k) => polygons.push(projectPolygon(p, fileCtx!, i, `geometry.coordinates[${k}]`)));
    }
  });
  if (polygons.length === 0) {
    throw new TwinError(
      'the clip file holds no Polygon or MultiPolygon feature',
      { file: clip.file, field: 'clip' },
      'give a GeoJSON FeatureCollection with the area to keep as a polygon',
    );
  }
  return { box: boxOf(polygons.flatMap((p) => p[0])), polygons, label: clip.file };
}

/** Cuts the map layers to the clip, in place. Returns how many buildings and roads were kept of how many. */
export function clipLayers(d: Layers, clip: LocalClip): { buildings: [number, number]; roads: [number, number] } {
  const inside = (p: XY) => isInside(p, clip);
  const before = { buildings: d.buildings.length, roads: d.roads.length };
  d.buildings = d.buildings.filter((b: Building) => inside(centreOf(b.footprint[0][0])));
  d.roads = d.roads.flatMap((r) => clipLine(r.coords, clip).map((coords, k, all) => piece(r, coords, k, all.length)));
  d.floodWalls = d.floodWalls.flatMap((w) =>
    clipLine(w.line, clip).map((line, k, all) => ({ ...w, id: all.length > 1 ? `${w.id}#${k}` : w.id, line })),
  );
  d.water = d.water.flatMap((w) => {
    const polygons = clipPolygons(w.polygons, clip);
    return polygons.length ? [{ ...w, polygons }] : [];
  });
  d.landCover = d.landCover.flatMap((l) => {
    const polygons = clipPolygons(l.polygons, clip);
    return polygons.length ? [{ ...l, polygons }] : [];
  });
  d.sensors = d.sensors.filter((s) => inside(s.xy));
  d.hotspots = d.hotspots.filter((h) => inside(h.xy));
  return { buildings: [d.buildings.length, before.buildings], roads: [d.roads.length, before.roads] };
}

function isInside(p: XY, clip: LocalClip): boolean {
  const [w, s, e, n] = clip.box;
  if (p[0] < w || p[0] > e || p[1] < s || p[1] > n) return false;
  if (!clip.polygons) return true;
  return clip.polygons.some((poly) => booleanPointInPolygon(p, { type: 'Polygon', coordinates: poly }));
}

function piece(r: RoadSegment, coords: XY[], k: number, n: number): RoadSegment {
  return { ...r, id: n > 1 ? `${r.id}#${k}` : r.id, coords };
}

/** A line cut at the clip's box; for a polygon clip, pieces that never enter the polygon are dropped. */
function clipLine(line: XY[], clip: LocalClip): XY[][] {
  const g = bboxClip({ type: 'LineString', coordinates: line }, clip.box).geometry;
  const parts = (g.type === 'MultiLineString' ? g.coordinates : [g.coordinates]) as XY[][];
  return parts.filter((p) => p.length >= 2 && (!clip.polygons || p.some((q) => isInside(q, clip))));
}

/** Polygons cut at the clip's box (rings clipped one by one); degenerate rings are dropped. */
function clipPolygons(polygons: PolygonXY[], clip: LocalClip): PolygonXY[] {
  const out: PolygonXY[] = [];
  for (const poly of polygons) {
    const g = bboxClip({ type: 'Polygon', coordinates: poly }, clip.box).geometry;
    const rings = (g.coordinates as XY[][]).filter((ring) => ring.length >= 4);
    if (rings.length && Math.abs(ringAreaM2(rings[0])) > 0) out.push(rings);
  }
  return out;
}

function centreOf(ring: XY[]): XY {
  const [w, s, e, n] = boxOf(ring);
  return [(w + e) / 2, (s + n) / 2];
}

function boxOf(pts: XY[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of pts) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }
  return b;
}

/** The lon/lat centre of a clip (the default origin of a clipped district), or undefined for an empty file. */
export function clipCentreLonLat(
  clip: ManifestClip,
  polygonFile: unknown,
  crs: string,
): { lon: number; lat: number } | undefined {
  if ('bbox' in clip) return boxCentre(clip.bbox);
  const box = emptyBox();
  extendByBoxInCrs(box, geoJsonBox(polygonFile), crs);
  return boxCentre(box);
}

/** The part of `e` inside the clip's box. */
export function clipExtent(
  e: { minX: number; minY: number; maxX: number; maxY: number },
  clip: LocalClip,
): { minX: number; minY: number; maxX: number; maxY: number } {
  return {
    minX: Math.max(e.minX, clip.box[0]),
    minY: Math.max(e.minY, clip.box[1]),
    maxX: Math.min(e.maxX, clip.box[2]),
    maxY: Math.min(e.maxY, clip.box[3]),
  };
}
