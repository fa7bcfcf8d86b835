// Public face of the road importers: GeoJSON (Tilezen or OSM-tagged) and OSM, into RoadSegment[] in the local frame,
// with the class, drivability and free-speed rules they share.
export { roadsFromGeoJson, sourceIdOf, PIECE_SEPARATOR } from './roads-geojson.ts';
export { roadsFromOsm } from './osm-roads.ts';
export {
  DEFAULT_FREE_SPEED_KMH,
  FALLBACK_FREE_SPEED_KMH,
  freeSpeedKmh,
  isDrivable,
  parseLayer,
  parseMaxSpeedKmh,
  parseOneway,
  roadClassOf,
} from './road-class.ts';
