// Roads from parsed OSM data (XML or PBF): every way with highway=* that is a line, not an area.
import { TwinError, orLenient, reportBadFeature, skipReasons } from '../errors.ts';
import type { RoadSegment } from '../types.ts';
import type { ImportContext } from './import-context.ts';
import type { OsmData } from './osm-types.ts';
import { projectLine, segmentFromOsmTags } from './roads-common.ts';

/**
 * One RoadSegment per OSM way with a `highway` tag (id = the way id). Closed ways tagged area=yes (pedestrian
 * squares and the like) are areas, not roads, and are left out. Node coordinates are WGS84; `ctx.projector` must be
 * the EPSG:4326 projector of the district.
 */
export function roadsFromOsm(osm: OsmData, ctx: ImportContext): RoadSegment[] {
  const out: RoadSegment[] = [];
  let tagged = 0;
  for (const way of osm.ways) {
    const highway = way.tags.highway;
    if (!highway || way.tags.area === 'yes') continue;
    tagged++;
    const where = { file: ctx.file, feature: `way ${way.id}` };
    const positions: [number, number][] = [];
    let missing: number | undefined;
    for (const id of way.nodeIds) {
      const node = osm.nodes.get(id);
      if (!node) {
        missing = id;
        break;
      }
      positions.push([node.lon, node.lat]);
    }
    if (missing !== undefined) {
      reportBadFeature(
        ctx.opts,
        `references node ${missing} that is not in the data`,
        { ...where, field: 'nd' },
        orLenient('export with complete ways', 'skip the way'),
      );
      continue;
    }
    const coords = projectLine(positions, ctx, { ...where, field: 'nd' });
    if (coords) out.push(segmentFromOsmTags(String(way.id), highway, way.tags, coords, ctx, where));
  }
  if (out.length === 0) {
    // After lenient skipping, "no highway ways" would be false: say what was skipped instead.
    const skipped = skipReasons(ctx.opts, ctx.file);
    const what =
      tagged > 0
        ? `none of its ${tagged} ways tagged highway=* could be read${skipped}`
        : skipped
          ? `no way tagged highway=* is left${skipped}`
          : 'contains no ways tagged highway=*';
    throw new TwinError(
      what,
      { file: ctx.file },
      skipped
        ? 'fix the skipped ways (see above), or export them complete'
        : 'give an OSM extract that includes the road network',
    );
  }
  return out;
}
