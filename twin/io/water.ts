// Water bodies from GeoJSON (Tilezen water layer or OSM-style tags) and from OSM elements, with a kind the grid
// and the scenes can use: river, canal, dock, lake, pond or plain water. Named rivers are recognised by name.
import { TwinError, skipReasons } from '../errors.ts';
import type { WaterBody, WaterKind } from '../types.ts';
import {
  groupInOrder,
  guardFeature,
  namesOf,
  projectAreaGeometry,
  propString,
  readFeatures,
  uniquePolygons,
  warnSkipped,
  type IndexedFeature,
} from './geojson-common.ts';
import type { ImportContext } from './import-context.ts';
import { osmAreas } from './osm-areas.ts';
import type { OsmData } from './osm-types.ts';

/** Source kinds (Tilezen kind, OSM water=/waterway=/landuse= value) → WaterKind. */
const KIND_MAP: Readonly<Record<string, WaterKind>> = {
  river: 'river',
  riverbank: 'river',
  stream: 'river',
  canal: 'canal',
  ditch: 'canal',
  drain: 'canal',
  moat: 'canal',
  dock: 'dock',
  harbour: 'dock',
  lake: 'lake',
  reservoir: 'lake',
  lagoon: 'lake',
  oxbow: 'lake',
  pond: 'pond',
  basin: 'pond',
  wastewater: 'pond',
  water: 'water',
  ocean: 'water',
  sea: 'water',
  bay: 'water',
  strait: 'water',
};

/** Kinds that are water but not a water body the flood model should treat as river or lake. */
const NOT_WATER_BODIES = new Set(['swimming_pool', 'fountain', 'reflecting_pool']);

/** Refines plain 'water' by name: 江/河/River → river; 港/浜/渠/Creek/Canal (Shanghai's creeks) → canal. */
function kindFromName(name: string | undefined, nameEn: string | undefined): WaterKind | undefined {
  const text = `${name ?? ''} ${nameEn ?? ''}`;
  if (/[江河]|river/i.test(text)) return 'river';
  if (/[港浜渠]|creek|canal/i.test(text)) return 'canal';
  return undefined;
}

/**
 * The WaterKind of a source kind and names, or undefined for kinds that are not water bodies (swimming pools,
 * fountains). Unknown kinds count as plain 'water'.
 */
export function waterKindOf(sourceKind: string | undefined, name?: string, nameEn?: string): WaterKind | undefined {
  const k = (sourceKind ?? 'water').trim().toLowerCase();
  if (NOT_WATER_BODIES.has(k)) return undefined;
  const mapped = KIND_MAP[k] ?? 'water';
  return mapped === 'water' ? (kindFromName(name, nameEn) ?? 'water') : mapped;
}

/** The source kind of GeoJSON properties: Tilezen kind, else OSM water / waterway / landuse / natural. */
function sourceKindOf(props: Record<string, unknown>): string | undefined {
  return (
    propString(props, 'kind') ??
    propString(props, 'water') ??
    propString(props, 'waterway') ??
    propString(props, 'landuse') ??
    propString(props, 'natural')
  );
}

/**
 * Reads water bodies from GeoJSON into the local frame. Polygon pieces sharing an id are merged; LineStrings
 * (coastline and boundary lines, river centre lines) and Points are skipped and counted, as are swimming pools and
 * fountains. Throws when the layer holds no water body.
 */
export function waterFromGeoJson(input: string | unknown, ctx: ImportContext): WaterBody[] {
  const features = readFeatures(input, ctx);
  const pieces: { f: IndexedFeature; polygons: WaterBody['polygons'] }[] = [];
  let lines = 0;
  let points = 0;
  let notBodies = 0;
  for (const f of features) {
    const type = f.feature.geometry?.type ?? '';
    if (type.endsWith('LineString')) lines++;
    else if (type.endsWith('Point')) points++;
    else if (waterKindOf(sourceKindOf(f.props)) === undefined) notBodies++;
    else {
      const polygons = guardFeature(ctx, () => projectAreaGeometry(f, ctx));
      if (polygons) pieces.push({ f, polygons });
    }
  }
  warnSkipped(ctx, lines, 'line features (coastline and boundary lines, river centre lines)');
  warnSkipped(ctx, points, 'point features (labels, fountains)');
  warnSkipped(ctx, notBodies, 'swimming pools and fountains');
  const bodies = groupInOrder(pieces, (p) => p.f.id ?? `#${p.f.index}`).map((group) => {
    const names = group.map((p) => namesOf(p.f.props)).find((n) => n.name !== undefined) ?? {};
    const kinds = group.map((p) => waterKindOf(sourceKindOf(p.f.props), names.name, names.nameEn)!);
    const body: WaterBody = {
      id: group[0].f.id ?? String(group[0].f.index),
      kind: kinds.find((k) => k !== 'water') ?? 'water',
      polygons: uniquePolygons(group.map((p) => p.polygons)),
    };
    return Object.assign(body, names);
  });
  if (bodies.length === 0) {
    throw new TwinError(
      `no water bodies in ${ctx.file} (${features.length} features read, ${lines} of them lines)${skipReasons(ctx.opts, ctx.file)}`,
      { file: ctx.file },
      'give Polygon/MultiPolygon water areas, or leave the water layer out of district.json',
    );
  }
  return bodies;
}

/** Do these OSM tags describe a water area (natural=water, waterway=riverbank/dock, landuse=reservoir/basin)? */
export function isOsmWaterArea(tags: Record<string, string>): boolean {
  if (tags.building) return false;
  if (tags.natural === 'water') return waterKindOf(tags.water) !== undefined;
  if (tags.waterway === 'riverbank' || tags.waterway === 'dock') return true;
  if (tags.waterway && tags.area === 'yes') return true;
  return tags.landuse === 'reservoir' || tags.landuse === 'basin';
}

/** Reads the water areas of an OSM file (closed ways and multipolygons); an empty result is not an error. */
export function waterFromOsm(osm: OsmData, ctx: ImportContext): WaterBody[] {
  return osmAreas(osm, ctx, isOsmWaterArea).map((area) => {
    const t = area.tags;
    const name = t.name ?? t['name:zh'];
    const nameEn = t['name:en'];
    const source = t.water ?? (t.waterway === 'riverbank' ? 'river' : t.waterway) ?? t.landuse;
    const body: WaterBody = { id: area.id, kind: waterKindOf(source, name, nameEn)!, polygons: area.polygons };
    if (name) body.name = name;
    if (nameEn) body.nameEn = nameEn;
    return body;
  });
}
