// OSM data as parsed from XML or PBF: the element model every OSM-reading importer works from.

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  tags?: Record<string, string>;
}

export interface OsmWay {
  id: number;
  nodeIds: number[];
  tags: Record<string, string>;
}

export interface OsmMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

export interface OsmRelation {
  id: number;
  members: OsmMember[];
  tags: Record<string, string>;
}

/** A parsed OSM file. Node coordinates are WGS84 longitude/latitude. */
export interface OsmData {
  nodes: Map<number, OsmNode>;
  ways: OsmWay[];
  relations: OsmRelation[];
  /** The file's <bounds>, if given: [minLon, minLat, maxLon, maxLat]. */
  bounds?: [number, number, number, number];
}
