// Public face of the projection module: the only code that converts coordinates.
export { epsgDefinition, knownEpsgCodes } from './epsg.ts';
export {
  assertPlausible,
  createLocalFrame,
  localFrameParameters,
  localFrameProj4,
  localToWgs84,
  lonLatOf,
  projectorFor,
  resolveCrs,
  wgs84ToLocal,
  type LocalFrame,
  type LocalFrameParameters,
  type Projector,
} from './local-frame.ts';
export {
  GEOKEY_USER_DEFINED,
  localFrameGeoKeys,
  localFrameName,
  localFrameWkt,
  type GeoKey,
  type WktDialect,
} from './local-frame-crs.ts';
