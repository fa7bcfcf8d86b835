// What the road importers share: turning OSM-style tags into a RoadSegment, and projecting a line into the local
// frame with the plausibility checks that catch a wrong CRS.
import { TwinError, formatTwinError, recordSkipped, reportBadFeature, type TwinErrorWhere } from '../errors.ts';
import { assertPlausible } from '../projection/index.ts';
import type { RoadSegment, XY } from '../types.ts';
import type { ImportContext } from './import-context.ts';
import { isDrivable, isYesish, parseLayer, parseMaxSpeedKmh, parseOneway, roadClassOf } from './road-class.ts';

/** Tags as the importers see them: OSM strings, or GeoJSON property values. */
export type RoadTags = Readonly<Record<string, unknown>>;

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** Tags reduced to strings (GeoJSON properties may hold numbers or booleans). */
export function stringTags(tags: RoadTags): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const k of Object.keys(tags)) out[k] = text(tags[k]);
  return out;
}

/**
 * A RoadSegment from OSM tags (highway, oneway, junction, bridge, tunnel, layer, maxspeed, name, name:en, access).
 * Warns through `ctx.opts.warnings` when a maxspeed is tagged but not understood (the class default is used).
 */
export function segmentFromOsmTags(
  id: string,
  highway: string,
  rawTags: RoadTags,
  coords: XY[],
  ctx: ImportContext,
  where: TwinErrorWhere,
): RoadSegment {
  const tags = stringTags(rawTags);
  const bridge = isYesish(tags.bridge);
  const tunnel = isYesish(tags.tunnel);
  const seg: RoadSegment = {
    id,
    highway,
    roadClass: roadClassOf(highway),
    drivable: isDrivable(highway, tags),
    oneway: parseOneway(tags, highway),
    bridge,
    tunnel,
    layer: parseLayer(tags.layer, bridge, tunnel),
    coords,
  };
  const maxSpeed = parseMaxSpeedKmh(tags.maxspeed);
  if (maxSpeed !== undefined) seg.maxSpeedKmh = maxSpeed;
  else if (tags.maxspeed !== undefined) {
    const at = { ...where, field: 'maxspeed' };
    ctx.opts.warnings?.push({
      message: formatTwinError(`"${tags.maxspeed}" is not a speed; the ${highway} default is used`, at),
      where: at,
    });
  }
  const name = tags.name ?? tags['name:zh'];
  if (name !== undefined) seg.name = name;
  if (tags['name:en'] !== undefined) seg.nameEn = tags['name:en'];
  return seg;
}

/**
 * Projects a line's positions (in the file's CRS) into the local frame, dropping repeated points. Returns undefined
 * when lenient loading skipped the line; throws (strict) on a non-numeric or implausible position or on fewer than
 * two distinct points.
 */
export function projectLine(positions: unknown, ctx: ImportContext, where: TwinErrorWhere): XY[] | undefined {
  if (!Array.isArray(positions)) {
    reportBadFeature(ctx.opts, 'coordinates are not an array of positions', where, 'give [[x, y], [x, y], …]');
    return undefined;
  }
  const out: XY[] = [];
  for (let i = 0; i < positions.length; i++) {
    const p: unknown = positions[i];
    const at = { ...where, field: `${where.field ?? 'coordinates'}[${i}]` };
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      reportBadFeature(ctx.opts, `position ${JSON.stringify(p)} is not [x, y]`, at, 'each position is two numbers');
      return undefined;
    }
    try {
      assertPlausible(ctx.projector, p[0], p[1], at);
    } catch (e) {
      if (!(e instanceof TwinError) || !ctx.opts.lenient) throw e;
      recordSkipped(ctx.opts, e);
      return undefined;
    }
    const xy = ctx.projector.toLocal(p[0], p[1]);
    const last = out[out.length - 1];
    if (!last || last[0] !== xy[0] || last[1] !== xy[1]) out.push(xy);
  }
  if (out.length < 2) {
    reportBadFeature(
      ctx.opts,
      `a road line needs two distinct positions, this one has ${out.length}`,
      where,
      'remove the degenerate line',
    );
    return undefined;
  }
  return out;
}
