// The district's local frame described to GIS tools: WKT for a .prj or a `crs_wkt`, and GeoTIFF GeoKeys.
// Everything is derived from `localFrameParameters`, the same record the twin's proj4 conversions are built from.
import { localFrameParameters, type LocalFrame } from './local-frame.ts';

/** WKT dialects `localFrameWkt` writes: ESRI WKT1 (what a .prj holds) or OGC WKT2:2019 (CF `crs_wkt`, GDAL). */
export type WktDialect = 'esri' | 'wkt2';

/** A GeoTIFF GeoKey: SHORT values sit in the directory, DOUBLE in GeoDoubleParams, ASCII in GeoAsciiParams. */
export type GeoKey =
  | { id: number; name: string; type: 'short' | 'double'; value: number }
  | { id: number; name: string; type: 'ascii'; value: string };

/** GeoKey value for "user-defined" (no EPSG code applies). */
export const GEOKEY_USER_DEFINED = 32767;

const DEGREE_RAD = '0.0174532925199433';

function hemisphere(value: number, positive: string, negative: string): string {
  return `${Math.abs(value)}${value < 0 ? negative : positive}`;
}

/** A readable name for the frame, e.g. "rivertwin local frame 31.2387N 121.5005E". */
export function localFrameName(frame: LocalFrame): string {
  return `rivertwin local frame ${hemisphere(frame.originLat, 'N', 'S')} ${hemisphere(frame.originLon, 'E', 'W')}`;
}

/**
 * The local frame as WKT. No EPSG identifiers are written: the frame has none, and an inner "EPSG 4326" would let
 * readers that take the last authority in the text (as twin/io/raster-file.node.ts does) mistake it for degrees.
 * @param frame the district frame
 * @param dialect 'esri' (default, one line, for a .prj beside an .asc) or 'wkt2' (WKT2:2019, indented)
 */
export function localFrameWkt(frame: LocalFrame, dialect: WktDialect = 'esri'): string {
  const p = localFrameParameters(frame);
  const name = localFrameName(frame);
  if (dialect === 'esri') {
    return (
      `PROJCS["${name.replace(/ /g, '_')}",` +
      `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],` +
      `PRIMEM["Greenwich",0.0],UNIT["Degree",${DEGREE_RAD}]],` +
      `PROJECTION["Transverse_Mercator"],` +
      `PARAMETER["False_Easting",${p.falseEastingM}],PARAMETER["False_Northing",${p.falseNorthingM}],` +
      `PARAMETER["Central_Meridian",${p.centralMeridianDeg}],PARAMETER["Scale_Factor",${p.scaleFactor}],` +
      `PARAMETER["Latitude_Of_Origin",${p.latOfOriginDeg}],UNIT["Meter",1.0]]`
    );
  }
  const deg = `ANGLEUNIT["degree",${DEGREE_RAD}]`;
  const metre = 'LENGTHUNIT["metre",1]';
  return [
    `PROJCRS["${name}",`,
    `  BASEGEOGCRS["WGS 84",`,
    `    DATUM["World Geodetic System 1984",`,
    `      ELLIPSOID["WGS 84",6378137,298.257223563,${metre}]],`,
    `    PRIMEM["Greenwich",0,${deg}]],`,
    `  CONVERSION["rivertwin local transverse Mercator",`,
    `    METHOD["Transverse Mercator"],`,
    `    PARAMETER["Latitude of natural origin",${p.latOfOriginDeg},${deg}],`,
    `    PARAMETER["Longitude of natural origin",${p.centralMeridianDeg},${deg}],`,
    `    PARAMETER["Scale factor at natural origin",${p.scaleFactor},SCALEUNIT["unity",1]],`,
    `    PARAMETER["False easting",${p.falseEastingM},${metre}],`,
    `    PARAMETER["False northing",${p.falseNorthingM},${metre}]],`,
    `  CS[Cartesian,2],`,
    `    AXIS["easting (E)",east,ORDER[1],${metre}],`,
    `    AXIS["northing (N)",north,ORDER[2],${metre}]]`,
  ].join('\n');
}

/**
 * The GeoKeys of a GeoTIFF in the local frame (GeoTIFF 1.1 user-defined projected CRS), sorted by key id as the
 * GeoKeyDirectory requires. Includes GTRasterTypeGeoKey = PixelIsArea: the twin's cells are areas, and the tiepoint
 * it writes is the north-west corner of the first cell.
 */
export function localFrameGeoKeys(frame: LocalFrame): GeoKey[] {
  const p = localFrameParameters(frame);
  return [
    { id: 1024, name: 'GTModelTypeGeoKey', type: 'short', value: 1 }, // ModelTypeProjected
    { id: 1025, name: 'GTRasterTypeGeoKey', type: 'short', value: 1 }, // RasterPixelIsArea
    { id: 1026, name: 'GTCitationGeoKey', type: 'ascii', value: localFrameName(frame) },
    { id: 2048, name: 'GeographicTypeGeoKey', type: 'short', value: 4326 }, // WGS 84
    { id: 2054, name: 'GeogAngularUnitsGeoKey', type: 'short', value: 9102 }, // degree
    { id: 3072, name: 'ProjectedCSTypeGeoKey', type: 'short', value: GEOKEY_USER_DEFINED },
    { id: 3074, name: 'ProjectionGeoKey', type: 'short', value: GEOKEY_USER_DEFINED },
    { id: 3075, name: 'ProjCoordTransGeoKey', type: 'short', value: 1 }, // CT_TransverseMercator
    { id: 3076, name: 'ProjLinearUnitsGeoKey', type: 'short', value: 9001 }, // metre
    { id: 3080, name: 'ProjNatOriginLongGeoKey', type: 'double', value: p.centralMeridianDeg },
    { id: 3081, name: 'ProjNatOriginLatGeoKey', type: 'double', value: p.latOfOriginDeg },
    { id: 3082, name: 'ProjFalseEastingGeoKey', type: 'double', value: p.falseEastingM },
    { id: 3083, name: 'ProjFalseNorthingGeoKey', type: 'double', value: p.falseNorthingM },
    { id: 3092, name: 'ProjScaleAtNatOriginGeoKey', type: 'double', value: p.scaleFactor },
  ];
}
