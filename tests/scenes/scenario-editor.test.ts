// The scenario editor's pure parts: the form as a scenario the shared parser takes, every parser error mapped back to
// the field that wrote its JSON path (the server's placement errors too), the district plan and its nearest road.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, placeScenario } from '../../simulation/scenario/index.ts';
import { districtLayer } from '../../twin/district/index.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import type { District } from '../../twin/district/index.ts';
import { buildTwin } from '../../twin/district/build-twin.ts';
import { roadEdgeLines } from '../../twin/road-graph/index.ts';
import { checkForm, serverProblem } from '../../scenes/src/editor/form-check.ts';
import { districtPlan, nearestRoad, type DistrictPlan } from '../../scenes/src/editor/plan-map.ts';
import { defaultForm, fieldOfPath, formToScenario, type ScenarioForm } from '../../scenes/src/editor/scenario-form.ts';

const problemOf = (f: ScenarioForm) => {
  const c = checkForm(f);
  if (c.ok) throw new Error('expected a problem');
  return c.problem;
};

describe('the editor form', () => {
  it('stands for a scenario in the schema’s units that the shared parser accepts', () => {
    const f = defaultForm('springTide');
    f.incidents = [
      { kind: 'pumpFailure', atMin: 60, stationId: 'P01' },
      { kind: 'roadClosed', atMin: 90, segmentId: 'w123', roadName: '中山东一路' },
      { kind: 'waterReport', atMin: 100, xy: [10, -20] },
    ];
    f.fleet = { size: 4, depots: ['D2'], prePosition: true, policy: 'manual' };
    const c = checkForm(f);
    expect(c.ok).toBe(true);
    expect(c.scenario).toEqual({
      schema: 'rivertwin.scenario/1',
      name: 'my-scenario',
      durationS: 10_800,
      cellM: 10,
      rain: { kind: 'chicago', returnPeriodYears: 5, durationMin: 180 },
      river: 'springTide',
      fleet: { policy: 'manual', prePosition: true, size: 4, depots: ['D2'] },
      pumpFailures: [{ id: 'P01', atS: 3600 }],
      commands: [
        { atS: 5400, kind: 'closeRoad', ref: 'w123', reason: 'fallenTree' },
        { atS: 6000, kind: 'report', xy: [10, -20] },
      ],
      seed: 1,
    });
    expect(c.ok && c.spec.fleet).toEqual({ policy: 'manual', setupS: 600, prePosition: true, size: 4, depots: ['D2'] });
  });

  it('writes a typhoon track and an own tide with storm surge', () => {
    const f = defaultForm();
    f.storm = 'typhoon';
    f.typhoon.track = [
      { atMin: 0, xy: [-30_000, -20_000] },
      { atMin: 120, xy: [5_000, 10_000] },
    ];
    f.river.mode = 'tide';
    const { scenario } = formToScenario(f);
    expect(scenario.rain).toEqual({
      kind: 'typhoon',
      track: [
        { timeS: 0, x: -30_000, y: -20_000 },
        { timeS: 7200, x: 5000, y: 10_000 },
      ],
      peakMmPerH: 80,
      radiusMaxRainM: 40_000,
    });
    expect(scenario.river).toEqual({
      kind: 'tide',
      meanM: 2.85,
      amplitudeM: 1.7,
      highTideAtS: 7200,
      surge: { peakM: 0.75, atS: 7200, widthS: 14_400 },
    });
    expect(parseScenario(scenario).rain.kind).toBe('typhoon');
  });

  it('puts each parser error at the field that wrote its path, with the parser’s message', () => {
    const f = defaultForm();
    f.design.returnPeriodYears = -5;
    expect(problemOf(f)).toEqual({
      field: 'design.returnPeriodYears',
      path: '/rain/returnPeriodYears',
      message: expect.stringMatching(/^-5: expected number to be greater or equal to 0\.25/),
    });
    f.design.returnPeriodYears = 5;
    f.durationH = NaN;
    expect(problemOf(f).field).toBe('durationH');
    f.durationH = 3;
    f.storm = 'typhoon';
    expect(problemOf(f)).toMatchObject({ field: 'typhoon.track', path: '/rain/track' });
    f.storm = 'design';
    f.river.mode = 'tide';
    f.tide.amplitudeM = 99;
    expect(problemOf(f)).toMatchObject({ field: 'tide.amplitudeM', path: '/river/amplitudeM' });
    f.tide.amplitudeM = 1;
    f.tide.surgeWidthH = 0;
    expect(problemOf(f)).toMatchObject({ field: 'tide.surgeWidthH', path: '/river/surge/widthS' });
    f.tide.surgeWidthH = 4;
    f.fleet.size = 2.5;
    expect(problemOf(f).field).toBe('fleet.size');
    f.fleet.size = NaN;
    // The second incident's time is after the run's end: the parser's cross-field check, at that incident's time.
    f.incidents = [
      { kind: 'waterReport', atMin: 10, xy: [0, 0] },
      { kind: 'pumpFailure', atMin: 500, stationId: 'P01' },
    ];
    expect(problemOf(f)).toMatchObject({ field: 'incident.1.atMin', path: '/pumpFailures/0/atS' });
    // A road closure with no road picked yet: the missing ref, at its place.
    f.incidents = [{ kind: 'roadClosed', atMin: 10, segmentId: '', roadName: '' }];
    expect(problemOf(f)).toMatchObject({ field: 'incident.0.place', path: '/commands/0/ref' });
  });

  it('maps by the longest path prefix a field wrote, and anything else to general', () => {
    const fields: [string, string][] = [
      ['/rain', 'storm'],
      ['/rain/track', 'typhoon.track'],
      ['/rain/track/1', 'typhoon.track.1'],
    ];
    expect(fieldOfPath('/rain/track/1/x', fields)).toBe('typhoon.track.1');
    expect(fieldOfPath('/rain/track', fields)).toBe('typhoon.track');
    expect(fieldOfPath('/rain/kind', fields)).toBe('storm');
    expect(fieldOfPath('/rainfall', fields)).toBe('general');
    expect(fieldOfPath('', fields)).toBe('general');
  });
});

describe('placement errors from the district', () => {
  let district: District;
  let plan: DistrictPlan;
  beforeAll(async () => {
    district = await loadDistrict(join(import.meta.dirname, '../../datasets/shanghai-bund'));
    const twin = buildTwin(district, { cellM: 40 });
    const layer = (n: 'water' | 'depots' | 'pumpStations' | 'hotspots') => districtLayer(district, n);
    plan = districtPlan(
      district.frame,
      {
        water: layer('water'),
        depots: layer('depots'),
        pumpStations: layer('pumpStations'),
        hotspots: layer('hotspots'),
      },
      roadEdgeLines(twin.graph, district.frame),
    );
  });

  it('shows the server’s message for an unknown depot or too big a fleet at that field', () => {
    const f = defaultForm('springTide');
    f.fleet.depots = ['D1', 'NOPE'];
    const c = checkForm(f);
    expect(c.ok).toBe(true);
    let message = '';
    try {
      placeScenario(parseScenario(c.scenario, 'scenario'), district);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(serverProblem(f, message)).toEqual({
      field: 'fleet.depots',
      path: '/fleet/depots/1',
      message: expect.stringMatching(/^depot "NOPE" is not in the district\. Fix: use one of D1, D2/),
    });
    f.fleet.depots = null;
    f.fleet.size = 50;
    try {
      placeScenario(parseScenario(checkForm(f).scenario, 'scenario'), district);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(serverProblem(f, message).field).toBe('fleet.size');
  });

  it('plans the district in local metres and finds the road piece nearest a click', () => {
    expect(plan.depots.map((d) => d.id)).toEqual(district.depots.map((d) => d.id));
    expect(plan.stations.map((s) => s.id)).toEqual(district.pumpStations.map((s) => s.id));
    const depot = district.depots[0];
    expect(plan.depots[0].xy[0]).toBeCloseTo(depot.xy[0], 0);
    expect(plan.depots[0].xy[1]).toBeCloseTo(depot.xy[1], 0);
    const [x0, y0, x1, y1] = plan.extent;
    expect(x1 - x0).toBeGreaterThan(1000);
    expect(y1 - y0).toBeGreaterThan(1000);
    // A point on a road piece's middle vertex is on that piece (distance ≈ 0), and a point 5 km away is far from all.
    const road = plan.roads.find((r) => r.line.length >= 3)!;
    const hit = nearestRoad(plan, road.line[1])!;
    expect(hit.distanceM).toBeLessThan(0.5);
    expect(hit.road.line.some(([x, y]) => x === road.line[1][0] && y === road.line[1][1])).toBe(true);
    expect(nearestRoad(plan, [x1 + 5000, y1])!.distanceM).toBeGreaterThan(4900);
  });
});
