// Areas from OSM elements: closed ways and multipolygon relations whose rings are joined from member ways end to end.
// Shared by the OSM building, water and land-cover importers; every node goes through ctx.projector.
import { TwinError, formatTwinError, orLenient } from '../errors.ts';
import { assertPlausible } from '../projection/index.ts';
import { pointInRing } from '../geometry/index.ts';
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

/**
 * 'relation/45 ("Nieuwe Maas", waterway=river)': the element id with the name and kind people know it by, so a
 * warning about a river's multipolygon says which river.
 */
export function featureLabel(id: string, tags: Record<string, string>): string {
  const bits: string[] = [];
  const name = tags.name ?? tags['name:en'];
  if (name) bits.push(JSON.stringify(name));
  if (tags['name:en'] && tags['name:en'] !== name) bits.push(`name:en ${JSON.stringify(tags['name:en'])}`);
  for (const k of ['waterway', 'natural', 'water', 'landuse', 'building']) if (tags[k]) bits.push(`${k}=${tags[k]}`);
  return bits.length ? `${id} (${bits.join(', ')})` : id;
}

function wayArea(osm: OsmData, way: OsmWay, ctx: ImportContext): OsmArea {
  const id = `way/${way.id}`;
  const ids = way.nodeIds;
  if (ids.length < 4 || ids[0] !== ids[ids.length - 1]) {
    throw new TwinError(
      `is tagged as an area but is not a closed way (${ids.length} nodes, first ${ids[0]}, last ${ids[ids.length - 1]})`,
      { file: ctx.file, feature: featureLabel(id, way.tags), field: 'nd' },
      orLenient('close the way in the OSM data', 'skip it'),
    );
  }
  return { id, tags: way.tags, polygons: [[projectWayNodes(osm, ids, ctx, id)]] };
}

/**
 * A multipolygon from its member ways. Strict: a missing member or a ring that does not close fails, naming the
 * relation. Lenient: the rings that close from the members present are kept, with one warning naming the feature;
 * only a relation with no closed outer ring left is skipped.
 */
function relationArea(osm: OsmData, rel: OsmRelation, waysById: Map<number, OsmWay>, ctx: ImportContext): OsmArea {
  const id = `relation/${rel.id}`;
  const feature = featureLabel(id, rel.tags);
  const where = { file: ctx.file, feature, field: 'member' };
  const outerWays: OsmWay[] = [];
  const innerWays: OsmWay[] = [];
  const missing: number[] = [];
  for (const m of rel.members) {
    if (m.type !== 'way') continue;
    const way = waysById.get(m.ref);
    if (way) (m.role === 'inner' ? innerWays : outerWays).push(way);
    else missing.push(m.ref);
  }
  const missingText = missing.length
    ? `member way${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing from the file`
    : '';
  if (missing.length && !ctx.opts.lenient) {
    throw new TwinError(
      missingText,
      where,
      orLenient('export the data with complete relations', 'keep the rings that close from the members present'),
    );
  }
  if (outerWays.length === 0) {
    throw new TwinError(
      `multipolygon has no outer member ways${missing.length ? ` (${missingText})` : ''}`,
      where,
      'export the data with complete relations',
    );
  }
  const outer = joinRings(outerWays, 'outer');
  const inner = joinRings(innerWays, 'inner');
  const open = [...outer.open, ...inner.open];
  if (open.length && !ctx.opts.lenient) {
    throw new TwinError(
      open[0],
      where,
      orLenient('complete the multipolygon in the OSM data', 'keep the rings that close'),
    );
  }
  if (outer.rings.length === 0) {
    throw new TwinError(
      `no outer ring closes${missing.length ? ` (${missingText})` : ''}: ${open[0]}`,
      where,
      'complete the multipolygon in the OSM data, or export it with complete relations',
    );
  }
  if (missing.length || open.length) {
    const kept = `kept the ${outer.rings.length} outer and ${inner.rings.length} inner ring${inner.rings.length === 1 ? '' : 's'} that close`;
    const what = `${[missingText, ...open].filter(Boolean).join('; ')}: ${kept}`;
    ctx.opts.warnings?.push({ message: formatTwinError(what, where), where, what });
  }
  const outers = outer.rings.map((ids) => projectWayNodes(osm, ids, ctx, id));
  const inners = inner.rings.map((ids) => projectWayNodes(osm, ids, ctx, id));
  // Each inner ring goes to the first outer ring that contains its first vertex.
  const polygons: PolygonXY[] = outers.map((ring) => [ring]);
  for (const ring of inners) {
    const host = polygons.find((poly) => pointInRing(ring[0], poly[0]));
    if (host) host.push(ring);
    else {
      const what = 'an inner ring lies in no outer ring (dropped it)';
      ctx.opts.warnings?.push({ message: formatTwinError(what, where), where, what });
    }
  }
  return { id, tags: rel.tags, polygons };
}

/**
 * Joins member ways end to end into closed rings of node ids; a way may need reversing to join. Chains that do not
 * close (or close with fewer than 3 corners) are not rings: they come back in `open`, described for messages.
 */
export function joinRings(ways: OsmWay[], role: string): { rings: number[][]; open: string[] } {
  const unused = ways.filter((w) => w.nodeIds.length >= 2);
  const rings: number[][] = [];
  const open: string[] = [];
  while (unused.length > 0) {
    const start = unused.shift()!;
    const ring = [...start.nodeIds];
    let closed = true;
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      const k = unused.findIndex((w) => w.nodeIds[0] === end || w.nodeIds[w.nodeIds.length - 1] === end);
      if (k < 0) {
        open.push(
          `${role} ring starting with way ${start.id} does not close: no member way continues from node ${end}`,
        );
        closed = false;
        break;
      }
      const next = unused.splice(k, 1)[0].nodeIds;
      const piece = next[0] === end ? next : [...next].reverse();
      for (let i = 1; i < piece.length; i++) ring.push(piece[i]);
    }
    if (!closed) continue;
    if (ring.length < 4) open.push(`${role} ring from way ${start.id} has fewer than 3 corners`);
    else rings.push(ring);
  }
  return { rings, open };
}
