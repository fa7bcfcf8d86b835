// Cases reported by people (12345 hotline calls, road patrols): a street under more than 15 cm of water is called in
// at a seeded random rate, so the caseload grows with the flooded streets and not only at fixed hotspots and sensors.
import { cellCentre } from '../../twin/grid/grid-spec.ts';
import type { EventBuffer } from './events.ts';
import { makeSite, type FleetWorld } from './fleet-setup.ts';

/** Exposure of a hotline case: an ordinary street (hotspots carry their own). */
export const HOTLINE_EXPOSURE = 1;

/** Segment ids of the virtual edges that join the road ends at the data's boundary to the city beyond. */
const VIRTUAL_SEGMENT = 'virtual:';

/**
 * Files the hotline reports of one control step of `dtS` seconds ending at `timeS`. Each street (a two-way street once,
 * at its lower edge index) whose deepest cell holds more than `hotlineReportDepthM` is reported with probability
 * 1 − exp(−rate·dtS/3600), drawn from the world's seeded generator in edge order (deterministic; tunnels and virtual
 * edges are left out: underpasses have their own monitors). A report stands at the centre of the street's deepest open
 * cell; it joins an active case within the merge radius, else opens a 'report' case (source id `hotline:<segment>`)
 * read at that cell like an alarm: it ranks by that water and, unlike an operator's report, clears itself if the water
 * drains below the target before a truck comes (the field says so; an operator's word is taken until someone looks).
 * Returns the number of cases opened. Needs the network updated for this step (edgeMaxDepthM) and no other state.
 */
export function fileHotlineReports(
  world: FleetWorld,
  depthM: ArrayLike<number>,
  timeS: number,
  dtS: number,
  events: EventBuffer,
): number {
  const rate = world.options.hotlineReportsPerEdgeHour;
  if (!(rate > 0 && dtS > 0)) return 0;
  const { net, grid, book } = world;
  const { csr } = net;
  const chance = 1 - Math.exp((-rate * dtS) / 3600);
  // As the alarms do: a float32 depth of 0.15 reads 0.15000000596, which is not above the level.
  const level = Math.fround(world.options.hotlineReportDepthM);
  let opened = 0;
  for (let e = 0; e < csr.edgeCount; e++) {
    if (!(net.edgeMaxDepthM[e] > level)) continue;
    const twin = csr.edgeTwin[e];
    if ((twin >= 0 && twin < e) || csr.edgeTunnel[e] === 1) continue;
    if (csr.edgeSegmentIds[e].startsWith(VIRTUAL_SEGMENT)) continue;
    if (world.rng.next() >= chance) continue;
    // 1. Where the caller stands: the deepest open land cell along the street.
    let cell = -1;
    let deepest = level;
    for (let k = csr.cellStart[e]; k < csr.cellStart[e + 1]; k++) {
      const c = csr.cells[k];
      if (grid.riverMask?.[c] || grid.buildingMask?.[c]) continue;
      if (depthM[c] > deepest) [cell, deepest] = [c, depthM[c]];
    }
    if (cell < 0) continue;
    const xy = cellCentre(grid, cell);
    // 2. Water already on an active case's books: the call joins it.
    if (book.nearestActive(xy)) continue;
    const segment = csr.edgeSegmentIds[e];
    const site = makeSite(world, xy, `hotline report on ${segment}`);
    if (typeof site === 'string') continue;
    // Read, like an alarm, at the cell the caller saw: it ranks by that water and clears itself once it drains.
    const c = book.open('report', `hotline:${segment}`, site, HOTLINE_EXPOSURE, deepest, timeS, events);
    c.readingCells.push(cell);
    opened++;
  }
  return opened;
}
