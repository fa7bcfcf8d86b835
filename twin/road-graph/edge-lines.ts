// The road graph's edges as drawable lines in WGS84, keyed by the graph's edge keys, so a screen can draw the roads
// a run closed (its views and events name edges by key). A two-way street's two directions share one line.
import type { LayerFeature } from '../district/district-geojson.ts';
import { lonLatOf, type LocalFrame } from '../projection/index.ts';
import type { RoadGraph } from './types.ts';

/** A line of the road graph: one feature per street piece, with the keys of its directions (comma-separated). */
export interface EdgeLineCollection {
  type: 'FeatureCollection';
  name: 'roadEdges';
  features: LayerFeature[];
}

/** Every drawn (not virtual) edge of the graph, directions of one piece merged, in the graph's edge order. */
export function roadEdgeLines(graph: RoadGraph, frame: LocalFrame): EdgeLineCollection {
  const byPiece = new Map<string, { keys: string[]; feature: LayerFeature }>();
  graph.forEachEdge((key, a, source, target) => {
    if (a.virtual) return;
    const piece = `${a.segmentId}|${source < target ? `${source}|${target}` : `${target}|${source}`}`;
    const known = byPiece.get(piece);
    if (known) {
      known.keys.push(key);
      known.feature.properties.keys = known.keys.join(',');
      return;
    }
    const feature: LayerFeature = {
      type: 'Feature',
      id: key,
      geometry: { type: 'LineString', coordinates: a.coords.map((xy) => lonLatOf(frame, xy)) },
      properties: {
        keys: key,
        segmentId: a.segmentId,
        roadClass: a.roadClass,
        name: a.name ?? null,
        lengthM: Math.round(a.lengthM * 10) / 10,
      },
    };
    byPiece.set(piece, { keys: [key], feature });
  });
  return { type: 'FeatureCollection', name: 'roadEdges', features: [...byPiece.values()].map((p) => p.feature) };
}
