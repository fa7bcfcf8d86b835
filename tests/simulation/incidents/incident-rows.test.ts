// Splitting log files: a CSV's kind by its type column or its header, comment rows, spreadsheet column letters; NDJSON
// lines typed by "type" or their keys; rows that cannot be typed come back as problems naming file and row.
import { describe, expect, it } from 'vitest';
import { columnLetter, splitCsv, splitNdjson } from '../../../simulation/incidents/incident-rows.ts';

describe('incident log rows', () => {
  it('letters columns as a spreadsheet does', () => {
    expect([0, 3, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'D', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('tells a CSV by its header, skips comments and names row and column', () => {
    const s = splitCsv(
      '# exported 2024-09-20\nSensor_ID,Time,Value,Unit\nW04,2024-09-20T07:10:00+08:00,4,cm\n',
      'r.csv',
    );
    expect(s.problems).toEqual([]);
    expect(s.rows).toHaveLength(1);
    const r = s.rows[0];
    expect([r.type, r.row, r.cell('sensor_id'), r.cell('unit'), r.cell('lon')]).toEqual([
      'reading',
      3,
      'W04',
      'cm',
      undefined,
    ]);
    expect(r.where('value')).toEqual({ input: 'r.csv', item: 'row 3, column C', field: 'value' });
  });

  it('mixes kinds with a type column and reports a row of no known type', () => {
    const s = splitCsv(
      'type,time,action,road\nclosure,2024-09-20T07:00:00+08:00,closed,大名路\nflood,x,y,z\n',
      'm.csv',
    );
    expect(s.rows.map((r) => r.type)).toEqual(['closure']);
    expect(s.problems.map((p) => p.message)).toEqual([
      'simulation: m.csv, row 3, column A, field "type": "flood" is not a row type. Fix: write one of reading, rain, order, closure',
    ]);
  });

  it('refuses a CSV whose kind cannot be told', () => {
    expect(() => splitCsv('when,what\n1,2\n', 'x.csv')).toThrow(
      /x\.csv, row 1, field "type": cannot tell what rows it holds/,
    );
  });

  it('reads NDJSON lines, typed by "type" or by their keys', () => {
    const s = splitNdjson(
      '{"type":"rain","gauge_id":"R02","time":"2024-09-20T07:10:00+08:00","value":3.5,"unit":"mm"}\n\n' +
        '{"order_id":"A1","reported_at":"2024-09-20T07:10:00+08:00","source":"patrol","lon":121.49}\nnot json\n',
      'l.ndjson',
    );
    expect(s.rows.map((r) => [r.type, r.row])).toEqual([
      ['rain', 1],
      ['order', 3],
    ]);
    expect(s.rows[0].cell('value')).toBe('3.5');
    expect(s.rows[1].cell('lon')).toBe('121.49');
    expect(s.problems.map((p) => p.message)).toEqual([
      'simulation: l.ndjson, row 4: is not a JSON object. Fix: write one {…} per line',
    ]);
  });
});
