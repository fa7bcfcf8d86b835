// Hotline (12345) and patrol reports: flooded streets open 'report' cases at a seeded rate, join active cases nearby,
// and leave tunnels and the virtual boundary edges alone.
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre } from '../../../twin/grid/grid-spec.ts';
import { FleetController, type FleetInput, type FleetOptions } from '../../../simulation/fleet/index.ts';
import { makeRoadGraph } from '../../helpers/road-graph-fixtures.ts';
import { GRID, dryField, eventsOf, floodDisc, floodStreet, hotspot, lineInput } from './fleet-fixtures.ts';

/** Steps at 0, 60, … up to `untilS` on a fixed depth field; stops early once `stop` says so. */
function run(
  input: FleetInput,
  options: FleetOptions,
  depth: Float32Array,
  untilS: number,
  stop?: (fc: FleetController) => boolean,
): FleetController {
  const fc = new FleetController(input, { policy: 'manual', ...options });
  for (let t = 0; t <= untilS; t += 60) {
    fc.step(depth, t);
    if (stop?.(fc)) break;
  }
  return fc;
}

/** The street n1–n2 (100–200 m along y = 0) under 0.3 m, 0.5 m in the cell at x = 150. */
function floodedStreet(): Float32Array {
  const depth = dryField();
  floodStreet(depth, 110, 190, 0, 0.3);
  depth[cellAt(GRID, 150, 0)] = 0.5;
  return depth;
}

const CERTAIN = { hotlineReportsPerEdgeHour: 1e9 };

describe('hotline reports', () => {
  it('are on by default at 1 per flooded street per hour, and refuse a negative rate', () => {
    expect(new FleetController(lineInput()).world.options.hotlineReportsPerEdgeHour).toBe(1);
    expect(() => new FleetController(lineInput(), { hotlineReportsPerEdgeHour: -1 })).toThrow(/hotline report rate/);
  });

  it('open a report case at the deepest cell of a flooded street that no sensor or hotspot watches', () => {
    const fc = run(lineInput({ hotspots: [] }), CERTAIN, floodedStreet(), 600);
    // None at the first step (no time has passed), one at the next; later calls join it.
    expect(fc.cases.map((c) => [c.source, c.sourceId, c.openedS])).toEqual([['report', 'hotline:n1-n2', 60]]);
    expect(fc.cases[0].site.xy).toEqual(cellCentre(GRID, cellAt(GRID, 150, 0)));
    // Read at the caller's cell: the 0.5 m ranks it; and it clears itself once that water is gone, truck or not.
    expect(fc.cases[0].depthM).toBeCloseTo(0.5, 6);
    // (The reading refreshes after clearing in a step, so it clears a step after the water went, as alarms do.)
    fc.step(dryField(), 660);
    fc.step(dryField(), 720);
    expect(eventsOf(fc, 'case.cleared').map((e) => [e.caseId, e.timeS, e.truckId])).toEqual([['C001', 720, '']]);
    expect(run(lineInput({ hotspots: [] }), { hotlineReportsPerEdgeHour: 0 }, floodedStreet(), 600).cases).toEqual([]);
  });

  it('join an active alarm case within the merge radius instead of opening another', () => {
    const depth = floodedStreet();
    floodDisc(depth, [150, 40], 20, 0.3);
    const fc = run(lineInput({ hotspots: [hotspot('H1', [150, 40])] }), CERTAIN, depth, 600);
    expect(fc.cases.map((c) => [c.source, c.sourceId])).toEqual([['hotspot', 'H1']]);
  });

  it('leave tunnels and the virtual edges at the boundary to their own monitors', () => {
    const graph = makeRoadGraph(
      { A: [0, 0], B: [200, 0], C: [400, 0], D: [400, -200] },
      [
        { from: 'A', to: 'B', tunnel: true },
        { from: 'B', to: 'C', segmentId: 'virtual:east:0' },
        { from: 'C', to: 'D' },
      ],
      GRID,
    );
    const depth = dryField();
    floodStreet(depth, 10, 390, 0, 0.3);
    const quiet = run(lineInput({ graph, hotspots: [] }), CERTAIN, depth, 300);
    expect(quiet.cases).toEqual([]);
    for (let y = -190; y <= -10; y += 5) depth[cellAt(GRID, 400, y)] = 0.3;
    const loud = run(lineInput({ graph, hotspots: [] }), CERTAIN, depth, 300);
    expect(loud.cases.map((c) => c.sourceId)).toEqual(['hotline:C-D']);
  });

  it('come after about an hour on average at the default rate, the same for the same seed', () => {
    const firstCallS = (seed: number): number => {
      const fc = run(lineInput({ hotspots: [] }), { seed }, floodedStreet(), 12 * 3600, (c) => c.cases.length > 0);
      return fc.cases[0]?.openedS ?? Infinity;
    };
    const times = Array.from({ length: 200 }, (_, seed) => firstCallS(seed));
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    // Exponential waits of mean 3600 s on a 60 s clock (rounded up a step): σ of the mean of 200 is about 255 s.
    expect(mean).toBeGreaterThan(3600 - 3 * 255);
    expect(mean).toBeLessThan(3600 + 30 + 3 * 255);
    expect(firstCallS(7)).toBe(times[7]);
    const again = run(lineInput({ hotspots: [] }), { seed: 7 }, floodedStreet(), 7200);
    const once = run(lineInput({ hotspots: [] }), { seed: 7 }, floodedStreet(), 7200);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(once.events));
    expect(eventsOf(again, 'case.opened').every((e) => e.source === 'report')).toBe(true);
  });
});
