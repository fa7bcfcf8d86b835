// Public face of the vector importers (buildings, water, flood walls, land cover, points, CSV), kept apart from
// twin/io/index.ts so the raster and road importers can evolve beside them.
export {
  DEFAULT_HEIGHT_BY_KIND,
  DEFAULT_HEIGHT_M,
  METRES_PER_LEVEL,
  defaultHeightForKind,
  inferBuildingHeight,
  parseLengthM,
  parseLevels,
  type HeightTags,
  type InferredHeight,
} from './building-height.ts';
export { buildingKindOf, buildingsFromGeoJson } from './geojson-buildings.ts';
export { buildingsFromOsm, osmBuildingKind } from './osm-buildings.ts';
export {
  BASE_TOLERANCE_M,
  buildingsFromCityJson,
  cityJsonCentreLonLat,
  cityJsonCrs,
  type CityJsonBuildings,
  type CityJsonContext,
  type FootprintMethod,
} from './cityjson.ts';
export { isOsmWaterArea, waterFromGeoJson, waterFromOsm, waterKindOf } from './water.ts';
export {
  CREST_RANGE_M,
  floodWallsFromGeoJson,
  floodWallsFromOsm,
  isOsmFloodWall,
  type OsmFloodWallOptions,
} from './flood-walls.ts';
export { landCoverFromGeoJson, landCoverFromOsm, landCoverKindOf, osmLandCoverKind } from './landcover.ts';
export {
  HOTSPOT_KINDS,
  POINT_COLUMNS,
  SENSOR_KINDS,
  readCatchments,
  readDepots,
  readFleet,
  readHotspots,
  readPumpStations,
  readSensors,
  validateFleet,
} from './points.ts';
export { parseCsv, type CsvRow, type CsvTable } from './csv.ts';
export { declaredGeoJsonCrs } from './geojson-common.ts';
export { findJsonSyntaxError, parseJsonText, type JsonSyntaxProblem } from './json-text.ts';
export { osmAreas, osmLines, type OsmArea, type OsmLine } from './osm-areas.ts';
