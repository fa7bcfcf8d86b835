// The one place coordinates are converted: any supported CRS to the district's local metric frame and back.
// The local frame is a transverse Mercator centred on the district origin, so x/y are true metres east/north.
import proj4 from 'proj4';
import { TwinError, type TwinErrorWhere } from '../errors.ts';
import type { XY } from '../types.ts';
import { epsgDefinition, knownEpsgCodes } from './epsg.ts';

/** The district's local frame: metres east and north of (originLon, originLat) on WGS84. */
export interface LocalFrame {
  originLon: number;
  originLat: number;
}

/** Converts coordinates of one source CRS to the local frame and back. */
export interface Projector {
  /** The CRS as named by the caller, e.g. 'EPSG:4326'. */
  readonly crs: string;
  readonly geographic: boolean;
  /** Source CRS → local metres. */
  toLocal(x: number, y: number): XY;
  /** Local metres → source CRS. */
  fromLocal(x: number, y: number): XY;
}

/** proj4's two-way converter between two definitions. */
interface Converter {
  forward(p: number[]): number[];
  inverse(p: number[]): number[];
}

/** Resolves 'EPSG:7415', 'urn:ogc:def:crs:EPSG::7415', an OGC URL, 'OGC:CRS84' or a proj4 string to a proj4 definition. */
export function resolveCrs(crs: string, where: TwinErrorWhere = {}): string {
  const trimmed = crs.trim();
  if (trimmed.startsWith('+proj=')) return trimmed;
  if (/^(OGC:)?CRS84$/i.test(trimmed) || /crs\/OGC\/1\.3\/CRS84$/i.test(trimmed) || /CRS84$/i.test(trimmed)) {
    return epsgDefinition(4326)!;
  }
  const m = /EPSG(?::{1,2}|\/\d+(?:\.\d+)?\/|\/0\/)(\d+)$/i.exec(trimmed);
  if (!m) {
    throw new TwinError(
      `unrecognised coordinate system "${crs}"`,
      where,
      `give an EPSG code such as "EPSG:4326" or a proj4 string starting with "+proj="`,
    );
  }
  const code = Number(m[1]);
  const def = epsgDefinition(code);
  if (!def) {
    throw new TwinError(
      `unknown EPSG code ${code}`,
      where,
      `use one of EPSG:${knownEpsgCodes().join(', EPSG:')} or a UTM zone (326xx/327xx), or give the CRS as a proj4 string`,
    );
  }
  return def;
}

/**
 * The local frame's projection parameters: the single source for the proj4 string the twin converts with and for
 * the WKT and GeoTIFF GeoKeys that describe the frame to GIS tools, so they cannot drift apart.
 */
export interface LocalFrameParameters {
  /** Transverse Mercator (proj4 'tmerc', which proj4js computes with the Poder/Engsager series, as PROJ does). */
  method: 'transverse-mercator';
  /** Latitude of natural origin, degrees: the district origin, so y = 0 there. */
  latOfOriginDeg: number;
  /** Central meridian (longitude of natural origin), degrees: the district origin, so x = 0 there. */
  centralMeridianDeg: number;
  /** Scale factor on the central meridian: 1, so distances near the origin are true metres. */
  scaleFactor: number;
  /** False easting and northing, metres. */
  falseEastingM: number;
  falseNorthingM: number;
}

/** The parameters of `frame` as a transverse Mercator on the WGS84 datum. */
export function localFrameParameters(frame: LocalFrame): LocalFrameParameters {
  return {
    method: 'transverse-mercator',
    latOfOriginDeg: frame.originLat,
    centralMeridianDeg: frame.originLon,
    scaleFactor: 1,
    falseEastingM: 0,
    falseNorthingM: 0,
  };
}

/** The local frame as a proj4 (and PROJ) definition string; x/y in metres east/north of the origin. */
export function localFrameProj4(frame: LocalFrame): string {
  const p = localFrameParameters(frame);
  return (
    `+proj=tmerc +lat_0=${p.latOfOriginDeg} +lon_0=${p.centralMeridianDeg} +k=${p.scaleFactor} ` +
    `+x_0=${p.falseEastingM} +y_0=${p.falseNorthingM} +datum=WGS84 +units=m +no_defs`
  );
}

/** A local frame centred on the given WGS84 point. */
export function createLocalFrame(originLon: number, originLat: number): LocalFrame {
  if (
    !Number.isFinite(originLon) ||
    !Number.isFinite(originLat) ||
    Math.abs(originLon) > 180 ||
    Math.abs(originLat) > 85
  ) {
    throw new TwinError(`origin (${originLon}, ${originLat}) is not a WGS84 longitude/latitude`, { field: 'origin' });
  }
  return { originLon, originLat };
}

/** A projector from `crs` to the local frame. Geographic CRSs take (lon, lat) in degrees. */
export function projectorFor(crs: string, frame: LocalFrame, where: TwinErrorWhere = {}): Projector {
  const def = resolveCrs(crs, where);
  const conv = proj4(def, localFrameProj4(frame)) as unknown as Converter;
  const geographic = def.includes('+proj=longlat');
  return {
    crs,
    geographic,
    toLocal(x, y) {
      const p = conv.forward([x, y]);
      return [p[0], p[1]];
    },
    fromLocal(x, y) {
      const p = conv.inverse([x, y]);
      return [p[0], p[1]];
    },
  };
}

/** Local metres → WGS84 (lon, lat). */
export function localToWgs84(frame: LocalFrame, x: number, y: number): XY {
  return projectorFor('EPSG:4326', frame).fromLocal(x, y);
}

/**
 * A local point as WGS84 (lon, lat) for outputs (CSV, GeoJSON, API): degrees rounded to 7 decimals, about 1 cm,
 * so files do not carry the last floating-point bits of the projection.
 */
export function lonLatOf(frame: LocalFrame, xy: readonly [number, number]): XY {
  const [lon, lat] = localToWgs84(frame, xy[0], xy[1]);
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** WGS84 (lon, lat) → local metres. */
export function wgs84ToLocal(frame: LocalFrame, lon: number, lat: number): XY {
  return projectorFor('EPSG:4326', frame).toLocal(lon, lat);
}

/**
 * Catches coordinates in the wrong CRS before they are used: degrees that are out of range, metres given as degrees,
 * degrees given as metres, or points that land absurdly far from the district.
 * `maxDistanceM` bounds how far from the origin a point may project (default 200 km).
 */
export function assertPlausible(
  projector: Projector,
  x: number,
  y: number,
  where: TwinErrorWhere,
  maxDistanceM = 200_000,
): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new TwinError(
      `coordinate (${x}, ${y}) is not a finite number`,
      where,
      'remove NaN or empty coordinates from the geometry',
    );
  }
  if (projector.geographic && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
    throw new TwinError(
      `coordinate (${x}, ${y}) is not a longitude/latitude although the file's CRS is ${projector.crs}`,
      where,
      'the data looks projected (metres): declare its CRS (e.g. "crs": "EPSG:32651") in district.json',
    );
  }
  const [lx, ly] = projector.toLocal(x, y);
  const d = Math.hypot(lx, ly);
  if (!Number.isFinite(d) || d > maxDistanceM) {
    const hint = projector.geographic
      ? 'check the longitude/latitude order and the district origin'
      : `the coordinates may be longitude/latitude, or in another CRS than ${projector.crs}: check "crs" in district.json`;
    throw new TwinError(
      `coordinate (${x}, ${y}) in ${projector.crs} lies ${Number.isFinite(d) ? Math.round(d / 1000) + ' km' : 'infinitely far'} from the district origin`,
      where,
      hint,
    );
  }
}
