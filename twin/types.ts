// The district as typed data in its local metric frame: what every importer returns and every layer reads.
// Coordinates are metres east (x) and north (y) of the district origin; elevations in metres (Wusong datum for Shanghai).

/** A point in the local frame, metres east and north of the origin. */
export type XY = [number, number];

/** A polygon: outer ring first, then holes; rings closed (first point repeated last). */
export type PolygonXY = XY[][];

/** Where a building's height came from: tagged height, levels × 3 m, or the default for its kind. */
export type HeightSource = 'height' | 'levels' | 'default';

export interface Building {
  /** Source id (OSM id as a string, CityJSON object id, …); tile-clipped pieces are merged under one id. */
  id: string;
  /** One or more polygons (a merged building can be a multipolygon). */
  footprint: PolygonXY[];
  heightM: number;
  /** Height of the bottom of the building part above ground (OSM min_height), 0 for most. */
  minHeightM: number;
  heightSource: HeightSource;
  /** OSM building=* value or Tilezen kind/kind_detail, 'yes' when unknown. */
  kind: string;
  name?: string;
}

/** Coarse road classes the twin uses for speed, Manning's n and drawing. */
export type RoadClass =
  | 'motorway'
  | 'trunk'
  | 'primary'
  | 'secondary'
  | 'tertiary'
  | 'residential'
  | 'service'
  | 'unclassified'
  | 'path'
  | 'other';

export interface RoadSegment {
  id: string;
  /** OSM highway=* value (Tilezen kind_detail), e.g. 'primary', 'footway'. */
  highway: string;
  roadClass: RoadClass;
  /** Can a motor vehicle use it (not footway/path/steps/cycleway, not rail or ferry). */
  drivable: boolean;
  /** 1 = one way in drawing order, -1 = one way against it, 0 = both ways. */
  oneway: 0 | 1 | -1;
  bridge: boolean;
  tunnel: boolean;
  /** OSM layer, 0 when untagged; bridges default to 1 and tunnels to -1 when untagged. */
  layer: number;
  maxSpeedKmh?: number;
  name?: string;
  nameEn?: string;
  coords: XY[];
}

export type WaterKind = 'river' | 'canal' | 'dock' | 'lake' | 'pond' | 'water';

export interface WaterBody {
  id: string;
  kind: WaterKind;
  name?: string;
  nameEn?: string;
  polygons: PolygonXY[];
}

/** A flood wall or embankment line with its crest elevation. */
export interface FloodWall {
  id: string;
  name?: string;
  crestM: number;
  line: XY[];
  /** 'modelled' when placed by the rules in datasets/, or the source's name. */
  source: string;
}

/**
 * A raster on a regular grid in the local frame (or in its own CRS before reprojection).
 * Row-major, row 0 is the NORTH edge (as in ESRI ASCII and GeoTIFF): index = row * nx + col;
 * cell centre x = x0 + (col + 0.5) * cellM, y = y0 + (ny - row - 0.5) * cellM, where (x0, y0) is the south-west corner.
 */
export interface Raster {
  nx: number;
  ny: number;
  cellM: number;
  /** West edge. */
  x0: number;
  /** South edge. */
  y0: number;
  values: Float32Array;
  /** NODATA marker in `values`, if any cells are missing. */
  nodata?: number;
}

export type SensorKind = 'rain' | 'riverLevel' | 'roadWater';

export interface Sensor {
  id: string;
  kind: SensorKind;
  name: string;
  nameEn?: string;
  xy: XY;
  /** For riverLevel: stage (m datum); for roadWater: depth (m); for rain: intensity (mm/h). */
  alertAt?: number;
  alarmAt?: number;
  /** Placed by documented rules rather than surveyed. */
  modelled: boolean;
}

export type HotspotKind = 'underpass' | 'road' | 'lowPoint' | 'metroEntrance' | 'hospital' | 'other';

export interface Hotspot {
  id: string;
  name: string;
  nameEn?: string;
  kind: HotspotKind;
  xy: XY;
  /** Relative exposure weight used for case priority (1 = ordinary road). */
  exposure: number;
  modelled: boolean;
}

export interface Catchment {
  id: string;
  name: string;
  polygon: PolygonXY;
  drainCapacityMmPerH: number;
  pumpStationId?: string;
  modelled: boolean;
}

export interface PumpStation {
  id: string;
  name: string;
  nameEn?: string;
  xy: XY;
  capacityM3PerS: number;
  catchmentId?: string;
  modelled: boolean;
}

export interface Depot {
  id: string;
  name: string;
  nameEn?: string;
  xy: XY;
  modelled: boolean;
}

export interface PumpTruck {
  id: string;
  name: string;
  depotId: string;
  capacityM3PerH: number;
  /** Deepest water it can drive through, metres. */
  wadingDepthM: number;
  modelled: boolean;
}

/** Land cover polygons (parks, grass, paved squares…) used for Manning's n and infiltration. */
export interface LandCover {
  id: string;
  /** OSM landuse/leisure/natural value or Tilezen landuse kind, e.g. 'park', 'grass', 'pedestrian'. */
  kind: string;
  polygons: PolygonXY[];
}

/** Axis-aligned extent in the local frame, metres. */
export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
