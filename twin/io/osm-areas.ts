// Areas from OSM elements: closed ways and multipolygon relations whose rings are joined from member ways end to end.
// Shared by the OSM building, water and land-cover importers; every node goes through ctx.projector.
import { TwinError } from '../errors.ts';
import { assertPlausible } from '../projection/index.ts';
import type { PolygonXY, XY } from '../types.ts';
import { guardFeature } from './geojson-common.ts';
import type { ImportContext } from './import-context.ts';
import type { OsmData, OsmRelation, OsmWay } from './osm-types.ts';

/** One OSM area: a closed way or an assembled multipolygon relation. */
export interface OsmArea {
  /** 'way/123' or 'relation/45'. */
  id: string;
  tags: Record<string, string>;
  polygons: PolygonXY[];
}

/** One OSM line: an open or closed way. */
export interface OsmLine {
  id: string;
  tags: Record<string, string>;
  coords: XY[];
}

/** Projects a way's nodes, naming the way and the missing or implausible node on failure. */
export function projectWayNodes(osm: OsmData, nodeIds: number[], ctx: ImportContext, feature: string): XY[] {
  return nodeIds.map((ref, k) => {
    const node = osm.nodes.get(ref);
    const where = { file: ctx.file, feature, field: `nd[${k}] (node ${ref})` };
    if (!node) {
      throw new TwinError(
        `node ${ref} is missing from the file`,
        where,
        'export the data with complete ways (e.g. osmium extract -s complete_ways)',
      );
    }
    assertPlausible(ctx.projector, node.lon, node.lat, where);
    return ctx.projector.toLocal(node.lon, node.lat);
  });
}

/** Ways whose tags pass `accept`, as projected lines. Lenient mode skips bad ways with a warning. */
export function osmLines(
  osm: OsmData,
  ctx: ImportContext,
  accept: (tags: Record<string, string>) => boolean,
): OsmLine[] {
  const out: OsmLine[] = [];
  for (const way of osm.ways) {
    if (!accept(way.tags)) continue;
    const id = `way/${way.id}`;
    const line = guardFeature(ctx, () => {
      if (way.nodeIds.length < 2) {
        throw new TwinError(`has ${way.nodeIds.length} nodes, a line needs 2`, {
          file: ctx.file,
          feature: id,
          field: 'nd',
        });
      }
      return { id, tags: way.tags, coords: projectWayNodes(osm, way.nodeIds, ctx, id) };
    });
    if (line) out.push(line);
  }
  return out;
}

/**
 * Closed ways and multipolygon relations whose tags pass `accept`, as projected polygons.
 * An accepted way that is not closed, a missing node or member, or a ring that does not close is a bad feature:
 * strict mode throws, lenient mode skips it with a warning.
 */
export function osmAreas(
  osm: OsmData,
  ctx: ImportContext,
  accept: (tags: Record<string, string>) => boolean,
): OsmArea[] {
  const out: OsmArea[] = [];
  // 1. Closed ways.
  for (const way of osm.ways) {
    if (!accept(way.tags)) continue;
    const area = guardFeature(ctx, () => wayArea(osm, way, ctx));
    if (area) out.push(area);
  }
  // 2. Multipolygon relations, rings joined from their member ways.
  const waysById = new Map<number, OsmWay>();
  for (const way of osm.ways) waysById.set(way.id, way);
  for (const rel of osm.relations) {
    if (rel.tags.type !== 'multipolygon' || !accept(rel.tags)) continue;
    const area = guardFeature(ctx, () => relationArea(osm, rel, waysById, ctx));
    if (area) out.push(area);
  }
  return out;
}

function wayArea(osm: OsmData, way: OsmWay, ctx: ImportContext): OsmArea {
  const id = `way/${way.id}`;
  const ids = way.nodeIds;
  if (ids.length < 4 || ids[0] !== ids[ids.length - 1]) {
    throw new TwinError(
      `is tagged as an area but is not a closed way (${ids.length} nodes, first ${ids[0]}, last ${ids[ids.length - 1]})`,
      { file: ctx.file, feature: id, field: 'nd' },
      'close the way in the OSM data, or load leniently to skip it',
    );
  }
  return { id, tags: way.tags, polygons: [[projectWayNodes(osm, ids, ctx, id)]] };
}

function relationArea(osm: OsmData, rel: OsmRelation, waysById: Map<number, OsmWay>, ctx: ImportContext): OsmArea {
  const id = `relation/${rel.id}`;
  const outerWays: OsmWay[] = [];
  const innerWays: OsmWay[] = [];
  for (const m of rel.members) {
    if (m.type !== 'way') continue;
    const way = waysById.get(m.ref);
    if (!way) {
      throw new TwinError(
        `member way ${m.ref} is missing from the file`,
        { file: ctx.file, feature: id, field: 'member' },
        'export the data with complete relations, or load leniently to skip it',
      );
    }
    (m.role === 'inner' ? innerWays : outerWays).push(way);
  }
  if (outerWays.length === 0) {
    throw new TwinError('multipolygon has no outer member ways', { file: ctx.file, feature: id, field: 'member' });
  }
  const outers = joinRings(outerWays, id, 'outer', ctx).map((ids) => projectWayNodes(osm, ids, ctx, id));
  const inners = joinRings(innerWays, id, 'inner', ctx).map((ids) => projectWayNodes(osm, ids, ctx, id));
  // 3. Each inner ring goes to the first outer ring that contains its first vertex.
  const polygons: PolygonXY[] = outers.map((ring) => [ring]);
  for (const inner of inners) {
    const host = polygons.find((poly) => pointInRing(inner[0], poly[0]));
    if (host) host.push(inner);
    else {
      const where = { file: ctx.file, feature: id, field: 'member' };
      ctx.opts.warnings?.push({
        message: `twin: ${ctx.file}, feature ${id}: an inner ring lies in no outer ring (dropped it)`,
        where,
      });
    }
  }
  return { id, tags: rel.tags, polygons };
}

/**
 * Joins member ways end to end into closed rings of node ids; a way may need reversing to join.
 * Throws TwinError when a chain of ways does not close.
 */
export function joinRings(ways: OsmWay[], feature: string, role: string, ctx: ImportContext): number[][] {
  const unused = ways.filter((w) => w.nodeIds.length >= 2);
  const rings: number[][] = [];
  while (unused.length > 0) {
    const start = unused.shift()!;
    const ring = [...start.nodeIds];
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      const k = unused.findIndex((w) => w.nodeIds[0] === end || w.nodeIds[w.nodeIds.length - 1] === end);
      if (k < 0) {
        throw new TwinError(
          `${role} ring starting with way ${start.id} does not close: no member way continues from node ${end}`,
          { file: ctx.file, feature, field: 'member' },
          'complete the multipolygon in the OSM data, or load leniently to skip it',
        );
      }
      const next = unused.splice(k, 1)[0].nodeIds;
      const piece = next[0] === end ? next : [...next].reverse();
      for (let i = 1; i < piece.length; i++) ring.push(piece[i]);
    }
    if (ring.length < 4) {
      throw new TwinError(`${role} ring from way ${start.id} has fewer than 3 corners`, {
        file: ctx.file,
        feature,
        field: 'member',
      });
    }
    rings.push(ring);
  }
  return rings;
}

/** Even-odd point-in-ring test in the local frame. */
export function pointInRing(p: XY, ring: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
