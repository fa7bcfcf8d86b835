// Checking a log against the Bund: each kind of bad row stops the import naming file, row and column (golden
// messages), --lenient skips and lists them; orders match hotspots and roads by the documented distances, and say why
// not; rain in mm and mm/h mean the same; the log lands on one clock starting at the hour of its first entry.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assembleLog,
  HOTSPOT_MATCH_M,
  importRows,
  ROAD_MATCH_M,
  type IncidentDistrict,
  type LogFile,
} from '../../../simulation/incidents/index.ts';
import { SimulationError } from '../../../simulation/errors.ts';
import { expectGoldenText } from '../../helpers/golden.ts';
import { badRowsDir, bundContext, sampleDir } from './bund-context.ts';

let d: IncidentDistrict;
const file = (name: string, text: string): LogFile => ({ name, text });
const sample = (): LogFile[] =>
  readdirSync(sampleDir)
    .filter((f) => /\.(csv|ndjson)$/.test(f))
    .sort()
    .map((f) => file(f, readFileSync(join(sampleDir, f), 'utf8')));

beforeAll(async () => {
  d = (await bundContext()).d;
});

describe('incident log import on the Bund', () => {
  const bad = readdirSync(badRowsDir).filter((f) => /\.(csv|ndjson)$/.test(f));

  it.each(bad)('%s: the bad row stops the import, naming file, row and column', (name) => {
    const f = file(name, readFileSync(join(badRowsDir, name), 'utf8'));
    let err: unknown;
    try {
      importRows([f], d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SimulationError);
    const e = err as SimulationError;
    expect(e.where.input).toBe(name);
    expect(String(e.where.item)).toMatch(/^row \d+/);
    expect(e.where.field).toBeTruthy();
    expect(e.message.split('\n')).toHaveLength(1);
    expectGoldenText(join(badRowsDir, 'expected', name.replace(/\.\w+$/, '.txt')), e.message);
  });

  it('--lenient skips each bad row, lists it with file, row and column, and keeps the good ones', () => {
    const files = bad.map((n) => file(n, readFileSync(join(badRowsDir, n), 'utf8')));
    const r = importRows(files, d, true);
    expect(r.skipped.map((s) => [s.file, s.row, s.column])).toEqual([
      ['bad-unit.csv', 3, 'unit'],
      ['no-offset.ndjson', 2, 'time'],
      ['time-out-of-order.csv', 4, 'time'],
      ['unknown-sensor.csv', 3, 'sensor_id'],
      ['unparseable-place.csv', 3, 'lon'],
    ]);
    expect(r.rowsPerFile).toEqual([1, 1, 2, 2, 1]);
    expect(r.parsed.orders.map((o) => o.orderId)).toEqual(['A1']);
  });

  it('imports the sample log with every row marked reconstructed, on a clock from 00:00 +08:00', () => {
    const r = importRows(sample(), d);
    expect(r.skipped).toEqual([]);
    const log = assembleLog(r.parsed, d);
    expect(log.startAt).toBe('2024-09-20T00:00:00+08:00');
    expect(log.durationS).toBe(12 * 3600);
    expect(log.reconstructedRows).toBe(log.rowCount);
    expect(log.rowCount).toBe(r.rowsPerFile.reduce((a, b) => a + b, 0));
    const wo = (id: string) => log.cases.find((c) => c.id === id)!;
    // By sensor place → the hotspot beside it; by id; by road name; and the reasons when nothing is near.
    expect(wo('WO-0920-002').sourceId).toBe('H26');
    expect(wo('WO-0920-004')).toMatchObject({ source: 'hotspot', sourceId: 'H23' });
    expect(wo('WO-0920-003').match.road?.name).toBe('四川北路');
    expect(wo('WO-0920-005').source).toBe('report');
    expect(wo('WO-0920-005').sourceId).toMatch(/^hotline:/);
    expect(log.unmatched.map((u) => [u.orderId, u.row])).toEqual([
      ['WO-0920-001', 2],
      ['WO-0920-005', 6],
      ['WO-0920-011', 12],
    ]);
    expect(log.unmatched[2].reasons).toEqual([
      expect.stringMatching(new RegExp(`^no hotspot within ${HOTSPOT_MATCH_M} m \\(nearest H\\d+ .*, \\d+ m\\)$`)),
      `no named road within ${ROAD_MATCH_M} m`,
    ]);
    // Times on the clock: reported 07:32, dispatched 07:38; an order closed without a clearing time counts cleared then.
    expect([wo('WO-0920-002').openedS, wo('WO-0920-002').dispatchedS]).toEqual([27120, 27480]);
    expect(wo('WO-0920-001').clearedS).toBe(wo('WO-0920-001').closedS);
    expect(Number.isNaN(wo('WO-0920-012').dispatchedS)).toBe(true);
  });

  it('takes rain in mm per interval and in mm/h as the same rain', () => {
    const mm = 'gauge_id,time,value,unit\nR02,2024-09-20T07:10:00+08:00,2,mm\nR02,2024-09-20T07:20:00+08:00,5,mm\n';
    const rate =
      'gauge_id,time,value,unit\nR02,2024-09-20T07:10:00+08:00,12,mm/h\nR02,2024-09-20T07:20:00+08:00,30,mm/h\n';
    const a = assembleLog(importRows([file('a.csv', mm)], d).parsed, d);
    const b = assembleLog(importRows([file('b.csv', rate)], d).parsed, d);
    expect(a.gauges[0].points).toEqual([
      [0, 12],
      [600, 30],
    ]);
    expect(b.gauges).toEqual(a.gauges);
    expect(a.startAt).toBe('2024-09-20T07:00:00+08:00');
  });

  it('matches a reading given by place to the sensor there, and refuses a place with none near', () => {
    const ok = 'lon,lat,time,value,unit,type\n121.4976017,31.2400871,2024-09-20T07:10:00+08:00,9,cm,reading\n';
    expect(importRows([file('p.csv', ok)], d).parsed.readings[0]).toMatchObject({ sensorId: 'W04', valueM: 0.09 });
    const far = 'lon,lat,time,value,unit,type\n121.4990,31.2390,2024-09-20T07:10:00+08:00,9,cm,reading\n';
    expect(() => importRows([file('p.csv', far)], d)).toThrow(
      /p\.csv, row 2, column A, field "lon": unknown sensor: none within 30 m/,
    );
  });

  it('refuses a closure on a road the data does not have, and orders out of step order', () => {
    const cl = '{"type":"closure","time":"2024-09-20T07:00:00+08:00","action":"closed","road":"长安街"}\n';
    expect(() => importRows([file('c.ndjson', cl)], d)).toThrow(
      /c\.ndjson, row 1, field "road": no drivable road named "长安街" in the road data/,
    );
    const o =
      'order_id,reported_at,hotspot_id,source,dispatched_at,arrived_at,truck\n' +
      'B1,2024-09-20T07:40:00+08:00,H04,hotline,2024-09-20T07:50:00+08:00,2024-09-20T07:45:00+08:00,T03\n';
    expect(() => importRows([file('o.csv', o)], d)).toThrow(
      /o\.csv, row 2, column F, field "arrived_at": time out of order: arrived_at is before dispatched_at/,
    );
    const h = 'order_id,reported_at,hotspot_id,source\nB2,2024-09-20T07:40:00+08:00,H99,patrol\n';
    expect(() => importRows([file('h.csv', h)], d)).toThrow(
      /h\.csv, row 2, column C, field "hotspot_id": unknown hotspot "H99"/,
    );
  });
});
