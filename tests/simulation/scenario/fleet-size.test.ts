// fleet.size: which trucks a smaller fleet keeps (in turn from each depot), and that a run uses exactly those.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fleetOfSize, parseScenario, placeScenario, ScenarioRun } from '../../../simulation/scenario/index.ts';
import { buildTwin, type Twin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';

const fleet = [
  { id: 'A1', depotId: 'A' },
  { id: 'A2', depotId: 'A' },
  { id: 'A3', depotId: 'A' },
  { id: 'B1', depotId: 'B' },
  { id: 'C1', depotId: 'C' },
  { id: 'C2', depotId: 'C' },
];
const ids = (n: number | undefined) => fleetOfSize(fleet, n).map((t) => t.id);

describe('fleetOfSize', () => {
  it('takes one truck from each depot in turn, keeping the list order', () => {
    expect(ids(0)).toEqual([]);
    expect(ids(2)).toEqual(['A1', 'B1']);
    expect(ids(3)).toEqual(['A1', 'B1', 'C1']);
    expect(ids(4)).toEqual(['A1', 'A2', 'B1', 'C1']);
    expect(ids(5)).toEqual(['A1', 'A2', 'B1', 'C1', 'C2']);
    expect(ids(6)).toEqual(fleet.map((t) => t.id));
    expect(ids(undefined)).toEqual(fleet.map((t) => t.id));
  });

  it('grows by adding trucks, never swapping them', () => {
    for (let n = 1; n <= fleet.length; n++) expect(ids(n).filter((id) => !ids(n - 1).includes(id))).toHaveLength(1);
  });

  it('refuses more trucks than the district has, naming /fleet/size', () => {
    expect(() => fleetOfSize(fleet, 7)).toThrow(/field "\/fleet\/size": a fleet of 7 trucks, but the district has 6/);
  });
});

describe('a run with fleet.size on the Bund', () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = buildTwin(await loadDistrict(join(import.meta.dirname, '../../../datasets/shanghai-bund')), { cellM: 40 });
  });
  const base = { durationS: 1800, rain: { kind: 'preset', name: 'chicago-50y-3h' } };

  it('validates size in the schema', () => {
    expect(() => parseScenario({ ...base, fleet: { size: -1 } })).toThrow(/field "\/fleet\/size"/);
    expect(() => parseScenario({ ...base, fleet: { size: 2.5 } })).toThrow(/field "\/fleet\/size"/);
    expect(parseScenario({ ...base, fleet: { size: 3 } }).fleet.size).toBe(3);
    expect('size' in parseScenario(base).fleet).toBe(false);
  });

  it('runs only the chosen trucks, and refuses a fleet larger than the district’s', () => {
    const want = fleetOfSize(twin.district.fleet, 3).map((t) => t.id);
    const run = ScenarioRun.start(twin, parseScenario({ ...base, fleet: { size: 3 } }));
    try {
      run.stepTo(600);
      expect(run.view().trucks.map((t) => t.id)).toEqual(want);
    } finally {
      run.close();
    }
    const none = ScenarioRun.start(twin, parseScenario({ ...base, fleet: { size: 0 } }));
    try {
      none.stepTo(1800);
      expect(none.view().trucks).toEqual([]);
    } finally {
      none.close();
    }
    expect(() => ScenarioRun.start(twin, parseScenario({ ...base, fleet: { size: 99 } }))).toThrow(
      /\/fleet\/size": a fleet of 99 trucks, but the district has 8/,
    );
  });
});

describe('fleet.depots', () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = buildTwin(await loadDistrict(join(import.meta.dirname, '../../../datasets/shanghai-bund')), { cellM: 40 });
  });
  const base = { durationS: 1800, rain: { kind: 'preset', name: 'chicago-50y-3h' } };

  it('keeps only the chosen depots’ trucks, then takes size of them in turn', () => {
    expect(fleetOfSize(fleet, undefined, ['C', 'A']).map((t) => t.id)).toEqual(['A1', 'A2', 'A3', 'C1', 'C2']);
    expect(fleetOfSize(fleet, 3, ['C', 'A']).map((t) => t.id)).toEqual(['A1', 'A2', 'C1']);
    expect(() => fleetOfSize(fleet, 2, ['B'])).toThrow(/\/fleet\/size": a fleet of 2 trucks, but depots B have 1/);
  });

  it('is checked by the schema, and against the district when placed', () => {
    expect(() => parseScenario({ ...base, fleet: { depots: [] } })).toThrow(/field "\/fleet\/depots"/);
    expect(() => parseScenario({ ...base, fleet: { depots: ['D1', 'D1'] } })).toThrow(/field "\/fleet\/depots"/);
    const depots = twin.district.depots.map((d) => d.id);
    expect(() =>
      placeScenario(parseScenario({ ...base, fleet: { depots: [depots[0], 'NOPE'] } }), twin.district),
    ).toThrow(
      new RegExp(`field "/fleet/depots/1": depot "NOPE" is not in the district. Fix: use one of ${depots.join(', ')}`),
    );
    // Placing also checks the size against the district's fleet, before any run starts.
    expect(() => placeScenario(parseScenario({ ...base, fleet: { size: 99 } }), twin.district)).toThrow(
      /\/fleet\/size": a fleet of 99 trucks, but the district has 8/,
    );
  });

  it('runs only the trucks of the chosen depot', () => {
    const depot = twin.district.depots[1].id;
    const want = twin.district.fleet.filter((t) => t.depotId === depot).map((t) => t.id);
    expect(want.length).toBeGreaterThan(0);
    const run = ScenarioRun.start(twin, parseScenario({ ...base, fleet: { depots: [depot] } }));
    try {
      run.stepTo(300);
      expect(run.view().trucks.map((t) => t.id)).toEqual(want);
    } finally {
      run.close();
    }
  });
});
