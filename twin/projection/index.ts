// Public face of the projection module: the only code that converts coordinates.
export { epsgDefinition, knownEpsgCodes } from './epsg.ts';
export {
  assertPlausible,
  createLocalFrame,
  localFrameProj4,
  localFrameWkt,
  localToWgs84,
  projectorFor,
  resolveCrs,
  wgs84ToLocal,
  type LocalFrame,
  type Projector,
} from './local-frame.ts';
