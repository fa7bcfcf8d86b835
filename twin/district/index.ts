// Public face of the district: the manifest (with its place: river, alarms, ground), the District type and its
// assembly from files.
export { assembleDistrict, type LoadedDem } from './assemble.ts';
export type { District, DistrictTerrain } from './district.ts';
export {
  formatFromFileName,
  parseManifest,
  SOURCE_ROLES,
  type DistrictManifest,
  type ManifestSource,
  type SourceFormat,
  type SourceRole,
} from './manifest.ts';
export {
  ALARMS_EXAMPLE,
  missingForRun,
  type DistrictAlarms,
  type DistrictPlace,
  type DistrictRiver,
} from './manifest-place.ts';
export { parseStageSeriesCsv, type StageSeries } from './stage-series.ts';
export {
  APP_LAYERS,
  DISTRICT_LAYERS,
  districtLayer,
  isDistrictLayer,
  type DistrictLayer,
  type LayerCollection,
  type LayerFeature,
} from './district-geojson.ts';
