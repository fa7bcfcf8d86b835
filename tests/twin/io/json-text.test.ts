import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, parseJsonText } from '../../../twin/io/vector.ts';

describe('parseJsonText', () => {
  it('parses valid JSON, with or without a BOM', () => {
    expect(parseJsonText('\uFEFF{"a": [1, 2]}', 'x.json')).toEqual({ a: [1, 2] });
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'expected a quoted property name, found "}"'],
    ['[1, 2,\n ]', 2, 2, 'unexpected "]"'],
    ['{"a": NaN}', 1, 7, 'unexpected "N"'],
    ['{"a": 1}\n// note', 2, 1, 'unexpected "/" after the end of the JSON value'],
    ['{"a": "open}', 1, 7, 'a string that is never closed'],
    ['{"a" 1}', 1, 6, 'expected ":", found "1"'],
    ['[1 2]', 1, 4, 'expected "," or "]", found "2"'],
    ['', 1, 1, 'unexpected end of text'],
  ])('locates the error in %j at line %i, column %i', (text, line, column, what) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ line, column, what });
    expect(() => parseJsonText(text, 'x.json')).toThrow(
      `twin: x.json:${line}: not valid JSON: ${what} at line ${line}`,
    );
  });

  it('finds nothing wrong in valid JSON', () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, false, null, "x\\"y"]}')).toBeUndefined();
  });
});
