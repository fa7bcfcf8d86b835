// The modelled terrain: bed elevation built by explicit rules when a district has no DEM — ground level with a gentle
// documented variation, kerbs, river beds, flood walls along land-facing river edges, and underpass ramps.
import type { GridSpec } from '../grid/grid-spec.ts';
import { forEachCellNearLine } from '../grid/rasterise-line.ts';
import type { FloodWall, RoadSegment, WaterBody } from '../types.ts';
import { distanceField } from './distance-field.ts';
import { traceWallLines, wallCrestCells } from './flood-walls.ts';
import type { TerrainRules, WaterRule } from './terrain-rules.ts';
import { findUnderpassPortals, type UnderpassPortal } from './underpasses.ts';
import { valueNoise } from './value-noise.ts';

/** What the rasteriser already knows when it asks for terrain. */
export interface TerrainLayers {
  spec: GridSpec;
  /** All road segments, sorted by id. */
  roads: readonly RoadSegment[];
  /** Water bodies in the order `waterIndex` refers to (sorted by id). */
  water: readonly WaterBody[];
  /** Per cell, the index of the water body covering it, -1 for land. */
  waterIndex: Int32Array;
  /** Per cell, 1 where the surface is carriageway (drivable road on the ground). */
  carriageway: Uint8Array;
  /** Half the carriageway width of a road, metres (for ramps). */
  halfWidthM(road: RoadSegment): number;
}

/** What the rules built. */
export interface ModelledTerrain {
  /** Bed elevation, m above datum, walls included. */
  bedM: Float32Array;
  /** Crest where a modelled wall stands, NaN elsewhere. */
  wallCrestM: Float32Array;
  /** 1 on cells of bodies the rules hold at the river stage (rule `river: true`). */
  riverMask: Uint8Array;
  /** The modelled flood walls as lines (source 'modelled'), for the district to list. */
  walls: FloodWall[];
  /** Tunnel and underpass portals with their ramps. */
  underpasses: UnderpassPortal[];
  report: ModelledTerrainReport;
}

/** Counts and ranges worth showing in `inspect`. */
export interface ModelledTerrainReport {
  datum: string;
  /** Lowest and highest ground (land, off walls and ramps), m. */
  groundMinM: number;
  groundMaxM: number;
  /** Water bodies each rule matched, by label (ids sorted); `other` for bodies no rule matched. */
  waterByRule: Record<string, string[]>;
  wallCells: number;
  rampCells: number;
  portals: number;
}

/** The first rule whose names or ids match the body, or undefined. */
export function matchWaterRule(body: WaterBody, rules: readonly WaterRule[]): WaterRule | undefined {
  return rules.find(
    (r) =>
      r.match.ids.includes(body.id) ||
      (body.name !== undefined && r.match.names.includes(body.name)) ||
      (body.nameEn !== undefined && r.match.names.includes(body.nameEn)),
  );
}

const RIVER_KINDS = new Set(['river', 'canal', 'dock']);

/**
 * Builds the modelled terrain on the grid of `layers`. Deterministic: no randomness beyond the rules' fixed seed.
 */
export function buildModelledTerrain(layers: TerrainLayers, rules: TerrainRules): ModelledTerrain {
  const { spec, water, waterIndex, carriageway } = layers;
  const { nx, ny, cellM, x0, y0 } = spec;
  const n = nx * ny;
  // 1. Which rule each water body follows.
  const ruleOf = water.map((b) => matchWaterRule(b, rules.water));
  const waterByRule: Record<string, string[]> = {};
  water.forEach((b, k) => (waterByRule[ruleOf[k]?.label ?? 'other'] ??= []).push(b.id));
  for (const ids of Object.values(waterByRule)) ids.sort();
  // 2. Ground: base level, smooth undulation fixed in the local frame, lowered near the named creeks.
  const ground = new Float32Array(n);
  const { baseM, undulation } = rules.ground;
  for (let r = 0; r < ny; r++) {
    const y = y0 + (ny - r - 0.5) * cellM;
    for (let c = 0; c < nx; c++) {
      const x = x0 + (c + 0.5) * cellM;
      const bump =
        undulation.amplitudeM > 0
          ? undulation.amplitudeM * valueNoise(x, y, undulation.wavelengthM, undulation.seed)
          : 0;
      ground[r * nx + c] = baseM + bump;
    }
  }
  for (const rule of rules.ground.lowerNear) {
    const source = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const w = waterIndex[i];
      if (w >= 0 && ruleOf[w] && rule.labels.includes(ruleOf[w]!.label)) source[i] = 1;
    }
    const dist = distanceField(spec, source);
    for (let i = 0; i < n; i++) {
      const d = dist[i];
      if (d < rule.withinM) ground[i] -= rule.byM * (1 - d / rule.withinM);
    }
  }
  // 3. Bed: ground, carriageway a kerb lower.
  const bedM = new Float32Array(n);
  for (let i = 0; i < n; i++) bedM[i] = carriageway[i] ? ground[i] - rules.kerbHeightM : ground[i];
  // 4. Underpass ramps: the approach carriageway dips linearly to dipM below the road at the portal.
  const { dipM, rampLengthM, snapM } = rules.underpass;
  const underpasses = findUnderpassPortals(layers.roads, rampLengthM, snapM);
  const byId = new Map(layers.roads.map((r) => [r.id, r]));
  const ramp = new Uint8Array(n);
  for (const p of underpasses) {
    // Half a cell wider than the carriageway: the open cut of a ramp is one trench even for two one-way tubes.
    const half = Math.max(...p.approachIds.map((id) => layers.halfWidthM(byId.get(id)!))) + cellM * 0.5;
    forEachCellNearLine(spec, p.ramp, half, (i, alongM) => {
      if (waterIndex[i] >= 0) return;
      const target = ground[i] - rules.kerbHeightM - dipM * Math.max(0, 1 - alongM / rampLengthM);
      if (target < bedM[i]) bedM[i] = target;
      ramp[i] = 1;
    });
  }
  // 5. Water: river beds by rule, ponds below the ground around them; the rules' rivers join the river mask.
  const riverMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = waterIndex[i];
    if (w < 0) continue;
    const rule = ruleOf[w];
    if (rule) {
      bedM[i] = rule.bedM;
      if (rule.river) riverMask[i] = 1;
    } else if (RIVER_KINDS.has(water[w].kind)) bedM[i] = rules.otherRiverBedM;
    else bedM[i] = ground[i] - rules.pondDepthM;
  }
  // 6. Flood walls on the land side of walled rivers; the bed rises to the crest there.
  const crestByBody = Float32Array.from(ruleOf, (r) => r?.wall?.crestM ?? Number.NaN);
  const wallCrestM = wallCrestCells(spec, waterIndex, crestByBody, riverMask);
  let wallCells = 0;
  let rampCells = 0;
  let groundMinM = Infinity;
  let groundMaxM = -Infinity;
  for (let i = 0; i < n; i++) {
    const crest = wallCrestM[i];
    if (!Number.isNaN(crest)) {
      wallCells++;
      if (crest > bedM[i]) bedM[i] = crest;
    } else if (waterIndex[i] < 0) {
      if (ramp[i]) rampCells++;
      else {
        if (ground[i] < groundMinM) groundMinM = ground[i];
        if (ground[i] > groundMaxM) groundMaxM = ground[i];
      }
    }
  }
  const walls = traceWallLines(
    spec,
    water,
    waterIndex,
    ruleOf.map((r) => r?.wall),
  );
  return {
    bedM,
    wallCrestM,
    riverMask,
    walls,
    underpasses,
    report: {
      datum: rules.datum,
      groundMinM,
      groundMaxM,
      waterByRule,
      wallCells,
      rampCells,
      portals: underpasses.length,
    },
  };
}
