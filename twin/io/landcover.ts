// Land cover polygons (parks, grass, paved squares, piers…) from GeoJSON (Tilezen landuse layer or OSM-style tags)
// and from OSM elements: the grid reads their kind for Manning's n and infiltration.
import { TwinError, skipReasons } from '../errors.ts';
import type { LandCover } from '../types.ts';
import {
  groupInOrder,
  guardFeature,
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

/** The land-cover kind of GeoJSON properties: Tilezen kind, else OSM landuse / leisure / natural / amenity. */
export function landCoverKindOf(props: Record<string, unknown>): string | undefined {
  return (
    propString(props, 'kind') ??
    propString(props, 'landuse') ??
    propString(props, 'leisure') ??
    propString(props, 'natural') ??
    propString(props, 'amenity')
  );
}

/**
 * Reads land-cover polygons from GeoJSON into the local frame. Pieces sharing an id are merged; lines (walls,
 * fences, tree rows) and points (labels) are skipped and counted. A polygon without a kind is a bad feature.
 * Throws when the layer holds no polygon.
 */
export function landCoverFromGeoJson(input: string | unknown, ctx: ImportContext): LandCover[] {
  const features = readFeatures(input, ctx);
  const pieces: { f: IndexedFeature; kind: string; polygons: LandCover['polygons'] }[] = [];
  let lines = 0;
  let points = 0;
  for (const f of features) {
    const type = f.feature.geometry?.type ?? '';
    if (type.endsWith('LineString')) lines++;
    else if (type.endsWith('Point')) points++;
    else {
      const piece = guardFeature(ctx, () => {
        const kind = landCoverKindOf(f.props);
        if (kind === undefined) {
          throw new TwinError(
            'has no land-cover kind',
            { file: ctx.file, feature: f.label, field: 'kind' },
            'give "kind" (Tilezen) or an OSM landuse/leisure/natural tag',
          );
        }
        const polygons = projectAreaGeometry(f, ctx);
        if (!polygons) {
          throw new TwinError(`geometry ${f.feature.geometry?.type ?? 'null'} is not an area`, {
            file: ctx.file,
            feature: f.label,
            field: 'geometry',
          });
        }
        return { f, kind, polygons };
      });
      if (piece) pieces.push(piece);
    }
  }
  warnSkipped(ctx, lines, 'line features (walls, fences, tree rows)');
  warnSkipped(ctx, points, 'point features (labels)');
  const covers = groupInOrder(pieces, (p) => p.f.id ?? `#${p.f.index}`).map((group): LandCover => ({
    id: group[0].f.id ?? String(group[0].f.index),
    kind: group[0].kind,
    polygons: uniquePolygons(group.map((p) => p.polygons)),
  }));
  if (covers.length === 0) {
    throw new TwinError(
      `no land-cover polygons in ${ctx.file} (${features.length} features read)${skipReasons(ctx.opts, ctx.file)}`,
      { file: ctx.file },
      'give Polygon/MultiPolygon features with a kind, or leave the land-cover layer out of district.json',
    );
  }
  return covers;
}

/** leisure=* values that are areas on the ground. */
const LEISURE_AREAS = new Set([
  'park',
  'garden',
  'pitch',
  'playground',
  'golf_course',
  'common',
  'nature_reserve',
  'recreation_ground',
  'dog_park',
  'sports_centre',
  'stadium',
]);
/** natural=* values that are land surfaces (water is read by the water importer). */
const NATURAL_AREAS = new Set([
  'grass',
  'grassland',
  'wood',
  'scrub',
  'heath',
  'sand',
  'beach',
  'wetland',
  'bare_rock',
  'scree',
  'shingle',
  'mud',
]);

/** The land-cover kind of OSM tags, or undefined when they describe no land cover (or a building or water). */
export function osmLandCoverKind(tags: Record<string, string>): string | undefined {
  if (tags.building) return undefined;
  if (tags.landuse && tags.landuse !== 'reservoir' && tags.landuse !== 'basin') return tags.landuse;
  if (tags.leisure && LEISURE_AREAS.has(tags.leisure)) return tags.leisure;
  if (tags.natural && NATURAL_AREAS.has(tags.natural)) return tags.natural;
  if (tags.amenity === 'parking' && tags.parking !== 'underground') return 'parking';
  if (tags.highway === 'pedestrian' && tags.area === 'yes') return 'pedestrian';
  if (tags.man_made === 'pier' && tags.area === 'yes') return 'pier';
  return undefined;
}

/** Reads the land-cover areas of an OSM file (closed ways and multipolygons); an empty result is not an error. */
export function landCoverFromOsm(osm: OsmData, ctx: ImportContext): LandCover[] {
  return osmAreas(osm, ctx, (tags) => osmLandCoverKind(tags) !== undefined).map((area) => ({
    id: area.id,
    kind: osmLandCoverKind(area.tags)!,
    polygons: area.polygons,
  }));
}
