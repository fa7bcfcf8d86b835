// A drill's command file read line by line: good lines kept with their numbers, each bad one named by line and field
// with the fix; and the plan's dispatches read back as commands.
import { describe, expect, it } from 'vitest';
import { dispatchesAsCommands, parseDrillScript } from '../../../simulation/drill/index.ts';
import type { RunEvent } from '../../../simulation/scenario/index.ts';

const ctx = { durationS: 7200, truckIds: ['T01', 'T02'], stationIds: ['P01'] };

describe('parseDrillScript', () => {
  it('keeps good lines with their numbers and skips blanks and comments', () => {
    const text = [
      '# a drill',
      '{"atS": 60, "kind": "dispatch", "truckId": "T01", "caseId": "C001"}',
      '',
      '{"atS": 60, "kind": "failPump", "stationId": "P01"}',
      '  {"atS": 600, "kind": "report", "xy": [10, 20], "id": "call-1"}  ',
    ].join('\n');
    const s = parseDrillScript(text, ctx);
    expect(s.problems).toEqual([]);
    expect(s.lines).toEqual([2, 4, 5]);
    expect(s.commands.map((c) => c.kind)).toEqual(['dispatch', 'failPump', 'report']);
  });

  it('names the line and field of each bad line and how to fix it', () => {
    const lines = [
      '{"atS": 60, "kind": "dispatch", "truckId": "T01", "caseId": "C001"}',
      '{"atS": 120, "kind": "dispatch", "truckId": "T01", "caseId": "C001"',
      '[1, 2]',
      '{"atS": 120, "kind": "sendHelicopter"}',
      '{"atS": 120, "kind": "dispatch", "truckId": "T01", "case": "C001"}',
      '{"kind": "hold", "truckId": "T01"}',
      '{"atS": 9000, "kind": "hold", "truckId": "T01"}',
      '{"atS": 30, "kind": "hold", "truckId": "T01"}',
      '{"atS": 120, "kind": "hold", "truckId": "T09"}',
      '{"atS": 120, "kind": "restorePump", "stationId": "P09"}',
      '{"atS": "01:00", "kind": "hold", "truckId": "T01"}',
      '{"atS": 120, "kind": "hold", "truckId": "T01", "when": "now"}',
    ];
    const s = parseDrillScript(lines.join('\n'), ctx);
    expect(s.lines).toEqual([1]);
    expect(s.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, '', expect.stringMatching(/^not JSON/)],
      [3, '', 'not a JSON object'],
      [4, 'kind', 'unknown kind "sendHelicopter"'],
      [5, 'caseId', 'is missing'],
      [6, 'atS', 'is missing'],
      [7, 'atS', '9000 s is after the run ends (7200 s)'],
      [8, 'atS', '30 s is before the line above (60 s)'],
      [9, 'truckId', 'unknown truck "T09"'],
      [10, 'stationId', 'unknown pump station "P09"'],
      [11, 'atS', expect.stringMatching(/^"01:00": expected number/)],
      [12, 'when', 'unknown field'],
    ]);
    expect(s.problems[2].hint).toMatch(/use one of dispatch, dispatchToSite/);
    expect(s.problems[10].hint).toBe('fields here are atS, kind, id, truckId');
    expect(s.problems[7].hint).toBe('trucks are T01, T02');
  });
});

describe('dispatchesAsCommands', () => {
  it('turns every dispatch of a run, re-plans too, into an order at its control step', () => {
    const events = [
      { type: 'case.opened', timeS: 60, caseId: 'C001', seq: 1 },
      { type: 'case.dispatched', timeS: 60, caseId: 'C001', truckId: 'T01', replanned: false, seq: 2 },
      { type: 'case.dispatched', timeS: 300, caseId: 'C001', truckId: 'T02', replanned: true, seq: 3 },
    ] as unknown as RunEvent[];
    expect(dispatchesAsCommands(events)).toEqual([
      { atS: 60, kind: 'dispatch', truckId: 'T01', caseId: 'C001' },
      { atS: 300, kind: 'dispatch', truckId: 'T02', caseId: 'C001' },
    ]);
  });
});
