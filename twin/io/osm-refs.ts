// Referential integrity of parsed OSM data, shared by the XML and PBF readers: a way whose nodes are not in the
// file cannot be drawn, so strict loading refuses it and lenient loading keeps the part it can draw.
import { orLenient, reportBadFeature, type LoadOptions } from '../errors.ts';
import type { OsmData, OsmWay } from './osm-types.ts';

/** Where each way started in its file (line for XML, block index for PBF), for error messages. */
export type WayLines = Map<OsmWay, number>;

/** The longest run of consecutive node ids that are present in `nodes`. */
function longestPresentRun(nodeIds: number[], present: (id: number) => boolean): number[] {
  let bestStart = 0;
  let bestLen = 0;
  let start = 0;
  for (let i = 0; i <= nodeIds.length; i++) {
    if (i === nodeIds.length || !present(nodeIds[i])) {
      if (i - start > bestLen) {
        bestStart = start;
        bestLen = i - start;
      }
      start = i + 1;
    }
  }
  return nodeIds.slice(bestStart, bestStart + bestLen);
}

/**
 * Checks that every way references only nodes present in the file. Strict: throws a TwinError naming the way, the
 * missing node and (XML) the line. Lenient: warns and keeps the way's longest run of present nodes, dropping the
 * way when fewer than two remain. Mutates `data.ways` in lenient mode only.
 * @param wayLines optional line (XML) or block index (PBF, with `lineIsBlock`) where each way was read
 */
export function checkWayRefs(
  data: OsmData,
  file: string,
  opts: LoadOptions,
  wayLines?: WayLines,
  lineIsBlock = false,
): void {
  const present = (id: number) => data.nodes.has(id);
  const kept: OsmWay[] = [];
  let changed = false;
  for (const way of data.ways) {
    const missing = way.nodeIds.find((id) => !present(id));
    if (missing === undefined) {
      kept.push(way);
      continue;
    }
    const at = wayLines?.get(way);
    const count = way.nodeIds.filter((id) => !present(id)).length;
    reportBadFeature(
      opts,
      `references node ${missing}${count > 1 ? ` and ${count - 1} more` : ''} that ${count > 1 ? 'are' : 'is'} not in the file${
        lineIsBlock && at !== undefined ? ` (block ${at})` : ''
      }`,
      { file, line: lineIsBlock ? undefined : at, feature: `way ${way.id}`, field: 'nd' },
      orLenient('export with complete ways (e.g. `osmium extract --strategy complete_ways`)', 'keep the drawable part'),
    );
    changed = true;
    const run = longestPresentRun(way.nodeIds, present);
    if (run.length >= 2) kept.push({ ...way, nodeIds: run });
  }
  if (changed) data.ways = kept;
}
