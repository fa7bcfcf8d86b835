// Builds a District from a validated manifest and the bytes of its files: parse each source once, find the origin,
// run each role's importer in the local frame, cross-check the layers. Pure: the Node loader does the reading.
import { TwinError, type LoadOptions, type TwinWarning } from '../errors.ts';
import type { ImportContext } from '../io/import-context.ts';
import { parseOsm } from '../io/osm.ts';
import type { OsmData } from '../io/osm-types.ts';
import { roadsFromGeoJson, roadsFromOsm } from '../io/roads.ts';
import {
  buildingsFromCityJson,
  buildingsFromGeoJson,
  buildingsFromOsm,
  cityJsonCentreLonLat,
  floodWallsFromGeoJson,
  floodWallsFromOsm,
  landCoverFromGeoJson,
  landCoverFromOsm,
  parseJsonText,
  readCatchments,
  readDepots,
  readFleet,
  readHotspots,
  readPumpStations,
  readSensors,
  validateFleet,
  waterFromGeoJson,
  waterFromOsm,
} from '../io/vector.ts';
import { createLocalFrame, projectorFor, type LocalFrame } from '../projection/index.ts';
import type { Extent, Raster } from '../types.ts';
import type { District, DistrictTerrain } from './district.ts';
import type { DistrictManifest, ManifestSource } from './manifest.ts';
import { boxCentre, emptyBox, extendByGeoJson, extendByOsm, type LonLatBox } from './source-centre.ts';

/** A DEM already read by the loader (GeoTIFF decoding is asynchronous, so it happens before assembly). */
export interface LoadedDem {
  raster: Raster;
  crs?: string;
  source: string;
}

/** One source, parsed once: JSON document, OSM elements or text. */
type Parsed = { kind: 'json'; doc: unknown } | { kind: 'osm'; osm: OsmData } | { kind: 'text'; text: string };

function parseSource(src: ManifestSource, bytes: Uint8Array, opts: LoadOptions): Parsed {
  switch (src.format) {
    case 'osm-xml':
    case 'osm-pbf':
      return { kind: 'osm', osm: parseOsm(bytes, src.file, opts) };
    case 'geojson':
    case 'cityjson':
    case 'json':
      return { kind: 'json', doc: parseJsonText(new TextDecoder('utf-8').decode(bytes), src.file) };
    default:
      return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
  }
}

/**
 * Assembles a district. Throws TwinError on the first bad feature unless the manifest (or `lenient`) says lenient.
 * @param manifest a manifest from parseManifest
 * @param files the bytes of every source file, by the manifest's relative path
 * @param dem the terrain raster when the manifest names one
 */
export function assembleDistrict(
  manifest: DistrictManifest,
  files: ReadonlyMap<string, Uint8Array>,
  dem?: LoadedDem,
  lenient = manifest.lenient,
): District {
  const warnings: TwinWarning[] = [];
  const opts: LoadOptions = { lenient, warnings };
  // 1. Parse every vector source once.
  const parsed = new Map<ManifestSource, Parsed>();
  for (const src of manifest.sources) {
    if (src.format === 'geotiff' || src.format === 'asc' || src.format === 'hgt') continue;
    const bytes = files.get(src.file);
    if (!bytes) throw new TwinError(`file not found`, { file: src.file }, 'check the path in district.json');
    parsed.set(src, parseSource(src, bytes, opts));
  }
  // 2. The local frame: the manifest's origin, else the centre of the buildings' and roads' extent.
  const frame = manifest.origin
    ? createLocalFrame(manifest.origin.lon, manifest.origin.lat)
    : findOrigin(manifest, parsed);
  const ctxFor = (src: ManifestSource): ImportContext => ({
    file: src.file,
    projector: projectorFor(src.crs ?? manifest.crs, frame, { file: src.file, field: 'crs' }),
    opts,
  });
  const d: Omit<District, 'extent' | 'terrain' | 'stats'> & { stats: District['stats'] } = {
    manifest,
    frame,
    buildings: [],
    roads: [],
    water: [],
    landCover: [],
    floodWalls: [],
    sensors: [],
    hotspots: [],
    catchments: [],
    pumpStations: [],
    depots: [],
    fleet: [],
    stats: { buildingPieces: 0, heightsInferred: 0 },
    warnings,
  };
  let rules: unknown;
  // 3. Each role's importer.
  for (const src of manifest.sources) {
    const p = parsed.get(src);
    if (!p) continue;
    for (const role of src.roles) {
      if (p.kind === 'osm') {
        const ctx = ctxFor(src);
        if (role === 'buildings') d.buildings.push(...buildingsFromOsm(p.osm, ctx));
        else if (role === 'roads') d.roads.push(...roadsFromOsm(p.osm, ctx));
        else if (role === 'water') d.water.push(...waterFromOsm(p.osm, ctx));
        else if (role === 'landcover') d.landCover.push(...landCoverFromOsm(p.osm, ctx));
        else if (role === 'floodWalls') d.floodWalls.push(...floodWallsFromOsm(p.osm, ctx));
        continue;
      }
      const input = p.kind === 'json' ? p.doc : p.text;
      if (role === 'terrainRules') {
        rules = input;
        continue;
      }
      if (src.format === 'cityjson') {
        const cctx = { file: src.file, frame, opts, ...(src.crs ? { crs: src.crs } : {}) };
        d.buildings.push(...buildingsFromCityJson(input, cctx).buildings);
        continue;
      }
      const ctx = ctxFor(src);
      if (role === 'buildings') {
        d.stats.buildingPieces += countPolygonFeatures(input);
        d.buildings.push(...buildingsFromGeoJson(input, ctx));
      } else if (role === 'roads') d.roads.push(...roadsFromGeoJson(input, ctx));
      else if (role === 'water') d.water.push(...waterFromGeoJson(input, ctx));
      else if (role === 'landcover') d.landCover.push(...landCoverFromGeoJson(input, ctx));
      else if (role === 'floodWalls') d.floodWalls.push(...floodWallsFromGeoJson(input, ctx));
      else if (role === 'sensors') d.sensors.push(...readSensors(input, ctx));
      else if (role === 'hotspots') d.hotspots.push(...readHotspots(input, ctx));
      else if (role === 'pumpStations') d.pumpStations.push(...readPumpStations(input, ctx));
      else if (role === 'catchments') d.catchments.push(...readCatchments(input, ctx));
      else if (role === 'depots') d.depots.push(...readDepots(input, ctx));
      else if (role === 'fleet') d.fleet.push(...readFleet(input, ctx));
    }
  }
  if (d.stats.buildingPieces === 0) d.stats.buildingPieces = d.buildings.length;
  d.stats.heightsInferred = d.buildings.filter((b) => b.heightSource !== 'height').length;
  // 4. Cross-checks between layers.
  const fleetSrc = manifest.sources.find((s) => s.roles.includes('fleet'));
  if (fleetSrc) validateFleet(d.fleet, d.depots, fleetSrc.file);
  checkCatchmentLinks(d.catchments, d.pumpStations, manifest);
  const terrain: DistrictTerrain = dem
    ? { source: dem.source, modelled: false, dem: dem.raster, ...(dem.crs ? { demCrs: dem.crs } : {}) }
    : { source: 'modelled', modelled: true, rules };
  if (!dem && rules === undefined) {
    warnings.push({ message: 'no DEM and no terrain rules: ground is taken as flat at 0 m', where: {} });
  }
  return { ...d, terrain, extent: extentOf(d) };
}

function countPolygonFeatures(doc: unknown): number {
  const fs = (doc as { features?: { geometry?: { type?: string } }[] })?.features;
  return Array.isArray(fs) ? fs.filter((f) => /Polygon$/.test(f?.geometry?.type ?? '')).length : 0;
}

function findOrigin(manifest: DistrictManifest, parsed: Map<ManifestSource, Parsed>): LocalFrame {
  const box: LonLatBox = emptyBox();
  for (const [src, p] of parsed) {
    if (!src.roles.some((r) => r === 'buildings' || r === 'roads')) continue;
    if (p.kind === 'osm') extendByOsm(box, p.osm);
    else if (src.format === 'cityjson' && p.kind === 'json') {
      const [lon, lat] = cityJsonCentreLonLat(p.doc, src.file, src.crs);
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    } else if (p.kind === 'json') extendByGeoJson(box, p.doc, src.crs ?? manifest.crs);
  }
  const c = boxCentre(box);
  if (!c)
    throw new TwinError(
      'cannot place the district: no coordinates in its buildings or roads',
      { field: 'sources' },
      'add "origin": {"lon": …, "lat": …} to district.json',
    );
  return createLocalFrame(c.lon, c.lat);
}

function checkCatchmentLinks(
  catchments: District['catchments'],
  stations: District['pumpStations'],
  manifest: DistrictManifest,
): void {
  const stationIds = new Set(stations.map((s) => s.id));
  const catchmentIds = new Set(catchments.map((c) => c.id));
  const file = (role: string) => manifest.sources.find((s) => s.roles.includes(role as never))?.file;
  for (const c of catchments) {
    if (c.pumpStationId && !stationIds.has(c.pumpStationId)) {
      throw new TwinError(
        `catchment ${c.id} names pump station "${c.pumpStationId}", which is not in the pump stations`,
        { file: file('catchments'), feature: c.id, field: 'pump_station_id' },
      );
    }
  }
  for (const s of stations) {
    if (s.catchmentId && !catchmentIds.has(s.catchmentId)) {
      throw new TwinError(`pump station ${s.id} names catchment "${s.catchmentId}", which is not in the catchments`, {
        file: file('pumpStations'),
        feature: s.id,
        field: 'catchment_id',
      });
    }
  }
}

/** Extent of buildings, roads and land cover (water bodies often run far beyond the district). */
function extentOf(d: Pick<District, 'buildings' | 'roads' | 'landCover'>): Extent {
  const e: Extent = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const add = (x: number, y: number) => {
    if (x < e.minX) e.minX = x;
    if (y < e.minY) e.minY = y;
    if (x > e.maxX) e.maxX = x;
    if (y > e.maxY) e.maxY = y;
  };
  for (const b of d.buildings) for (const poly of b.footprint) for (const [x, y] of poly[0]) add(x, y);
  for (const r of d.roads) for (const [x, y] of r.coords) add(x, y);
  for (const l of d.landCover) for (const poly of l.polygons) for (const [x, y] of poly[0]) add(x, y);
  if (!(e.minX <= e.maxX)) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return e;
}
