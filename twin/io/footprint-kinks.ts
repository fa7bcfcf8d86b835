// Self-crossing (bow-tie) building footprints, found with turf's kinks: lenient loading repairs them into the simple
// polygons they outline (turf's unkink-polygon) with a warning; strict loading refuses them, naming the building.
import { kinks } from '@turf/kinks';
import { unkinkPolygon } from '@turf/unkink-polygon';
import { TwinError, orLenient, type LoadOptions } from '../errors.ts';
import type { Building, PolygonXY, XY } from '../types.ts';

/**
 * Checks every footprint polygon of `buildings` for edges that cross or touch away from their shared corners.
 * @param file the source, for messages
 * @returns the buildings, crossed footprints replaced by their simple parts (lenient)
 * @throws TwinError (strict) naming the building, its footprint and the first crossing in local metres
 */
export function repairSelfCrossings(buildings: Building[], file: string, opts: LoadOptions): Building[] {
  return buildings.map((b) => {
    let repaired: PolygonXY[] | undefined;
    b.footprint.forEach((poly, k) => {
      const found = kinks({ type: 'Polygon', coordinates: poly }).features;
      if (found.length === 0) {
        repaired?.push(poly);
        return;
      }
      const [x, y] = found[0].geometry.coordinates as XY;
      const where = { file, feature: b.name ? `${b.id} (${JSON.stringify(b.name)})` : b.id, field: `footprint[${k}]` };
      const what = `the footprint crosses itself at ${found.length} point${found.length === 1 ? '' : 's'}, first near (${x.toFixed(1)}, ${y.toFixed(1)}) m in the local frame`;
      if (!opts.lenient) {
        throw new TwinError(
          what,
          where,
          orLenient('redraw the outline so its edges do not cross', 'split it into the simple polygons it outlines'),
        );
      }
      const parts = unkinkPolygon({ type: 'Polygon', coordinates: poly }).features.map(
        (f) => f.geometry.coordinates as PolygonXY,
      );
      repaired ??= b.footprint.slice(0, k);
      repaired.push(...parts);
      opts.warnings?.push({
        message: `twin: ${file}, feature ${where.feature}, field "${where.field}": ${what} (repaired into ${parts.length} simple polygons)`,
        where,
        what,
      });
    });
    return repaired ? { ...b, footprint: repaired } : b;
  });
}
