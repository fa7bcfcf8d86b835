// Public face of the district: the manifest, the District type and its assembly from files.
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
