import { describe, expect, it } from 'vitest';
import { FleetController, type OperatorCommand } from '../../../simulation/fleet/index.ts';
import { SimulationError } from '../../../simulation/errors.ts';
import { FloodAwareNetwork } from '../../../simulation/roads/index.ts';
import { GRID, depot, dryField, eventsOf, floodDisc, hotspot, lineInput, runFleet, truck } from './fleet-fixtures.ts';

function constructionError(build: () => unknown): SimulationError {
  try {
    build();
  } catch (err) {
    if (err instanceof SimulationError) return err;
    throw err;
  }
  throw new Error('expected a SimulationError');
}

describe('bad fleet input at construction', () => {
  it('names the truck and field of an unknown depot', () => {
    const err = constructionError(() => new FleetController(lineInput({ trucks: [truck('T9', 'NOPE')] })));
    expect(err.message).toBe('simulation: fleet, truck T9, field "depotId": unknown depot "NOPE". Fix: use one of: D1');
  });

  it('refuses a truck with zero capacity, or keeps it out of service when lenient', () => {
    const input = lineInput({ trucks: [truck('T1', 'D1'), truck('T0', 'D1', 0)] });
    const err = constructionError(() => new FleetController(input));
    expect(err.message).toMatch(/^simulation: fleet, truck T0, field "capacityM3PerH": capacity is 0 m³\/h/);
    const fc = new FleetController(input, { lenient: true });
    expect(fc.world.warnings).toHaveLength(1);
    expect(fc.trucks().map((t) => t.state)).toEqual(['idle', 'outOfService']);
  });

  it('refuses duplicate ids, a hotspot off the graph, a bad exposure and a depot off the graph', () => {
    expect(
      constructionError(() => new FleetController(lineInput({ trucks: [truck('T1', 'D1'), truck('T1', 'D1')] })))
        .message,
    ).toMatch(/truck T1, field "id": truck id "T1" is used twice/);
    expect(
      constructionError(() => new FleetController(lineInput({ hotspots: [hotspot('H9', [200, 300])] }))).message,
    ).toMatch(/hotspot H9, field "xy": hotspot H9 is off the graph: no drivable road within 200 m/);
    expect(
      constructionError(() => new FleetController(lineInput({ hotspots: [hotspot('H2', [200, 40], 0)] }))).message,
    ).toMatch(/hotspot H2, field "exposure"/);
    expect(
      constructionError(() => new FleetController(lineInput({ depots: [depot('D1', [200, 320])] }))).message,
    ).toMatch(/depot D1, field "xy": depot D1 is off the graph/);
  });

  it('runs on a network built elsewhere if it has a class for every wading depth', () => {
    const network = FloodAwareNetwork.fromGraph(lineInput().graph!, { grid: GRID });
    const fc = new FleetController({ ...lineInput(), graph: undefined, network });
    expect(fc.world.net).toBe(network);
    const deep = { ...lineInput({ trucks: [truck('T1', 'D1', 2000, 0.7)] }), graph: undefined, network };
    expect(constructionError(() => new FleetController(deep)).message).toMatch(
      /truck T1, field "wadingDepthM": no vehicle class of the network closes at 0.7 m/,
    );
    // Built from the graph, the fleet gets a class per wading depth: cars, 0.5 m and 0.7 m.
    const own = new FleetController(lineInput({ trucks: [truck('T1', 'D1'), truck('T2', 'D1', 2000, 0.7)] }));
    expect(own.world.net.vehicleClasses.map((v) => v.closureDepthM)).toEqual([0.3, 0.5, 0.7]);
  });
});

describe('operator commands', () => {
  it('rejects bad commands with a reason in the event log, and the run carries on', () => {
    const depth = dryField();
    floodDisc(depth, [400, 40], 20, 0.3);
    const bad: OperatorCommand[] = [
      { id: 'a', kind: 'dispatch', truckId: 'T404', caseId: 'C001' },
      { id: 'b', kind: 'dispatch', truckId: 'T0', caseId: 'C001' },
      { id: 'c', kind: 'recall', truckId: 'T1', depotId: 'D404' },
      { id: 'd', kind: 'dispatchToSite', truckId: 'T1', xy: [200, 300] },
      { id: 'e', kind: 'dispatchToSite', truckId: 'T1', xy: [5000, 0] },
      { id: 'f', kind: 'dispatch', truckId: 'T1', caseId: 'C404' },
      { id: 'g', kind: 'closeRoad', ref: 'no-such-road', reason: 'fallenTree' },
      { id: 'h', kind: 'returnToService', truckId: 'T0' },
      { id: 'i', kind: 'release', truckId: 'T1' },
      { id: 'j', kind: 'report', xy: [100, 40], exposure: -1 },
    ];
    const fc = runFleet(
      lineInput({ trucks: [truck('T1', 'D1', 3600), truck('T0', 'D1', 0)], hotspots: [hotspot('H1', [400, 40])] }),
      { lenient: true, policy: 'manual', setupS: 120 },
      depth,
      20,
      60,
      (k) => {
        if (k === 1) return { commands: bad };
        if (k === 2) return { commands: [{ id: 'ok', kind: 'dispatch', truckId: 'T1', caseId: 'C001' }] };
      },
    );
    const rejected = eventsOf(fc, 'command.rejected');
    expect(rejected.map((e) => [e.command.id, e.reason])).toEqual([
      ['a', 'unknown truck "T404"'],
      ['b', 'truck T0 has zero pump capacity'],
      ['c', 'unknown depot "D404"'],
      ['d', 'site is off the graph: no drivable road within 200 m'],
      ['e', 'site is off the grid at (5000.0, 0.0)'],
      ['f', 'unknown case "C404"'],
      [
        'g',
        'simulation: road closure, no-such-road: no road edge or segment "no-such-road". Fix: name a graph edge key or a road segment id of this district',
      ],
      ['h', 'truck T0 has zero pump capacity'],
      ['i', 'truck T1 is not held'],
      ['j', 'exposure -1 is not above 0'],
    ]);
    expect(rejected.every((e) => e.timeS === 60)).toBe(true);
    // The manual policy sent nobody until told; the valid order at 120 s is carried out to the end.
    expect(eventsOf(fc, 'command.accepted').map((e) => e.command.id)).toEqual(['ok']);
    expect(eventsOf(fc, 'case.dispatched')).toEqual([
      {
        type: 'case.dispatched',
        timeS: 120,
        caseId: 'C001',
        truckId: 'T1',
        etaS: 40,
        policy: 'manual',
        replanned: false,
      },
    ]);
    expect(eventsOf(fc, 'case.cleared')).toHaveLength(1);
    expect(fc.kpis().casesOpenAtEnd).toBe(0);
  });

  it('carries out an order for a case that opens at the same step, as the automatic policy would', () => {
    // The water reaches the hotspot at 120 s; the order for C001 applies at that step, after the case opened.
    const order = { kind: 'dispatch', truckId: 'T1', caseId: 'C001' } as const;
    const run = (policy: 'manual' | 'nearest') =>
      runFleet(lineInput({ hotspots: [hotspot('H1', [400, 40])] }), { policy }, dryField(), 6, 60, (k, _t, depth) => {
        if (k === 2) floodDisc(depth, [400, 40], 20, 0.3);
        if (k === 2 && policy === 'manual') return { commands: [order] };
      });
    const manual = run('manual');
    const auto = run('nearest');
    expect(eventsOf(manual, 'command.accepted')).toHaveLength(1);
    expect(eventsOf(manual, 'case.opened')[0].timeS).toBe(120);
    const when = (fc: ReturnType<typeof run>) =>
      [...eventsOf(fc, 'case.dispatched'), ...eventsOf(fc, 'truck.arrived')].map((e) => [e.type, e.timeS]);
    expect(when(manual)).toEqual(when(auto));
    expect(manual.kpis()).toEqual(auto.kpis());
  });

  it('dispatches to a site, recalls to another depot, and puts a truck out of service', () => {
    const depth = dryField();
    floodDisc(depth, [300, 40], 20, 0.2);
    const fc = runFleet(
      lineInput({ depots: [depot('D1', [0, 0]), depot('D2', [400, 0])], hotspots: [] }),
      { policy: 'nearest', setupS: 600 },
      depth,
      8,
      60,
      (k) => {
        if (k === 0) return { commands: [{ kind: 'dispatchToSite', truckId: 'T1', xy: [300, 40], exposure: 2 }] };
        if (k === 2) return { commands: [{ kind: 'recall', truckId: 'T1', depotId: 'D2' }] };
        if (k === 4) return { commands: [{ kind: 'outOfService', truckId: 'T1', reason: 'pump failure' }] };
        if (k === 5) return { commands: [{ kind: 'dispatchToSite', truckId: 'T1', xy: [300, 40] }] };
      },
    );
    expect(eventsOf(fc, 'case.opened')[0]).toMatchObject({ caseId: 'C001', source: 'report', exposure: 2 });
    expect(eventsOf(fc, 'truck.arrived')[0].timeS).toBeCloseTo(30, 9);
    // Recalled while setting up: the case goes back in the queue, the truck to D2 at (400, 0), 10 s away.
    expect(eventsOf(fc, 'case.requeued')[0]).toMatchObject({ timeS: 120, caseId: 'C001', reason: 'recall' });
    expect(eventsOf(fc, 'truck.returned')[0]).toMatchObject({ home: 'D2' });
    expect(eventsOf(fc, 'truck.returned')[0].timeS).toBeCloseTo(130, 9);
    // Recalled, it is not sent out again until home; then the nearest policy sends it back to the waiting case.
    expect(eventsOf(fc, 'case.dispatched').map((e) => [e.timeS, e.policy, e.replanned])).toEqual([
      [0, 'manual', false],
      [180, 'nearest', true],
    ]);
    // Out of service at 240 s: the case waits, with nobody able to reach it, and orders for the truck are refused.
    expect(eventsOf(fc, 'truck.outOfService')[0]).toMatchObject({ timeS: 240, reason: 'pump failure' });
    expect(eventsOf(fc, 'case.unreachable')[0]).toMatchObject({ timeS: 240, trucksInService: 0 });
    expect(eventsOf(fc, 'command.rejected')[0].reason).toBe('truck T1 is out of service (pump failure)');
    expect(fc.trucks()[0].state).toBe('outOfService');
    expect(fc.kpis().casesOpenAtEnd).toBe(1);
  });
});
