// EPSG definitions the twin knows by code, as proj4 strings. Others can be given as a proj4 string in the manifest.
// Sources: epsg.io / the EPSG registry's PROJ.4 exports for each code.

const WGS84_GEOGRAPHIC = '+proj=longlat +datum=WGS84 +no_defs';

/** Fixed definitions by EPSG code. UTM zones (326xx, 327xx) are generated in `epsgDefinition`. */
const EPSG_DEFS: Record<number, string> = {
  4326: WGS84_GEOGRAPHIC,
  // CGCS2000 geographic: differs from WGS84 by centimetres, within what the twin resolves.
  4490: '+proj=longlat +ellps=GRS80 +no_defs',
  3857: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  // CGCS2000 / 3-degree Gauss-Kruger CM 120E (Shanghai), with and without the zone prefix.
  4549: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  4528: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  // Amersfoort / RD New, and RD New + NAP height (7415, compound: the horizontal part is 28992). The datum shift is
  // the Amersfoort to WGS 84 Helmert with rotations in arc-seconds, as proj4 reads them (about 1 m); the same
  // numbers in micro-radians with the other sign convention put Delft about 180 m off.
  28992:
    '+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs',
  7415: '+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs',
  // OSGB 1936 / British National Grid (the EA benchmarks' home grid).
  27700:
    '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
};

/** The proj4 definition for an EPSG code, or undefined when the twin does not know it. */
export function epsgDefinition(code: number): string | undefined {
  if (EPSG_DEFS[code]) return EPSG_DEFS[code];
  if (code >= 32601 && code <= 32660) return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  if (code >= 32701 && code <= 32760) return `+proj=utm +zone=${code - 32700} +south +datum=WGS84 +units=m +no_defs`;
  return undefined;
}

/** EPSG codes known by a fixed definition (UTM zones aside), for error messages. */
export function knownEpsgCodes(): number[] {
  return Object.keys(EPSG_DEFS).map(Number);
}
