// Where a row of a log is in the district: the sensor, hotspot and road it means. Sensors and hotspots by id or by
// the nearest within a stated distance; roads by name (Chinese or English) or OpenStreetMap way id in the district's
// road graph, or the nearest named road. Distances are in the local frame (metres).
import { sourceIdOf } from '../../twin/io/roads-geojson.ts';
import { closestOnSegment } from '../../twin/road-graph/geometry.ts';
import type { RoadGraph } from '../../twin/road-graph/index.ts';
import type { Hotspot, RoadSegment, Sensor, XY } from '../../twin/types.ts';

/** A work order is matched to the nearest hotspot within this distance (m). */
export const HOTSPOT_MATCH_M = 100;
/** A work order without a road name is matched to the nearest named road within this distance (m). */
export const ROAD_MATCH_M = 50;
/** A reading or gauge given by lon/lat is matched to the nearest sensor within this distance (m). */
export const SENSOR_MATCH_M = 30;

/** One road piece of the graph (a segment id: a way, or a tile-clipped piece of one) with both its directions. */
export interface RoadPiece {
  segmentId: string;
  /** The OSM way id (the segment id without its "#k" piece suffix). */
  wayId: string;
  name: string;
  nameEn: string;
  /** Graph edge keys of its directions and pieces. */
  edgeKeys: string[];
  /** Length of the road, each direction once (m). */
  lengthM: number;
  /** Its polylines (one per edge of one direction). */
  lines: XY[][];
}

/** The district's roads by segment, name and way id. */
export interface RoadIndex {
  pieces: RoadPiece[];
  byName: Map<string, RoadPiece[]>;
  byWay: Map<string, RoadPiece[]>;
}

/** Indexes the drivable road graph (virtual boundary connectors left out); English names come from the segments. */
export function indexRoads(graph: RoadGraph, segments: readonly RoadSegment[]): RoadIndex {
  const nameEn = new Map<string, string>();
  for (const s of segments) if (s.nameEn) nameEn.set(s.id, s.nameEn).set(sourceIdOf(s.id), s.nameEn);
  const bySeg = new Map<string, RoadPiece>();
  graph.forEachEdge((key, a) => {
    if (a.virtual || a.segmentId.startsWith('virtual:')) return;
    let p = bySeg.get(a.segmentId);
    if (!p) {
      const wayId = sourceIdOf(a.segmentId);
      p = {
        segmentId: a.segmentId,
        wayId,
        name: a.name ?? '',
        nameEn: nameEn.get(a.segmentId) ?? nameEn.get(wayId) ?? '',
        edgeKeys: [],
        lengthM: 0,
        lines: [],
      };
      bySeg.set(a.segmentId, p);
    }
    p.edgeKeys.push(key);
    // A two-way street is one edge each way: count and draw the forward ones (and one-way edges) once.
    if (a.oneway || key.endsWith('/f') || /\/f@\d+$/.test(key)) {
      p.lengthM += a.lengthM;
      p.lines.push(a.coords);
    }
  });
  const pieces = [...bySeg.values()].sort((a, b) =>
    a.segmentId < b.segmentId ? -1 : a.segmentId > b.segmentId ? 1 : 0,
  );
  const byName = new Map<string, RoadPiece[]>();
  const byWay = new Map<string, RoadPiece[]>();
  const add = (m: Map<string, RoadPiece[]>, k: string, p: RoadPiece) => m.set(k, [...(m.get(k) ?? []), p]);
  for (const p of pieces) {
    if (p.name) add(byName, normaliseName(p.name), p);
    if (p.nameEn && normaliseName(p.nameEn) !== normaliseName(p.name)) add(byName, normaliseName(p.nameEn), p);
    add(byWay, p.wayId, p);
  }
  return { pieces, byName, byWay };
}

/** Names compared without case, spaces or full-width brackets mattering. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '');
}

/** Distance (m) from `p` to a road piece. */
export function distanceToPiece(p: XY, piece: RoadPiece): number {
  let best = Infinity;
  for (const line of piece.lines)
    for (let i = 1; i < line.length; i++) best = Math.min(best, closestOnSegment(p, line[i - 1], line[i]).distM);
  return best;
}

/** The nearest of `pieces` to `p`, with its distance; ties to the first. */
export function nearestPiece(p: XY, pieces: readonly RoadPiece[]): { piece: RoadPiece; distanceM: number } | null {
  let best: { piece: RoadPiece; distanceM: number } | null = null;
  for (const piece of pieces) {
    const d = distanceToPiece(p, piece);
    if (!best || d < best.distanceM) best = { piece, distanceM: d };
  }
  return best;
}

/** A point on a road for an order that names only the road: the middle vertex of its longest line. */
export function pointOnRoad(pieces: readonly RoadPiece[]): XY {
  let longest: XY[] = pieces[0].lines[0] ?? [];
  for (const p of pieces) for (const l of p.lines) if (l.length > longest.length) longest = l;
  return longest[Math.floor(longest.length / 2)];
}

/** The nearest item with an `xy` to `p` and its distance, ties to the first; null for none. */
export function nearestOf<T extends { xy: XY }>(p: XY, items: readonly T[]): { item: T; distanceM: number } | null {
  let best: { item: T; distanceM: number } | null = null;
  for (const item of items) {
    const d = Math.hypot(item.xy[0] - p[0], item.xy[1] - p[1]);
    if (!best || d < best.distanceM) best = { item, distanceM: d };
  }
  return best;
}

/** What an order was matched to, and why not when it was not. */
export interface OrderMatch {
  hotspot: Hotspot | null;
  /** Distance (m) from the order's place to the hotspot (0 when matched by id without a place). */
  hotspotDistanceM: number | null;
  road: RoadPiece | null;
  /** Reasons a match failed (empty when both matched). */
  unmatched: string[];
}

/**
 * Matches an order to a hotspot (by id, else the nearest within HOTSPOT_MATCH_M) and a road (by name or way id, the
 * piece nearest the place; else the nearest named road within ROAD_MATCH_M).
 */
export function matchOrder(
  xy: XY,
  given: { hotspot: Hotspot | null; roadName?: string; wayId?: string },
  hotspots: readonly Hotspot[],
  roads: RoadIndex,
): OrderMatch {
  const unmatched: string[] = [];
  let hotspot = given.hotspot;
  let hotspotDistanceM: number | null = hotspot ? Math.hypot(hotspot.xy[0] - xy[0], hotspot.xy[1] - xy[1]) : null;
  if (!hotspot) {
    const near = nearestOf(xy, hotspots);
    if (near && near.distanceM <= HOTSPOT_MATCH_M) [hotspot, hotspotDistanceM] = [near.item, near.distanceM];
    else
      unmatched.push(
        near
          ? `no hotspot within ${HOTSPOT_MATCH_M} m (nearest ${near.item.id} ${near.item.name}, ${Math.round(near.distanceM)} m)`
          : 'the district has no hotspots',
      );
  }
  let road: RoadPiece | null = null;
  const named = given.wayId
    ? roads.byWay.get(given.wayId)
    : given.roadName
      ? roads.byName.get(normaliseName(given.roadName))
      : undefined;
  if (given.wayId || given.roadName) {
    if (named?.length) road = nearestPiece(xy, named)!.piece;
    else
      unmatched.push(
        given.wayId
          ? `no drivable road with OSM way id ${given.wayId} in the road data`
          : `no drivable road named "${given.roadName}" in the road data`,
      );
  } else {
    const near = nearestPiece(
      xy,
      roads.pieces.filter((p) => p.name),
    );
    if (near && near.distanceM <= ROAD_MATCH_M) road = near.piece;
    else unmatched.push(`no named road within ${ROAD_MATCH_M} m`);
  }
  return { hotspot, hotspotDistanceM, road, unmatched };
}

/** The sensor a reading means: by id, else the nearest of the kinds allowed within SENSOR_MATCH_M. */
export function sensorNear(xy: XY, sensors: readonly Sensor[]): { sensor: Sensor; distanceM: number } | null {
  const near = nearestOf(xy, sensors);
  return near && near.distanceM <= SENSOR_MATCH_M ? { sensor: near.item, distanceM: near.distanceM } : null;
}
