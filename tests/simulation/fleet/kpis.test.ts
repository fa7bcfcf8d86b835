import { describe, expect, it } from 'vitest';
import { FleetController, KpiRecorder, closedRoadKm, timeWeightedMean } from '../../../simulation/fleet/index.ts';
import { FloodAwareNetwork } from '../../../simulation/roads/index.ts';
import { lineGraph } from '../../helpers/road-graph-fixtures.ts';
import { GRID, diamondInput, dryField, floodStreet, hotspot, lineInput, truck } from './fleet-fixtures.ts';

describe('closed road length', () => {
  it('counts a two-way street once whether one or both directions are closed', () => {
    const net = FloodAwareNetwork.fromGraph(diamondInput().graph!);
    expect(closedRoadKm(net)).toBe(0);
    net.close('B>C', 'fallenTree', 0);
    expect(closedRoadKm(net)).toBeCloseTo(0.2, 12);
    net.close('B-C', 'fallenTree', 0);
    expect(closedRoadKm(net)).toBeCloseTo(0.2, 12);
    net.close('E-C', 'policeCordon', 0);
    expect(closedRoadKm(net)).toBeCloseTo(0.2 + Math.hypot(200, 300) / 1000, 12);
  });

  it('integrates to road-km·hours: 200 m closed for 90 minutes is 0.3 km·h', () => {
    const net = FloodAwareNetwork.fromGraph(diamondInput().graph!);
    const kpi = new KpiRecorder();
    kpi.sampleRoads(net, 0);
    net.close('B-C', 'policeCordon', 600);
    kpi.sampleRoads(net, 600);
    net.open('B-C', undefined, 6000);
    kpi.sampleRoads(net, 6000);
    expect(kpi.report([], 7200).roadKmHoursClosed).toBeCloseTo(0.3, 12);
  });

  it('follows the flood through the controller: closed while the street is under water', () => {
    const fc = new FleetController(diamondInput({ hotspots: [] }));
    const depth = dryField();
    const wet = dryField();
    floodStreet(wet, 210, 390, 0, 0.4);
    for (let t = 0; t <= 3600; t += 60) fc.step(t >= 600 && t < 2400 ? wet : depth, t);
    // B–C (200 m) closed to cars from 600 s to 2400 s: 0.2 km × 0.5 h.
    expect(fc.kpis().roadKmHoursClosed).toBeCloseTo(0.1, 9);
  });
});

describe('river under a bridge', () => {
  it('does not close a bridge because the engine holds the river cells beneath it deep', () => {
    // B–C crosses a river 3 m deep: the road over it stays open; the same water off the river closes it.
    const river = dryField();
    floodStreet(river, 210, 390, 0, 3);
    const riverMask = Uint8Array.from(river, (d) => (d > 0 ? 1 : 0));
    const bridged = new FleetController(diamondInput({ hotspots: [], grid: { ...GRID, riverMask } }));
    bridged.step(river, 0);
    expect(bridged.events.filter((e) => e.type === 'road.closed')).toHaveLength(0);
    const flooded = new FleetController(diamondInput({ hotspots: [] }));
    flooded.step(river, 0);
    expect(flooded.events.filter((e) => e.type === 'road.closed').map((e) => e.type)).toEqual(['road.closed']);
  });
});

describe('reachability within 10 minutes', () => {
  it('is the share of hotspots a free truck reaches in time, and drops while the truck is busy', () => {
    // Streets at 1 km/h: 100 m takes 360 s (in time), 400 m 1440 s (too far).
    const input = lineInput({
      graph: lineGraph(5, 100, GRID, 1),
      trucks: [truck('T1', 'D1')],
      hotspots: [hotspot('NEAR', [100, 40]), hotspot('FAR', [400, 40])],
    });
    const fc = new FleetController(input, { policy: 'manual' });
    const depth = dryField();
    fc.step(depth, 0);
    fc.step(depth, 600, { commands: [{ kind: 'hold', truckId: 'T1' }] });
    fc.step(depth, 1200, { commands: [{ kind: 'release', truckId: 'T1' }] });
    const k = fc.kpis(1800);
    expect(k.reachability).toEqual({ timesS: [0, 600, 1200], share: [0.5, 0, 0.5] });
    expect(k.meanReachableShare).toBeCloseTo((0.5 * 600 + 0 * 600 + 0.5 * 600) / 1800, 12);
  });

  it('time-weights a step function', () => {
    expect(timeWeightedMean([0, 10, 40], [1, 0, 0.5], 50)).toBeCloseTo((10 + 0 + 5) / 50, 12);
    expect(timeWeightedMean([5], [0.25], 5)).toBe(0.25);
    expect(timeWeightedMean([], [], 5)).toBeNaN();
  });
});
