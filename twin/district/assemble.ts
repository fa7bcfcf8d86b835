// Builds a District from a validated manifest and the bytes of its files: parse each source once, find the origin,
// run each role's importer in the local frame, cross-check the layers. Pure: the Node loader does the reading.
import { TwinError, type LoadOptions, type TwinWarning } from '../errors.ts';
import { repairSelfCrossings } from '../io/footprint-kinks.ts';
import type { ImportContext } from '../io/import-context.ts';
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
import { clipCentreLonLat, clipExtent, clipLayers, localClip, type LocalClip } from './clip.ts';
import { checkSourceExtents } from './extent-checks.ts';
import { parseSources, type ParsedSource } from './parse-sources.ts';
import { boxCentre, emptyBox, extend, extendByGeoJson, extendByOsm, type LonLatBox } from './source-centre.ts';

/** A DEM already read by the loader (GeoTIFF decoding is asynchronous, so it happens before assembly). */
export interface LoadedDem {
  raster: Raster;
  /** 'EPSG:n' or a proj4 string: the file's own CRS, else the one district.json declares. */
  crs?: string;
  /** How people name the CRS when `crs` is a proj4 string (e.g. a user-defined Transverse Mercator). */
  crsName?: string;
  /** True when the CRS came from district.json rather than the file. */
  crsDeclared?: boolean;
  source: string;
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
  // One meaning of lenient from here on: what the caller asked for (CLI --lenient or the manifest) travels with the
  // district, so the checks run later (DEM coverage in buildTwin) see it too.
  manifest = { ...manifest, lenient };
  // 1. Parse every vector source once, and check that the sources are where they say and of one place.
  const sources = parseSources(manifest.sources, files, opts);
  checkSourceExtents(manifest, sources, dem);
  // 2. The local frame: the manifest's origin, else the clip's centre, else the centre of the buildings and roads.
  const clip = manifest.clip;
  const clipDoc = clip && 'file' in clip ? readClipFile(clip.file, files) : undefined;
  const clipCentre = clip ? clipCentreLonLat(clip, clipDoc, manifest.crs) : undefined;
  const origin = manifest.origin ?? clipCentre;
  const frame = origin ? createLocalFrame(origin.lon, origin.lat) : findOrigin(manifest, sources);
  const ctxFor = (src: ManifestSource): ImportContext => ({
    file: src.file,
    projector: projectorFor(src.crs ?? manifest.crs, frame, { file: src.file, field: 'crs' }),
    opts,
  });
  const d: Omit<District, 'extent' | 'terrain' | 'stats'> & { stats: District['stats']; clipBox?: LocalClip['box'] } = {
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
  for (const { src, parsed: p } of sources) {
    for (const role of src.roles) {
      if (p.kind === 'osm') {
        const ctx = ctxFor(src);
        if (role === 'buildings')
          d.buildings.push(...repairSelfCrossings(buildingsFromOsm(p.osm, ctx), src.file, opts));
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
        d.buildings.push(...repairSelfCrossings(buildingsFromCityJson(input, cctx).buildings, src.file, opts));
        continue;
      }
      const ctx = ctxFor(src);
      if (role === 'buildings') {
        d.stats.buildingPieces += countPolygonFeatures(input);
        d.buildings.push(...repairSelfCrossings(buildingsFromGeoJson(input, ctx), src.file, opts));
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
  // 4. The clip, before anything is counted.
  if (clip) {
    const file = 'file' in clip ? clip.file : 'district.json';
    const wgs84 = projectorFor('EPSG:4326', frame);
    const fileCtx: ImportContext = { file, projector: projectorFor(manifest.crs, frame), opts };
    const local = localClip(clip, wgs84, clipDoc, fileCtx);
    const kept = clipLayers(d, local);
    if (d.buildings.length === 0 && d.roads.length === 0) {
      throw new TwinError(
        `the clip (${local.label}) holds none of the district's ${kept.buildings[1]} buildings and ${kept.roads[1]} roads`,
        { file, field: 'clip' },
        'give a clip that overlaps the data (inspect without the clip shows the extent in lon/lat)',
      );
    }
    const message = `clipped to ${local.label}: kept ${kept.buildings[0]} of ${kept.buildings[1]} buildings and ${kept.roads[0]} of ${kept.roads[1]} roads`;
    warnings.push({ message: `twin: ${message}`, where: { file, field: 'clip' } });
    d.clipBox = local.box;
  }
  if (d.stats.buildingPieces === 0) d.stats.buildingPieces = d.buildings.length;
  d.stats.heightsInferred = d.buildings.filter((b) => b.heightSource !== 'height').length;
  // 4. Cross-checks between layers.
  const fleetSrc = manifest.sources.find((s) => s.roles.includes('fleet'));
  if (fleetSrc) validateFleet(d.fleet, d.depots, fleetSrc.file);
  checkCatchmentLinks(d.catchments, d.pumpStations, manifest);
  const rulesFile = sources.find((p) => p.src.roles.includes('terrainRules'))?.src.file;
  const terrain = terrainOf(manifest, dem, rules, rulesFile);
  const { clipBox, ...layers } = d;
  const extent = extentOf(layers);
  return { ...layers, terrain, extent: clipBox ? clipExtent(extent, { box: clipBox, label: '' }) : extent };
}

function readClipFile(file: string, files: ReadonlyMap<string, Uint8Array>): unknown {
  const bytes = files.get(file);
  if (!bytes) throw new TwinError('clip file not found', { file, field: 'clip' }, 'fix "clip" in district.json');
  return parseJsonText(new TextDecoder('utf-8').decode(bytes), file);
}

function countPolygonFeatures(doc: unknown): number {
  const fs = (doc as { features?: { geometry?: { type?: string } }[] })?.features;
  return Array.isArray(fs) ? fs.filter((f) => /Polygon$/.test(f?.geometry?.type ?? '')).length : 0;
}

/** The centre of the buildings' and roads' lon/lat extent: OSM ways tagged building or highway, not every node. */
function findOrigin(manifest: DistrictManifest, sources: ParsedSource[]): LocalFrame {
  const box: LonLatBox = emptyBox();
  for (const { src, parsed: p } of sources) {
    const buildings = src.roles.includes('buildings');
    const roads = src.roles.includes('roads');
    if (!buildings && !roads) continue;
    if (p.kind === 'osm') extendByOsm(box, p.osm, { buildings, roads });
    else if (src.format === 'cityjson' && p.kind === 'json') {
      const [lon, lat] = cityJsonCentreLonLat(p.doc, src.file, src.crs);
      extend(box, lon, lat);
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

/**
 * Where the ground comes from: the DEM, else the rules file, else flat ground only when district.json declares it.
 * Nothing is assumed: a district with none of these is refused, naming the fields that would give it ground.
 */
function terrainOf(
  manifest: DistrictManifest,
  dem: LoadedDem | undefined,
  rules: unknown,
  rulesFile: string | undefined,
): DistrictTerrain {
  if (dem)
    return {
      source: dem.source,
      modelled: false,
      dem: dem.raster,
      provenance: `DEM ${dem.source} (${dem.crsName ?? dem.crs ?? 'CRS unknown'}${dem.crsDeclared ? ', declared in district.json' : ''})`,
      ...(dem.crs ? { demCrs: dem.crs } : {}),
    };
  if (rules !== undefined) return { source: 'modelled', modelled: true, rules, provenance: `modelled by ${rulesFile}` };
  const flat = manifest.terrain?.flat;
  if (flat)
    return {
      source: 'flat',
      modelled: true,
      flatElevationM: flat.elevationM,
      provenance: `flat at ${flat.elevationM} m, as declared in district.json`,
    };
  throw new TwinError(
    'the district has no ground: no DEM, no terrain rules and no declared flat ground',
    { file: 'district.json', field: 'terrain' },
    'add a source {"role": "terrain", "file": "<dem.tif|.asc|.hgt>"} or {"role": "terrainRules", "file": "terrain-rules.json"}, or declare "terrain": {"flat": {"elevationM": <metres>}} if flat ground is what you mean',
  );
}
