// Log times: ISO 8601 with an offset on the epoch; text without an offset, or no real date, is refused with the reason.
import { describe, expect, it } from 'vitest';
import { formatLogTime, parseLogTime } from '../../../simulation/incidents/index.ts';
import { hourFloor } from '../../../simulation/incidents/incident-time.ts';

describe('incident log times', () => {
  it('reads the offset forms and puts them on the epoch', () => {
    const utc = Date.UTC(2024, 8, 19, 23, 5, 0);
    for (const text of [
      '2024-09-20T07:05:00+08:00',
      '2024-09-20T07:05+08:00',
      '2024-09-20 07:05:00+0800',
      '2024-09-19T23:05:00Z',
    ])
      expect((parseLogTime(text) as { epochMs: number }).epochMs, text).toBe(utc);
    expect(parseLogTime('2024-09-20T07:05:00.250-03:30')).toEqual({
      epochMs: Date.UTC(2024, 8, 20, 10, 35, 0, 250),
      offsetMin: -210,
    });
  });

  it('says what is wrong with a time it cannot place', () => {
    expect(parseLogTime('2024-09-20T07:05:00')).toBe('has no UTC offset');
    expect(parseLogTime('2024-09-20 07:05')).toBe('has no UTC offset');
    expect(parseLogTime('20/09/2024 07:05')).toBe('is not an ISO 8601 date-time');
    expect(parseLogTime('2024-02-30T07:05:00+08:00')).toBe('is not a real date and time');
    expect(parseLogTime('2024-09-20T24:05:00+08:00')).toBe('is not a real date and time');
  });

  it('writes times back at their offset and floors to the local hour', () => {
    const t = parseLogTime('2024-09-20T07:35:10+08:00') as { epochMs: number; offsetMin: number };
    expect(formatLogTime(t.epochMs, 480)).toBe('2024-09-20T07:35:10+08:00');
    expect(formatLogTime(t.epochMs, 0)).toBe('2024-09-19T23:35:10Z');
    expect(formatLogTime(hourFloor(t.epochMs, 480), 480)).toBe('2024-09-20T07:00:00+08:00');
    // An offset of half an hour floors to that zone's hour, not UTC's.
    expect(formatLogTime(hourFloor(t.epochMs, 330), 330)).toBe('2024-09-20T05:00:00+05:30');
  });
});
