import { describe, expect, it } from 'vitest';
import {
  CaseBook,
  DEFAULT_CASE_RULES,
  EventBuffer,
  type AlarmSource,
  type FleetEvent,
  type Site,
} from '../../../simulation/fleet/index.ts';
import { atNode } from '../../../simulation/roads/index.ts';
import { dryField, eventsOf, floodDisc, hotspot, lineInput, runFleet, truck } from './fleet-fixtures.ts';

function site(xy: [number, number]): Site {
  return {
    xy,
    location: atNode(0),
    cells: Int32Array.from([1, 2]),
    discharge: { kind: 'unknown', cell: -1, xy, distanceM: 0 },
  };
}

function source(id: string, cell: number, xy: [number, number], exposure = 1): AlarmSource {
  return { kind: 'hotspot', id, cell, thresholdM: 0.15, exposure, site: site(xy), armed: true, caseIndex: -1 };
}

describe('CaseBook', () => {
  it('opens a case only above the threshold, and not again until the reading falls back below it', () => {
    const log: FleetEvent[] = [];
    const events = new EventBuffer(log);
    const book = new CaseBook([source('H1', 0, [0, 0], 3)], DEFAULT_CASE_RULES);
    const depth = new Float32Array(4);
    depth[0] = 0.15;
    book.readAlarms(depth, 0, events);
    expect(book.cases).toHaveLength(0);
    depth[0] = 0.2;
    depth[1] = 0.1;
    depth[2] = 0.3;
    book.readAlarms(depth, 60, events);
    expect(book.cases).toHaveLength(1);
    expect(book.cases[0]).toMatchObject({ id: 'C001', state: 'open', exposure: 3, openedS: 60 });
    expect(book.cases[0].depthM).toBeCloseTo(0.2, 6);
    expect(book.cases[0].priority).toBeCloseTo(0.6, 6);
    book.cases[0].state = 'closed';
    book.readAlarms(depth, 120, events);
    expect(book.cases).toHaveLength(1);
    depth[0] = 0.1;
    book.readAlarms(depth, 180, events);
    depth[0] = 0.25;
    book.readAlarms(depth, 240, events);
    expect(book.cases.map((c) => c.id)).toEqual(['C001', 'C002']);
    events.flush();
    expect(log.map((e) => `${e.type}@${e.timeS}`)).toEqual(['case.opened@60', 'case.opened@240']);
  });

  it('joins an alarm within the merge radius to the active case, taking the higher exposure', () => {
    const events = new EventBuffer([]);
    const book = new CaseBook([source('S1', 0, [0, 0], 1), source('H1', 3, [30, 0], 4)], DEFAULT_CASE_RULES);
    const depth = Float32Array.from([0.2, 0, 0, 0.5]);
    book.readAlarms(depth, 0, events);
    expect(book.cases).toHaveLength(1);
    expect(book.cases[0].exposure).toBe(4);
    expect(book.cases[0].readingCells).toEqual([0, 3]);
    expect(book.cases[0].depthM).toBeCloseTo(0.5, 6);
    expect(book.cases[0].priority).toBeCloseTo(2, 6);
  });

  it('escalates once, doubling the priority, when not cleared in time', () => {
    const log: FleetEvent[] = [];
    const events = new EventBuffer(log);
    const book = new CaseBook([source('H1', 0, [0, 0])], { ...DEFAULT_CASE_RULES, escalateAfterS: 1800 });
    book.readAlarms(Float32Array.from([0.3, 0, 0]), 0, events);
    expect(book.escalate(1799, events)).toBe(false);
    expect(book.escalate(1800, events)).toBe(true);
    expect(book.escalate(2400, events)).toBe(false);
    events.flush();
    const escalated = log.filter((e) => e.type === 'case.escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ type: 'case.escalated', timeS: 1800, caseId: 'C001', ageS: 1800 });
    expect((escalated[0] as { priority: number }).priority).toBeCloseTo(0.6, 6);
  });
});

describe('priorities in dispatch', () => {
  it('sends the one truck to the underpass first although the road case is nearer, then moves on', () => {
    const depth = dryField();
    floodDisc(depth, [100, 40], 20, 0.4); // road: 0.4 × 1
    floodDisc(depth, [400, 40], 20, 0.2); // underpass: 0.2 × 3
    const fc = runFleet(
      lineInput({
        trucks: [truck('T1', 'D1', 3600)],
        hotspots: [hotspot('ROAD', [100, 40], 1, 'road'), hotspot('UP', [400, 40], 3, 'underpass')],
      }),
      { setupS: 300 },
      depth,
      30,
    );
    const dispatched = eventsOf(fc, 'case.dispatched');
    const caseOf = (id: string) => fc.cases.find((c) => c.sourceId === id)!.id;
    expect(dispatched.map((e) => e.caseId)).toEqual([caseOf('UP'), caseOf('ROAD')]);
    expect(eventsOf(fc, 'case.cleared').map((e) => e.caseId)).toEqual([caseOf('UP'), caseOf('ROAD')]);
    // From the underpass straight to the road case: "moving on", not back to the depot first.
    expect(dispatched[1].timeS).toBe(eventsOf(fc, 'case.cleared')[0].timeS);
    expect(eventsOf(fc, 'truck.returned')).toHaveLength(1);
  });

  it('re-plans when a waiting case escalates: the en-route truck is sent to it instead', () => {
    const depth = dryField();
    floodDisc(depth, [200, 40], 20, 0.3); // H1 at 0 s: 0.3, then 0.6 once escalated
    const fc = runFleet(
      lineInput({ hotspots: [hotspot('H1', [200, 40]), hotspot('H2', [400, 40])] }),
      { cases: { escalateAfterS: 30 } },
      depth,
      8,
      10,
      (k, _t, d) => {
        if (k === 0) return { commands: [{ kind: 'hold', truckId: 'T1' }] };
        if (k === 1) {
          floodDisc(d, [400, 40], 20, 0.45); // H2 at 10 s: 0.45 > 0.3
          return { commands: [{ kind: 'release', truckId: 'T1' }] };
        }
      },
    );
    const log = fc.events
      .filter((e) => ['case.dispatched', 'case.requeued', 'case.escalated'].includes(e.type))
      .map((e) => `${e.type}@${e.timeS}:${'caseId' in e ? e.caseId : ''}`);
    expect(log.slice(0, 4)).toEqual([
      'case.dispatched@10:C002',
      'case.escalated@30:C001',
      'case.requeued@30:C002',
      'case.dispatched@30:C001',
    ]);
    // Turned around at (200, 0) after 20 s of driving: H1 is right there.
    expect(eventsOf(fc, 'truck.arrived')[0]).toMatchObject({ caseId: 'C001' });
    expect(eventsOf(fc, 'truck.arrived')[0].timeS).toBeCloseTo(30, 9);
  });
});
