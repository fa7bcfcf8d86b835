// JSON text with errors a person can act on: when JSON.parse fails, a small scanner finds the line and column of
// the first syntax error and says what it found, the same on every Node version.
import { TwinError } from '../errors.ts';

/** Where and why a JSON text first goes wrong. */
export interface JsonSyntaxProblem {
  offset: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  what: string;
}

/**
 * Parses JSON text (a leading BOM is ignored). A syntax error becomes a TwinError naming the file, the line and
 * column, and what was found there.
 */
export function parseJsonText(text: string, file: string): unknown {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(src);
  } catch {
    const p = findJsonSyntaxError(src) ?? { line: 1, column: 1, what: 'not valid JSON', offset: 0 };
    throw new TwinError(
      `not valid JSON: ${p.what} at line ${p.line}, column ${p.column}`,
      { file, line: p.line },
      'fix the JSON syntax there (a trailing comma, a missing quote or bracket, NaN or a comment are common causes)',
    );
  }
}

/** The first syntax error of a JSON text, or undefined when it is valid. */
export function findJsonSyntaxError(src: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const fail = (what: string): never => {
    throw Object.assign(new Error(what), { offset: i });
  };
  const found = () => (i >= src.length ? 'end of text' : `"${src[i]}"`);
  const ws = () => {
    while (i < src.length && ' \t\n\r'.includes(src[i])) i++;
  };
  const literal = (word: string) => {
    if (src.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${found()}`);
  };
  const string = () => {
    const start = i;
    i++;
    while (i < src.length && src[i] !== '"') {
      if (src[i] === '\\') i++;
      else if (src.charCodeAt(i) < 0x20) fail('a line break or control character inside a string');
      i++;
    }
    if (i >= src.length) {
      i = start;
      fail('a string that is never closed');
    }
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (!m) fail(`unexpected ${found()}`);
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nesting deeper than 512 levels');
    ws();
    const c = src[i];
    if (c === '{') {
      i++;
      ws();
      if (src[i] === '}') return void i++;
      for (;;) {
        ws();
        if (src[i] !== '"') fail(`expected a quoted property name, found ${found()}`);
        string();
        ws();
        if (src[i] !== ':') fail(`expected ":", found ${found()}`);
        i++;
        value(depth + 1);
        ws();
        if (src[i] === ',') i++;
        else if (src[i] === '}') return void i++;
        else fail(`expected "," or "}", found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (src[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (src[i] === ',') i++;
        else if (src[i] === ']') return void i++;
        else fail(`expected "," or "]", found ${found()}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail(`unexpected ${found()}`);
  };
  try {
    value(0);
    ws();
    if (i < src.length) fail(`unexpected ${found()} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    const offset = (err as { offset: number }).offset;
    const before = src.slice(0, offset);
    const line = before.split('\n').length;
    return { offset, line, column: offset - before.lastIndexOf('\n'), what: (err as Error).message };
  }
}
