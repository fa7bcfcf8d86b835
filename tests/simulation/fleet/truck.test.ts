import { describe, expect, it } from 'vitest';
import {
  CELL_AREA_M2,
  diamondInput,
  dryField,
  eventsOf,
  floodDisc,
  floodStreet,
  lineInput,
  runFleet,
  truck,
} from './fleet-fixtures.ts';

// The hotspot sits 40 m north of n4 (400, 0): its site disc (20 m) holds 12 cells and leaves the street dry, so the
// drive is at free speed: n0 → n4 is 400 m at 10 m/s = 40 s.
const SITE: [number, number] = [400, 40];

describe('truck lifecycle', () => {
  it('goes idle → enRoute → settingUp → pumping → returning → idle at hand-computed times', () => {
    const depth = dryField();
    floodDisc(depth, SITE, 20, 0.32);
    const states: string[] = [];
    const fc = runFleet(
      lineInput({ trucks: [truck('T1', 'D1', 1800)], hotspots: [{ ...lineInput().hotspots![0], xy: SITE }] }),
      { setupS: 600 },
      depth,
      25,
      60,
      (k, _t, _d, controller) => {
        if (k > 1) states.push(controller.trucks()[0].state);
      },
    );
    const at = (type: Parameters<typeof eventsOf>[1]) => eventsOf(fc, type).map((e) => e.timeS);
    expect(at('case.opened')).toEqual([0]);
    expect(at('case.dispatched')).toEqual([0]);
    expect(eventsOf(fc, 'case.dispatched')[0].etaS).toBeCloseTo(40, 9);
    expect(at('truck.arrived')[0]).toBeCloseTo(40, 9);
    // Set-up ends at 640 s; pumping starts at the next control step, 660 s.
    expect(at('pumping.started')).toEqual([660]);
    const started = eventsOf(fc, 'pumping.started')[0];
    expect(started.rateM3PerS).toBe(0.5);
    expect(started.cells).toBe(12);
    // 0.27 m over 12 cells of 100 m² is 324 m³: 648 s at 0.5 m³/s, so clear at the 11th step of pumping.
    expect(at('case.cleared')).toEqual([660 + 11 * 60]);
    expect(eventsOf(fc, 'pumping.stopped')[0].pumpedM3).toBeCloseTo(11 * 60 * 0.5, 6);
    expect(at('case.closed')).toEqual([1320]);
    expect(at('truck.returned')[0]).toBeCloseTo(1360, 9);
    expect(eventsOf(fc, 'truck.returned')[0].home).toBe('D1');
    expect(fc.trucks()[0]).toMatchObject({ state: 'idle', xy: [0, 0], caseId: '', pumpedM3: 330 });
    const k = fc.kpis();
    expect(k.cases[0]).toMatchObject({ toDispatchS: 0, toClearS: 1320, pumpedM3: 330, state: 'closed' });
    expect(k.cases[0].toArriveS).toBeCloseTo(40, 9);
    expect(k.pumpedM3).toBe(330);
    expect(k.casesOpenAtEnd).toBe(0);
    // The water left the field: 12 cells × 100 m² × 0.045 m remain.
    let stored = 0;
    for (const d of depth) stored += d * CELL_AREA_M2;
    expect(stored).toBeCloseTo(12 * 100 * 0.32 - 330, 2);
    // State after each step from 60 s to 1380 s.
    expect(states).toEqual([
      ...Array<string>(10).fill('settingUp'),
      ...Array<string>(11).fill('pumping'),
      'returning',
      'idle',
    ]);
  });

  it('is where the clock says along its route: halfway after 20 s of a 40 s drive', () => {
    const depth = dryField();
    floodDisc(depth, SITE, 20, 0.32);
    const fc = runFleet(lineInput({ hotspots: [{ ...lineInput().hotspots![0], xy: SITE }] }), {}, depth, 3, 10);
    // Steps at 0, 10, 20 s: dispatched at 0, then 20 s of driving at 10 m/s.
    const view = fc.trucks()[0];
    expect(view.state).toBe('enRoute');
    expect(view.caseId).toBe('C001');
    expect(view.xy[0]).toBeCloseTo(200, 9);
    expect(view.xy[1]).toBeCloseTo(0, 9);
  });
});

describe('closures mid-route', () => {
  const hotspots = [{ ...diamondInput().hotspots![0], xy: SITE }];

  it('re-routes through the detour when the street ahead floods', () => {
    const depth = dryField();
    floodDisc(depth, SITE, 20, 0.32);
    const fc = runFleet(diamondInput({ hotspots }), {}, depth, 12, 10, (k, _t, d) => {
      // At 10 s the truck is at (100, 0), heading for B; B–C floods 0.6 m deep (above its 0.5 m wading depth).
      if (k === 1) floodStreet(d, 210, 390, 0, 0.6);
    });
    const rerouted = eventsOf(fc, 'truck.rerouted');
    expect(rerouted).toHaveLength(1);
    expect(rerouted[0]).toMatchObject({ timeS: 10, truckId: 'T1', caseId: 'C001', closedEdgeKey: 'B>C' });
    // Back 100 m to A (10 s), then A → E → C: 2 × √(200² + 300²) m at 10 m/s.
    const detourS = 10 + (2 * Math.hypot(200, 300)) / 10;
    expect(rerouted[0].etaS).toBeCloseTo(detourS, 6);
    expect(eventsOf(fc, 'truck.arrived')[0].timeS).toBeCloseTo(10 + detourS, 6);
    expect(eventsOf(fc, 'road.closed').map((e) => e.segmentId)).toEqual(['B-C']);
  });

  it('reports the site unreachable when every way closes, goes home, and serves it once a road reopens', () => {
    const depth = dryField();
    floodDisc(depth, SITE, 20, 0.32);
    const fc = runFleet(diamondInput({ hotspots }), {}, depth, 16, 10, (k) => {
      if (k === 1) {
        return {
          commands: [
            { kind: 'closeRoad', ref: 'B-C', reason: 'policeCordon' },
            { kind: 'closeRoad', ref: 'E-C', reason: 'fallenTree' },
          ],
        };
      }
      if (k === 5) return { commands: [{ kind: 'openRoad', ref: 'E-C' }] };
    });
    const unreachable = eventsOf(fc, 'route.unreachable');
    expect(unreachable[0]).toMatchObject({ timeS: 10, truckId: 'T1', caseId: 'C001', xy: [100, 0] });
    expect(eventsOf(fc, 'case.requeued')[0]).toMatchObject({ timeS: 10, caseId: 'C001', reason: 'unreachable' });
    expect(eventsOf(fc, 'case.unreachable')).toEqual([
      { type: 'case.unreachable', timeS: 10, caseId: 'C001', trucksInService: 1 },
    ]);
    expect(eventsOf(fc, 'truck.returned')[0].timeS).toBeCloseTo(20, 9);
    // At 50 s E–C reopens: dispatched again (a re-dispatch), from A by the detour.
    const dispatched = eventsOf(fc, 'case.dispatched');
    expect(dispatched).toHaveLength(2);
    expect(dispatched[1]).toMatchObject({ timeS: 50, replanned: true });
    expect(dispatched[1].etaS).toBeCloseTo((2 * Math.hypot(200, 300)) / 10, 6);
    expect(eventsOf(fc, 'road.reopened').map((e) => e.segmentId)).toEqual(['E-C']);
    expect(fc.kpis().cases[0].toDispatchS).toBe(0);
  });

  it('re-plans when the road closes: a truck now nearer takes the case from the one stuck on a detour', () => {
    const depth = dryField();
    floodDisc(depth, SITE, 20, 0.32);
    const input = diamondInput({
      hotspots,
      trucks: [truck('T1', 'D1'), truck('T2', 'D1')],
      staging: { T2: [200, -300] },
    });
    const fc = runFleet(input, { policy: 'nearest' }, depth, 12, 10, (k, _t, d) => {
      // T2, staged at E (36 s from the site), is out of service when the case opens and back at 10 s, as B–C floods.
      if (k === 0) return { commands: [{ kind: 'outOfService', truckId: 'T2' }] };
      if (k === 1) {
        floodStreet(d, 210, 390, 0, 0.6);
        return { commands: [{ kind: 'returnToService', truckId: 'T2' }] };
      }
    });
    const log = fc.events
      .filter((e) => ['case.dispatched', 'case.requeued', 'truck.rerouted', 'truck.arrived'].includes(e.type))
      .map((e) => `${e.type}@${Math.round(e.timeS * 100) / 100}:${'truckId' in e ? e.truckId : ''}`);
    const eta = Math.hypot(200, 300) / 10;
    expect(log).toEqual([
      'case.dispatched@0:T1',
      'truck.rerouted@10:T1',
      'case.requeued@10:T1',
      'case.dispatched@10:T2',
      `truck.arrived@${Math.round((10 + eta) * 100) / 100}:T2`,
    ]);
    expect(eventsOf(fc, 'case.dispatched')[1]).toMatchObject({ replanned: true, policy: 'nearest' });
    // T1 heads home: it had driven 100 m, so it is back at A 10 s later.
    expect(eventsOf(fc, 'truck.returned')[0]).toMatchObject({ truckId: 'T1', home: 'D1', timeS: 20 });
  });
});
