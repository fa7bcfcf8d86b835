// Buildings from GeoJSON: Tilezen vector-tile layers (kind/kind_detail/height) and plain OSM-style exports
// (building=*, height, building:levels). Tile-clipped pieces sharing an id are merged into one Building.
import { TwinError, skipReasons } from '../errors.ts';
import type { Building, PolygonXY } from '../types.ts';
import { inferBuildingHeight } from './building-height.ts';
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

/**
 * The building kind of a feature's properties, or undefined when the feature is not a building
 * (building=no, or a Tilezen kind such as 'address' or 'entrance').
 */
export function buildingKindOf(props: Record<string, unknown>): string | undefined {
  const osm = propString(props, 'building');
  if (osm) return osm === 'no' ? undefined : osm;
  const part = propString(props, 'building:part');
  if (part) return part === 'no' ? undefined : part === 'yes' ? 'building_part' : part;
  const tilezen = propString(props, 'kind');
  if (tilezen === 'building') return propString(props, 'kind_detail') ?? 'yes';
  if (tilezen === 'building_part') return propString(props, 'kind_detail') ?? 'building_part';
  return tilezen === undefined ? 'yes' : undefined;
}

interface Piece {
  f: IndexedFeature;
  kind: string;
  polygons: PolygonXY[];
}

/**
 * Reads buildings from a GeoJSON FeatureCollection (text or parsed object) into the local frame.
 * Polygon and MultiPolygon features are buildings; Point features (label and address points) and non-building
 * kinds are skipped and counted in one warning each. Pieces sharing `properties.id` become one Building whose
 * footprint lists every distinct piece. Strict mode throws TwinError on the first bad feature; lenient mode
 * skips it with a warning. Throws when the layer holds no building at all.
 */
export function buildingsFromGeoJson(input: string | unknown, ctx: ImportContext): Building[] {
  const features = readFeatures(input, ctx);
  // 1. Sort features into building pieces and skipped kinds.
  const pieces: Piece[] = [];
  let points = 0;
  let notBuildings = 0;
  let otherGeometry = 0;
  for (const f of features) {
    const type = f.feature.geometry?.type;
    if (type === 'Point' || type === 'MultiPoint') {
      points++;
      continue;
    }
    const kind = buildingKindOf(f.props);
    if (kind === undefined) {
      notBuildings++;
      continue;
    }
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      otherGeometry++;
      continue;
    }
    // 2. Validate and project each piece's rings.
    const polygons = guardFeature(ctx, () => projectAreaGeometry(f, ctx));
    if (polygons) pieces.push({ f, kind, polygons });
  }
  warnSkipped(ctx, points, 'Point features (label and address points, not footprints)');
  warnSkipped(ctx, notBuildings, 'features that are not buildings (building=no or another kind)');
  warnSkipped(ctx, otherGeometry, 'building features with a line or empty geometry');

  // 3. Merge pieces sharing an id; infer each building's height once.
  const buildings: Building[] = [];
  for (const group of groupInOrder(pieces, (p) => p.f.id ?? `#${p.f.index}`)) {
    const building = guardFeature(ctx, () => mergePieces(group, ctx));
    if (building) buildings.push(building);
  }
  if (buildings.length === 0) {
    throw new TwinError(
      `no buildings in ${ctx.file} (${features.length} features read, ${points} of them points)${skipReasons(ctx.opts, ctx.file)}`,
      { file: ctx.file },
      'give a layer of Polygon/MultiPolygon building footprints',
    );
  }
  return buildings;
}

function mergePieces(group: Piece[], ctx: ImportContext): Building {
  const withHeight = group.find((p) => p.f.props.height !== undefined && p.f.props.height !== null);
  const rep = withHeight ?? group[0];
  const heights = new Set(group.map((p) => String(p.f.props.height ?? '')).filter((h) => h !== ''));
  if (heights.size > 1) {
    const where = { file: ctx.file, feature: rep.f.label, field: 'height' };
    ctx.opts.warnings?.push({
      message: `twin: ${ctx.file}, feature ${rep.f.label}: pieces disagree on height (${[...heights].join(', ')}), used ${String(rep.f.props.height)}`,
      where,
    });
  }
  const p = rep.f.props;
  const height = inferBuildingHeight(
    {
      height: p.height,
      levels: p['building:levels'],
      roofLevels: p['roof:levels'],
      minHeight: p.min_height,
      minLevel: p['building:min_level'],
      kind: rep.kind,
    },
    { file: ctx.file, feature: rep.f.label },
  );
  const building: Building = {
    id: rep.f.id ?? String(rep.f.index),
    kind: rep.kind,
    ...height,
    footprint: uniquePolygons(group.map((piece) => piece.polygons)),
  };
  const name = group.map((piece) => namesOf(piece.f.props).name).find((n) => n !== undefined);
  if (name !== undefined) building.name = name;
  return building;
}
