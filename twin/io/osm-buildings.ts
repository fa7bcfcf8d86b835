// Buildings from OSM elements (as parsed from OSM XML or PBF): closed ways and multipolygon relations with
// building=* (or building:part=*), heights from height / building:levels / the default by kind.
import { TwinError, skipReasons } from '../errors.ts';
import type { Building } from '../types.ts';
import { inferBuildingHeight } from './building-height.ts';
import { guardFeature } from './geojson-common.ts';
import type { ImportContext } from './import-context.ts';
import { osmAreas } from './osm-areas.ts';
import type { OsmData } from './osm-types.ts';

/** The building kind of OSM tags, or undefined when they do not describe a building. */
export function osmBuildingKind(tags: Record<string, string>): string | undefined {
  const b = tags.building?.trim();
  if (b && b !== 'no') return b;
  const part = tags['building:part']?.trim();
  if (part && part !== 'no') return part === 'yes' ? 'building_part' : part;
  return undefined;
}

/**
 * Reads the buildings of an OSM file into the local frame. Ids are 'way/<id>' or 'relation/<id>'.
 * Strict mode throws TwinError on the first bad element (unclosed way, missing node, ring that does not close,
 * unreadable height); lenient mode skips it with a warning. Throws when the file holds no building.
 */
export function buildingsFromOsm(osm: OsmData, ctx: ImportContext): Building[] {
  const areas = osmAreas(osm, ctx, (tags) => osmBuildingKind(tags) !== undefined);
  const buildings: Building[] = [];
  for (const area of areas) {
    const building = guardFeature(ctx, () => {
      const t = area.tags;
      const kind = osmBuildingKind(t)!;
      const height = inferBuildingHeight(
        {
          height: t.height,
          levels: t['building:levels'],
          roofLevels: t['roof:levels'],
          minHeight: t.min_height,
          minLevel: t['building:min_level'],
          kind,
        },
        { file: ctx.file, feature: area.id },
      );
      const b: Building = { id: area.id, kind, ...height, footprint: area.polygons };
      const name = t.name ?? t['name:zh'] ?? t['name:en'];
      if (name) b.name = name;
      return b;
    });
    if (building) buildings.push(building);
  }
  if (buildings.length === 0) {
    throw new TwinError(
      `no buildings in ${ctx.file} (${osm.ways.length} ways, ${osm.relations.length} relations read)${skipReasons(ctx.opts, ctx.file)}`,
      { file: ctx.file },
      'the file needs closed ways or multipolygons tagged building=*',
    );
  }
  return buildings;
}
