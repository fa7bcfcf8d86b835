// The coordinate system a GeoTIFF's GeoKeys declare: an EPSG code the twin knows, else a proj4 string built by
// geotiff-geokeys-to-proj4 from the full keys (user-defined projections included), else a reason naming the keys.
import { toProj4, type GeoKeys } from 'geotiff-geokeys-to-proj4';
import { epsgDefinition } from '../projection/index.ts';

/** What the GeoKeys say about the raster's coordinate system. */
export interface GeoTiffCrs {
  /** 'EPSG:n' for a code the twin knows, else a proj4 string; undefined when the keys do not define a CRS. */
  crs?: string;
  /** True when x, y are degrees. */
  geographic: boolean;
  /** For people when `crs` is a proj4 string: 'EPSG:2154 (RGF93 v1 / Lambert-93)' or 'user-defined Transverse Mercator …'. */
  crsName?: string;
  /** Why no CRS could be known, naming the keys found (set when `crs` is undefined). */
  crsProblem?: string;
}

/** GeoKey value meaning "user-defined" (no EPSG code). */
const USER_DEFINED = 32767;

/** ProjCoordTransGeoKey codes (GeoTIFF 1.0 §6.3.3.3) by name, for messages. */
const COORD_TRANS: Record<number, string> = {
  1: 'Transverse Mercator',
  2: 'Transverse Mercator (Alaska)',
  3: 'Oblique Mercator',
  7: 'Mercator',
  8: 'Lambert Conformal Conic (2SP)',
  9: 'Lambert Conformal Conic (1SP)',
  10: 'Lambert Azimuthal Equal Area',
  11: 'Albers Equal Area',
  12: 'Azimuthal Equidistant',
  14: 'Stereographic',
  15: 'Polar Stereographic',
  16: 'Oblique Stereographic',
  17: 'Equirectangular',
  18: 'Cassini-Soldner',
  27: 'Transverse Mercator (South Oriented)',
};

/** 'ProjectedCSTypeGeoKey=32767, ProjCoordTransGeoKey=1, …' — every key found, for messages. */
export function describeGeoKeys(keys: Record<string, unknown> | null | undefined): string {
  const entries = Object.entries(keys ?? {}).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return 'no GeoKeys at all';
  return entries
    .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v.replace(/\|+$/, '')) : String(v)}`)
    .join(', ');
}

const code = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/**
 * Reads the CRS from a GeoTIFF's GeoKeys (as geotiff.js `getGeoKeys()` returns them).
 * EPSG codes the twin knows keep its own definition, because those carry the datum shift (+towgs84) that the
 * converter leaves out (RD New and British National Grid would otherwise land about 100 m off).
 * @param keys the GeoKeys, or null when the file has no GeoKeyDirectory
 */
export function crsFromGeoKeys(keys: Record<string, unknown> | null | undefined): GeoTiffCrs {
  const k = keys ?? {};
  const model = code(k.GTModelTypeGeoKey);
  const projected = code(k.ProjectedCSTypeGeoKey);
  const geographicCode = code(k.GeographicTypeGeoKey);
  // 1. Codes the twin knows by name.
  if (projected > 0 && projected !== USER_DEFINED && epsgDefinition(projected)) {
    return { crs: `EPSG:${projected}`, geographic: false };
  }
  if (!(projected > 0) && model !== 1 && geographicCode > 0 && geographicCode !== USER_DEFINED) {
    if (epsgDefinition(geographicCode)) return { crs: `EPSG:${geographicCode}`, geographic: true };
  }
  // 2. Does the rest of the keys define a CRS at all? The converter answers "longlat" for keys that say nothing,
  //    which is how a user-defined projection used to be read as degrees.
  const userProjection = projected === USER_DEFINED || (!(projected > 0) && model === 1);
  const hasProjectionParameters = code(k.ProjCoordTransGeoKey) > 0 || code(k.ProjectionGeoKey) > 0;
  const definesGeographic =
    model === 2 &&
    (geographicCode > 0 ||
      code(k.GeogGeodeticDatumGeoKey) > 0 ||
      code(k.GeogEllipsoidGeoKey) > 0 ||
      code(k.GeogSemiMajorAxisGeoKey) > 0);
  const defined =
    (projected > 0 && projected !== USER_DEFINED) || (userProjection && hasProjectionParameters) || definesGeographic;
  if (!defined) {
    const why =
      projected === USER_DEFINED
        ? 'its projection is user-defined (ProjectedCSTypeGeoKey=32767) but no ProjCoordTransGeoKey or ProjectionGeoKey says which'
        : model === 3
          ? 'it declares a local engineering grid (GTModelTypeGeoKey=3), which has no place on the Earth'
          : 'its GeoKeys name no projected or geographic coordinate system';
    return {
      geographic: false,
      crsProblem: `the raster's coordinate system cannot be known: ${why} (found: ${describeGeoKeys(keys)})`,
    };
  }
  // 3. Anything else: the full keys through the converter.
  const out = toProj4(k as unknown as GeoKeys);
  const errors = Object.entries(out.errors as unknown as Record<string, unknown>).filter(
    ([name]) => name !== 'bothGCSAndPCSAreSet',
  );
  if (errors.length > 0) {
    const list = errors.map(([name, v]) => (v === true ? name : `${name} ${String(v)}`)).join(', ');
    return {
      geographic: false,
      crsProblem: `the raster's coordinate system cannot be converted (${list}; found: ${describeGeoKeys(keys)})`,
    };
  }
  if (
    out.shouldConvertCoordinates &&
    (out.coordinatesConversionParameters.x !== 1 || out.coordinatesConversionParameters.y !== 1)
  ) {
    return {
      geographic: false,
      crsProblem: `the raster's coordinates are in ${out.coordinatesUnits} units other than metres or degrees (found: ${describeGeoKeys(keys)})`,
    };
  }
  // GeoTIFF model space is always x = easting/longitude, whatever axis order the EPSG entry has, so the
  // converter's +axis is dropped (proj4js would otherwise swap x and y).
  const proj4 = out.proj4.replace(/\s*\+axis=\w+/, '').trim();
  // Without +towgs84 proj4js applies no datum shift; harmless on WGS84/GRS80, a few hundred metres on Bessel or Airy.
  const wgs84Like = /\+ellps=(WGS84|GRS80)\b|\+a=6378137\b|\+datum=|\+towgs84=/.test(proj4);
  const note = wgs84Like
    ? ''
    : ' (no datum shift to WGS84 in the GeoKeys: positions may be off by up to a few hundred metres)';
  return { crs: proj4, geographic: out.isGCS, crsName: nameOf(k, projected, geographicCode, proj4) + note };
}

function nameOf(k: Record<string, unknown>, projected: number, geographicCode: number, proj4: string): string {
  const citation = [k.GTCitationGeoKey, k.PCSCitationGeoKey, k.GeogCitationGeoKey]
    .find((c): c is string => typeof c === 'string' && c.trim() !== '' && c.trim() !== 'unknown')
    ?.replace(/\|+$/, '');
  if (projected > 0 && projected !== USER_DEFINED) return `EPSG:${projected}${citation ? ` (${citation})` : ''}`;
  if (geographicCode > 0 && geographicCode !== USER_DEFINED && !(projected > 0)) return `EPSG:${geographicCode}`;
  const method = COORD_TRANS[code(k.ProjCoordTransGeoKey)];
  return `user-defined ${method ?? 'projection'}: ${proj4}`;
}
