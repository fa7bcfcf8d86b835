// Regression: hotspot H26 ("低洼点 C06") sits on a river cell at 10 m, and its alarm read the river's depth as street
// water — a 4.76 m case at minute 1 on a street that never passed 1 mm. Alarms now read the nearest open land cell.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, ScenarioRun } from '../../../simulation/scenario/index.ts';
import { cellAt } from '../../../twin/grid/grid-spec.ts';
import { buildTwin, type Twin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';

let twin: Twin;

beforeAll(async () => {
  twin = buildTwin(await loadDistrict(join(import.meta.dirname, '../../../datasets/shanghai-bund')), { cellM: 10 });
});

describe('alarms read water on open land', () => {
  it('H26 stands on a river cell, yet opens no case at the start of a storm', () => {
    const h = twin.district.hotspots.find((x) => x.id === 'H26')!;
    expect(twin.grid.riverMask[cellAt(twin.grid, h.xy[0], h.xy[1])]).toBe(1);
    const run = ScenarioRun.start(
      twin,
      parseScenario({
        name: '5-year storm',
        durationS: 600,
        rain: { kind: 'preset', name: 'chicago-5y-3h' },
        river: 'springTide',
      }),
    );
    run.stepTo(300);
    expect(run.eventsSince(0).filter((e) => e.type === 'case.opened')).toEqual([]);
    // Every alarm source reads an open land cell.
    for (const s of run.parts.fleet.world.book.sources) {
      expect(twin.grid.riverMask[s.cell], s.id).toBe(0);
      expect(twin.grid.buildingMask[s.cell], s.id).toBe(0);
    }
    run.close();
  });
});
