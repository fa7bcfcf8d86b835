// Points of interest (metro entrances, hospitals…) from a GeoJSON layer, for placing hotspots.
import { projectPosition, readFeatures } from '../io/geojson-common.ts';
import type { ImportContext } from '../io/import-context.ts';
import type { MapPoi } from './place-points.ts';

/** Point features with a `kind` (Tilezen pois layer or OSM-style `amenity`/`railway`), in local metres. */
export function poisFromGeoJson(input: string | unknown, ctx: ImportContext): MapPoi[] {
  const out: MapPoi[] = [];
  for (const f of readFeatures(input, ctx)) {
    if (f.feature.geometry?.type !== 'Point') continue;
    const kind =
      f.props.kind ?? f.props.amenity ?? (f.props.railway === 'subway_entrance' ? 'subway_entrance' : undefined);
    if (typeof kind !== 'string') continue;
    const poi: MapPoi = {
      id: f.id ?? String(f.index),
      kind,
      xy: projectPosition(f.feature.geometry.coordinates, ctx, f.label, 'geometry'),
    };
    if (typeof f.props.name === 'string') poi.name = f.props.name;
    if (typeof f.props['name:en'] === 'string') poi.nameEn = f.props['name:en'] as string;
    out.push(poi);
  }
  return out;
}
