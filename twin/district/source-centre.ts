// Finds a district's natural origin from its sources before any projection: the centre of the WGS84 extent of its
// buildings and roads (not of every node an OSM extract carries, which with complete ways runs far past the town).
import { osmBuildingKind } from '../io/osm-buildings.ts';
import type { OsmData } from '../io/osm-types.ts';
import { projectorFor, createLocalFrame } from '../projection/index.ts';

/** A lon/lat bounding box accumulated over sources: [minLon, minLat, maxLon, maxLat]. */
export type LonLatBox = [number, number, number, number];

/** An empty box, ready to be extended. */
export function emptyBox(): LonLatBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

/** Grows `box` to take in (lon, lat); non-finite positions are ignored. */
export function extend(box: LonLatBox, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
  if (lon < box[0]) box[0] = lon;
  if (lat < box[1]) box[1] = lat;
  if (lon > box[2]) box[2] = lon;
  if (lat > box[3]) box[3] = lat;
}

/**
 * The box of a GeoJSON document's positions in its own coordinates, or an empty box. Hand-walked rather than
 * turf's bbox, which trusts a stale `bbox` member and reads a null position (a broken exporter's NaN) as 0, pulling
 * the box to (0, 0); here non-numbers are passed over and the importer reports them with feature and field.
 */
export function geoJsonBox(doc: unknown): LonLatBox {
  const raw: LonLatBox = emptyBox();
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') extend(raw, c[0], c[1]);
    else for (const x of c) walk(x);
  };
  const d = doc as { type?: unknown; geometry?: { coordinates?: unknown }; features?: unknown };
  const features = d?.type === 'Feature' ? [d] : Array.isArray(d?.features) ? d.features : [];
  for (const f of features as { geometry?: { coordinates?: unknown } }[]) walk(f?.geometry?.coordinates);
  return raw;
}

/** Extends `box` by every position of a GeoJSON document given in `crs`. */
export function extendByGeoJson(box: LonLatBox, doc: unknown, crs: string): void {
  extendByBoxInCrs(box, geoJsonBox(doc), crs);
}

/** Which OSM ways a box is taken over. */
export type OsmWaySelection = 'all' | { buildings: boolean; roads: boolean };

/**
 * Extends `box` by the nodes of an OSM file (always WGS84): all of them, or only those of its building and road
 * ways (and of building multipolygons), which is what the district origin is the centre of.
 */
export function extendByOsm(box: LonLatBox, osm: OsmData, which: OsmWaySelection = 'all'): void {
  if (which === 'all') {
    for (const n of osm.nodes.values()) extend(box, n.lon, n.lat);
    return;
  }
  const isBuilding = (tags: Record<string, string>) => which.buildings && osmBuildingKind(tags) !== undefined;
  const isRoad = (tags: Record<string, string>) => which.roads && !!tags.highway && tags.area !== 'yes';
  const wayIds = new Set<number>();
  for (const rel of osm.relations) {
    if (rel.tags.type !== 'multipolygon' || !isBuilding(rel.tags)) continue;
    for (const m of rel.members) if (m.type === 'way') wayIds.add(m.ref);
  }
  for (const way of osm.ways) {
    if (!wayIds.has(way.id) && !isBuilding(way.tags) && !isRoad(way.tags)) continue;
    for (const id of way.nodeIds) {
      const n = osm.nodes.get(id);
      if (n) extend(box, n.lon, n.lat);
    }
  }
}

/** Extends `box` by a box given in another CRS (its corners converted to WGS84). */
export function extendByBoxInCrs(box: LonLatBox, raw: LonLatBox, crs: string): void {
  if (!(raw[0] <= raw[2])) return;
  const p = projectorFor(crs, createLocalFrame(0, 0));
  if (p.geographic) {
    extend(box, raw[0], raw[1]);
    extend(box, raw[2], raw[3]);
    return;
  }
  // A projected CRS: go through a frame at the origin of WGS84; only the lon/lat matter here.
  const toWgs = projectorFor('EPSG:4326', createLocalFrame(0, 0));
  for (const [x, y] of [
    [raw[0], raw[1]],
    [raw[2], raw[3]],
    [raw[0], raw[3]],
    [raw[2], raw[1]],
  ]) {
    const local = p.toLocal(x, y);
    const [lon, lat] = toWgs.fromLocal(local[0], local[1]);
    extend(box, lon, lat);
  }
}

/** Centre of the box rounded to 1e-5° (about a metre), or undefined for an empty box. */
export function boxCentre(box: LonLatBox): { lon: number; lat: number } | undefined {
  if (!(box[0] <= box[2])) return undefined;
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  return { lon: r((box[0] + box[2]) / 2), lat: r((box[1] + box[3]) / 2) };
}

/**
 * The share of box `a` (its area, or its length when it is flat along an axis) inside box `b` grown by `margin` on
 * every side: 1 when `a` fits, 0 when they are apart. Works for lon/lat boxes and CRS boxes alike.
 */
export function shareInside(a: LonLatBox, b: LonLatBox, margin = 0): number {
  const overlap = (lo: number, hi: number, blo: number, bhi: number) => {
    const inside = Math.max(0, Math.min(hi, bhi + margin) - Math.max(lo, blo - margin));
    if (hi > lo) return inside / (hi - lo);
    return lo >= blo - margin && lo <= bhi + margin ? 1 : 0;
  };
  return overlap(a[0], a[2], b[0], b[2]) * overlap(a[1], a[3], b[1], b[3]);
}

/** True when the boxes overlap once `b` is grown by `margin`. */
export function boxesMeet(a: LonLatBox, b: LonLatBox, margin = 0): boolean {
  return a[0] <= b[2] + margin && a[2] >= b[0] - margin && a[1] <= b[3] + margin && a[3] >= b[1] - margin;
}

/** True when the box holds at least one position. */
export function isBoxSet(b: LonLatBox): boolean {
  return b[0] <= b[2] && b[1] <= b[3];
}
