// The incident row schema: published as datasets/schemas/incident-row.schema.json (REGEN=1 rewrites it, as
// `npm run schemas`), every column documented in the README, and the sample log's rows valid against it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { COMMON_COLUMNS, IncidentRowSchema, ROW_COLUMNS } from '../../../simulation/incidents/index.ts';
import { splitCsv, splitNdjson } from '../../../simulation/incidents/incident-rows.ts';
import { REGEN } from '../../helpers/golden.ts';
import { root, sampleDir } from './bund-context.ts';

const published = join(root, 'datasets/schemas/incident-row.schema.json');

describe('incident row schema', () => {
  it('is published as JSON Schema and current', () => {
    const text = JSON.stringify(IncidentRowSchema, null, 2) + '\n';
    if (REGEN) writeFileSync(published, text);
    expect(existsSync(published), 'run npm run schemas').toBe(true);
    expect(readFileSync(published, 'utf8')).toBe(text);
  });

  it('documents every column in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Incident logs'));
    expect(section.length).toBeGreaterThan(100);
    for (const c of [...COMMON_COLUMNS, ...Object.values(ROW_COLUMNS).flat()])
      expect(section, c.name).toContain(`\`${c.name}\``);
  });

  it("accepts the sample log's rows and refuses a row without its required columns", () => {
    let n = 0;
    for (const f of readdirSync(sampleDir).filter((x) => /\.(csv|ndjson)$/.test(x))) {
      const text = readFileSync(join(sampleDir, f), 'utf8');
      const split = f.endsWith('.csv') ? splitCsv(text, f) : splitNdjson(text, f);
      for (const r of split.rows) {
        const obj: Record<string, unknown> = { type: r.type };
        for (const c of [...COMMON_COLUMNS.slice(1), ...ROW_COLUMNS[r.type]]) {
          const v = r.cell(c.name);
          if (v !== undefined) obj[c.name] = v;
        }
        expect(Value.Check(IncidentRowSchema, obj), `${f} row ${r.row}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(300);
    expect(Value.Check(IncidentRowSchema, { type: 'order', order_id: 'X', source: 'patrol' })).toBe(false);
    expect(
      Value.Check(IncidentRowSchema, {
        type: 'reading',
        sensor_id: 'W04',
        time: '2024-09-20 07:05',
        value: 1,
        unit: 'cm',
      }),
    ).toBe(false);
  });
});
