// The terrain rules file: the bundled Bund rules parse to the published figures, and broken rules name the field.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTerrainRules } from '../../../twin/terrain/index.ts';
import { expectGoldenText, repoRoot } from '../../helpers/golden.ts';

const broken = path.join(repoRoot, 'tests/fixtures/twin/terrain/broken');

describe('parseTerrainRules', () => {
  it('reads the Bund rules with the published wall crests and ground range', () => {
    const file = path.join(repoRoot, 'datasets/shanghai-bund/terrain-rules.json');
    const rules = parseTerrainRules(JSON.parse(readFileSync(file, 'utf8')), file);
    expect(rules.datum).toBe('wusong');
    const byLabel = Object.fromEntries(rules.water.map((w) => [w.label, w]));
    expect(byLabel.Huangpu.wall?.crestM).toBe(6.9);
    expect(byLabel['Suzhou Creek'].wall?.crestM).toBe(5.2);
    expect(byLabel['Hongkou Creek'].match.ids).toContain('511382730');
    // SHANGHAI-FACTS: central Shanghai ground 3.0–4.0 m; with the variation and the creek lowering it stays inside.
    const g = rules.ground;
    expect(g.baseM + g.undulation.amplitudeM).toBeLessThanOrEqual(4);
    expect(g.baseM - g.undulation.amplitudeM - Math.max(...g.lowerNear.map((l) => l.byM))).toBeGreaterThanOrEqual(3);
    expect(rules.kerbHeightM).toBe(0.15);
  });

  const expected: Record<string, RegExp> = {
    'bare-number': /field "kerbHeightM": expected \{ "value": number in 0…1, "source": "…" \}, got 0\.15/,
    'crest-out-of-range': /field "water\[0\]\.wall\.crestM": expected .* got 69/,
    'duplicate-label': /field "water\[1\]\.label": duplicate label "Huangpu"/,
    'match-nothing': /field "water\[2\]\.match": matches nothing\. Fix: give "names" or "ids"/,
    'missing-underpass': /field "underpass": expected an object/,
    'number-without-source': /field "kerbHeightM": the value has no source\. Fix: say where the number comes from/,
    'unknown-label':
      /field "ground\.lowerNear\[0\]\.labels": no water rule labelled "Yangtze"\. Fix: use one of Huangpu, Suzhou Creek, Hongkou Creek/,
    'wrong-schema': /field "schema": schema "rivertwin\.terrain-rules\/0" is not "rivertwin\.terrain-rules\/1"/,
  };
  const files = readdirSync(broken).filter((f) => f.endsWith('.json'));
  it('has a test for every broken fixture', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const f of files) {
    const name = f.replace(/\.json$/, '');
    it(`broken: ${name}`, () => {
      let message = '';
      try {
        parseTerrainRules(JSON.parse(readFileSync(path.join(broken, f), 'utf8')), f);
      } catch (e) {
        expect((e as Error).name).toBe('TwinError');
        message = (e as Error).message;
      }
      expect(message).toMatch(new RegExp(`^twin: ${f.replace(/[.]/g, '\\.')}, `));
      expect(message).toMatch(expected[name]);
      expectGoldenText(path.join(broken, `${name}.error.txt`), message);
    });
  }
});
