// Public face of twin/terrain: the modelled terrain (ground, kerbs, river beds, flood walls, underpass ramps) built
// from a rules file when a district has no DEM.
export { distanceField } from './distance-field.ts';
export { traceWallLines, wallCrestCells } from './flood-walls.ts';
export {
  buildModelledTerrain,
  matchWaterRule,
  type ModelledTerrain,
  type ModelledTerrainReport,
  type TerrainLayers,
} from './modelled-terrain.ts';
export {
  parseTerrainRules,
  type LowerNearRule,
  type TerrainRules,
  type WaterMatch,
  type WaterRule,
} from './terrain-rules.ts';
export { findUnderpassPortals, type UnderpassPortal } from './underpasses.ts';
export { valueNoise } from './value-noise.ts';
