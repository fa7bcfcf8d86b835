// LISFLOOD-FP file readers on golden fixtures (every file in in/ parsed and compared with out/<file>.json; REGEN=1
// rewrites them) and broken fixtures (the error message, with file, line and field, in out/error.txt).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBci, parseBdy, parseStagePoints } from '../../../simulation/hydro/index.ts';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..', 'fixtures', 'simulation', 'hydro');
const REGEN = process.env.REGEN === '1';

/** Parses one file by its extension into plain JSON-able data. */
function parse(name: string, text: string): unknown {
  if (name.endsWith('.bci')) return parseBci(text, name);
  if (name.endsWith('.bdy'))
    return Object.fromEntries(
      [...parseBdy(text, name)].map(([k, h]) => [k, { timesS: [...h.timesS], values: [...h.values] }]),
    );
  if (name.endsWith('.stage')) return parseStagePoints(text, name);
  throw new Error(`no reader for ${name}`);
}

describe('LISFLOOD-FP readers: golden fixtures', () => {
  for (const name of readdirSync(join(root, 'lisflood'))) {
    it(name, () => {
      const dir = join(root, 'lisflood', name);
      for (const file of readdirSync(join(dir, 'in'))) {
        const got = parse(file, readFileSync(join(dir, 'in', file), 'utf8'));
        const want = join(dir, 'out', `${file}.json`);
        if (REGEN || !existsSync(want)) {
          mkdirSync(join(dir, 'out'), { recursive: true });
          writeFileSync(want, JSON.stringify(got, null, 2) + '\n');
        }
        expect(got).toEqual(JSON.parse(readFileSync(want, 'utf8')));
      }
    });
  }
});

describe('LISFLOOD-FP readers: broken fixtures', () => {
  for (const name of readdirSync(join(root, 'lisflood-broken'))) {
    it(name, () => {
      const dir = join(root, 'lisflood-broken', name);
      const [file] = readdirSync(join(dir, 'in'));
      let message = '';
      try {
        parse(file, readFileSync(join(dir, 'in', file), 'utf8'));
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, 'the reader accepted a broken file').not.toBe('');
      const want = join(dir, 'out', 'error.txt');
      if (REGEN || !existsSync(want)) writeFileSync(want, message + '\n');
      expect(message).toBe(readFileSync(want, 'utf8').trimEnd());
      expect(message).toContain(file);
    });
  }
});
