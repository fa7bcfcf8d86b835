import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../twin/io/vector.ts';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, a BOM and CRLF, keeping line numbers', () => {
    const text = '\uFEFFid,name,note\r\n1,"Bund, north","say ""hi"""\r\n\r\n2,"two\r\nlines",x\r\n3,plain,\r\n';
    const t = parseCsv(text, 'a.csv');
    expect(t.header).toEqual(['id', 'name', 'note']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', 'Bund, north', 'say "hi"'] },
      { line: 4, cells: ['2', 'two\r\nlines', 'x'] },
      { line: 6, cells: ['3', 'plain', ''] },
    ]);
  });

  it('accepts LF endings, no final newline, and an empty quoted last field', () => {
    const t = parseCsv('a,b\n1,""', 'b.csv');
    expect(t.rows).toEqual([{ line: 2, cells: ['1', ''] }]);
  });

  it('names the file and line of a ragged row, an open quote and a stray quote', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'c.csv')).toThrow(
      'twin: c.csv:3: row has 1 cells, the header has 2 columns. Fix: check for a missing or extra comma, or quote fields that contain commas',
    );
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'd.csv')).toThrow('twin: d.csv:2: a quoted field is not closed');
    expect(() => parseCsv('a,b\n1,x"y\n', 'e.csv')).toThrow('twin: e.csv:2: a quote inside an unquoted field');
    expect(() => parseCsv('a,b\n1,"x"y\n', 'f.csv')).toThrow('twin: f.csv:2: text after a closing quote');
  });

  it('rejects an empty file, unnamed and repeated columns', () => {
    expect(() => parseCsv('', 'g.csv')).toThrow('twin: g.csv:1: is empty: no header row');
    expect(() => parseCsv('a,,c\n', 'h.csv')).toThrow('twin: h.csv:1: column 2 has no name');
    expect(() => parseCsv('a,b,a\n', 'i.csv')).toThrow('twin: i.csv:1, field "a": column "a" appears twice');
  });
});
