// Flood walls and embankments (防汛墙) as crest lines: GeoJSON LineStrings with crest_m, and OSM ways tagged as
// flood walls, dykes or embankments whose crest can be read from crest_m, ele + height, or a given ground + height.
import { TwinError, skipReasons } from '../errors.ts';
import type { FloodWall, XY } from '../types.ts';
import { guardFeature, namesOf, projectLine, propString, readFeatures, warnSkipped } from './geojson-common.ts';
import type { ImportContext } from './import-context.ts';
import { osmLines } from './osm-areas.ts';
import type { OsmData } from './osm-types.ts';

/** Crests outside this range are taken for a unit mistake (mm, feet) rather than a real wall, metres. */
export const CREST_RANGE_M: readonly [number, number] = [-20, 100];

function readCrest(value: unknown, ctx: ImportContext, feature: string | number, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < CREST_RANGE_M[0] || n > CREST_RANGE_M[1]) {
    throw new TwinError(
      value === undefined || value === null
        ? 'has no crest elevation'
        : `crest ${JSON.stringify(value)} is not a plausible elevation`,
      { file: ctx.file, feature, field },
      `give the crest elevation in metres above the vertical datum (${CREST_RANGE_M[0]} to ${CREST_RANGE_M[1]}), e.g. "crest_m": 6.9`,
    );
  }
  return n;
}

/** Gives each wall a unique id: the source id, suffixed ".1", ".2"… when a feature has several lines or repeats. */
function uniqueId(seen: Map<string, number>, id: string): string {
  const n = seen.get(id) ?? 0;
  seen.set(id, n + 1);
  return n === 0 ? id : `${id}.${n}`;
}

/**
 * Reads flood walls from GeoJSON: LineString and MultiLineString features (one wall per line) with `crest_m`
 * (crest elevation, metres above the datum), optional `name`, `source` and `modelled`. Polygons and points are
 * skipped and counted. Throws when the layer holds no wall.
 */
export function floodWallsFromGeoJson(input: string | unknown, ctx: ImportContext): FloodWall[] {
  const features = readFeatures(input, ctx);
  const walls: FloodWall[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  for (const f of features) {
    const g = f.feature.geometry;
    if (g?.type !== 'LineString' && g?.type !== 'MultiLineString') {
      skipped++;
      continue;
    }
    const parsed = guardFeature(ctx, () => {
      const crestM = readCrest(f.props.crest_m, ctx, f.label, 'crest_m');
      const lines: XY[][] =
        g.type === 'LineString'
          ? [projectLine(g.coordinates, ctx, f.label, 'geometry.coordinates')]
          : asArray(g.coordinates, ctx, f.label).map((c, k) =>
              projectLine(c, ctx, f.label, `geometry.coordinates[${k}]`),
            );
      const modelled = f.props.modelled === true || f.props.modelled === 'true';
      const source = modelled ? 'modelled' : (propString(f.props, 'source') ?? ctx.file);
      return lines.map((line) => ({ crestM, line, source }));
    });
    for (const w of parsed ?? []) {
      const wall: FloodWall = {
        id: uniqueId(seen, f.id ?? String(f.index)),
        crestM: w.crestM,
        line: w.line,
        source: w.source,
      };
      const { name } = namesOf(f.props);
      if (name !== undefined) wall.name = name;
      walls.push(wall);
    }
  }
  warnSkipped(ctx, skipped, 'features that are not lines (flood walls are LineStrings)');
  if (walls.length === 0) {
    throw new TwinError(
      `no flood walls in ${ctx.file} (${features.length} features read)${skipReasons(ctx.opts, ctx.file)}`,
      { file: ctx.file },
      'give LineString features with "crest_m", or leave the flood-wall layer out of district.json',
    );
  }
  return walls;
}

function asArray(v: unknown, ctx: ImportContext, feature: string | number): unknown[] {
  if (!Array.isArray(v)) {
    throw new TwinError('coordinates are not an array', { file: ctx.file, feature, field: 'geometry.coordinates' });
  }
  return v;
}

/** Do these OSM tags describe a flood wall or embankment? */
export function isOsmFloodWall(tags: Record<string, string>): boolean {
  if (tags.barrier === 'flood_wall') return true;
  if (tags.barrier === 'wall' && (tags.wall === 'flood_wall' || tags.flood_prevention === 'yes')) return true;
  if (tags.barrier === 'wall' && tags.crest_m !== undefined) return true;
  return tags.man_made === 'dyke' || tags.man_made === 'embankment';
}

/** Options for reading flood walls from OSM. */
export interface OsmFloodWallOptions {
  /** Ground elevation assumed under walls tagged only with `height`, metres above the datum. */
  groundM?: number;
}

/**
 * Reads flood walls from OSM ways (barrier=flood_wall, barrier=wall + wall=flood_wall, man_made=dyke/embankment).
 * Crest = crest_m, else ele + height, else groundM + height. OSM rarely tags wall heights, so a wall with none is
 * skipped with a warning (not an error); the district's rules in datasets/ place modelled walls instead.
 */
export function floodWallsFromOsm(osm: OsmData, ctx: ImportContext, options: OsmFloodWallOptions = {}): FloodWall[] {
  const walls: FloodWall[] = [];
  let noCrest = 0;
  for (const line of osmLines(osm, ctx, isOsmFloodWall)) {
    const t = line.tags;
    const read = guardFeature(ctx, () => ({ crest: osmCrest(t, ctx, line.id, options) }));
    if (read === undefined) continue;
    if (read.crest === undefined) {
      noCrest++;
      continue;
    }
    const crest = read.crest;
    const wall: FloodWall = { id: line.id, crestM: crest, line: line.coords, source: 'openstreetmap' };
    const name = t.name ?? t['name:zh'];
    if (name) wall.name = name;
    walls.push(wall);
  }
  warnSkipped(ctx, noCrest, 'flood walls or embankments without crest_m, ele + height, or height and a ground level');
  return walls;
}

function osmCrest(
  t: Record<string, string>,
  ctx: ImportContext,
  id: string,
  options: OsmFloodWallOptions,
): number | undefined {
  if (t.crest_m !== undefined) return readCrest(t.crest_m, ctx, id, 'crest_m');
  if (t.height === undefined) return undefined;
  const height = readCrest(t.height, ctx, id, 'height');
  if (t.ele !== undefined) return readCrest(t.ele, ctx, id, 'ele') + height;
  return options.groundM === undefined ? undefined : options.groundM + height;
}
