// The District: every layer of one riverside district, validated and in its local metric frame.
import type { TwinWarning } from '../errors.ts';
import type { LocalFrame } from '../projection/index.ts';
import type {
  Building,
  Catchment,
  Depot,
  Extent,
  FloodWall,
  Hotspot,
  LandCover,
  PumpStation,
  PumpTruck,
  Raster,
  RoadSegment,
  Sensor,
  WaterBody,
} from '../types.ts';
import type { DistrictManifest } from './manifest.ts';

/** Where the district's ground elevation comes from. */
export interface DistrictTerrain {
  /** 'modelled' when built by the rules file, 'flat' when declared flat, else the DEM file's name. */
  source: string;
  modelled: boolean;
  /**
   * Where the ground comes from, for people: 'DEM dem.tif (EPSG:28992)', 'modelled by terrain-rules.json',
   * 'flat at 2 m, as declared in district.json'.
   */
  provenance: string;
  /** The DEM in its own CRS (absent when modelled). */
  dem?: Raster;
  demCrs?: string;
  /** The modelled-terrain rules (parsed JSON) when modelled. */
  rules?: unknown;
  /** Ground elevation (m) when district.json declares the ground flat. */
  flatElevationM?: number;
}

export interface District {
  manifest: DistrictManifest;
  frame: LocalFrame;
  buildings: Building[];
  roads: RoadSegment[];
  water: WaterBody[];
  landCover: LandCover[];
  floodWalls: FloodWall[];
  terrain: DistrictTerrain;
  sensors: Sensor[];
  hotspots: Hotspot[];
  catchments: Catchment[];
  pumpStations: PumpStation[];
  depots: Depot[];
  fleet: PumpTruck[];
  /** Extent of the buildings, roads and land cover in local metres. */
  extent: Extent;
  /** Building pieces read before merging, and how many heights were not tagged. */
  stats: { buildingPieces: number; heightsInferred: number };
  /** What lenient loading skipped, and notes worth a look. */
  warnings: TwinWarning[];
}
