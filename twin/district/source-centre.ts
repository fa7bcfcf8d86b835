// Finds a district's natural origin from its sources before any projection: the centre of their WGS84 extent.
import type { OsmData } from '../io/osm-types.ts';
import { projectorFor, createLocalFrame } from '../projection/index.ts';

/** A lon/lat bounding box accumulated over sources: [minLon, minLat, maxLon, maxLat]. */
export type LonLatBox = [number, number, number, number];

export function emptyBox(): LonLatBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

function extend(box: LonLatBox, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
  if (lon < box[0]) box[0] = lon;
  if (lat < box[1]) box[1] = lat;
  if (lon > box[2]) box[2] = lon;
  if (lat > box[3]) box[3] = lat;
}

/** Extends `box` by every position of a GeoJSON document given in `crs`. */
export function extendByGeoJson(box: LonLatBox, doc: unknown, crs: string): void {
  const raw: LonLatBox = emptyBox();
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') extend(raw, c[0], c[1]);
    else for (const x of c) walk(x);
  };
  const features = (doc as { features?: { geometry?: { coordinates?: unknown } }[] })?.features;
  if (!Array.isArray(features)) return;
  for (const f of features) walk(f?.geometry?.coordinates);
  extendByBoxInCrs(box, raw, crs);
}

/** Extends `box` by the nodes of an OSM file (always WGS84). */
export function extendByOsm(box: LonLatBox, osm: OsmData): void {
  for (const n of osm.nodes.values()) extend(box, n.lon, n.lat);
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
