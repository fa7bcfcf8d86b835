// The published tour schema is the TypeBox definition (REGEN=1 rewrites it), and the bundled tours point at it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TourSchema } from '../../../simulation/tour/index.ts';
import { repoRoot } from '../../helpers/cli.ts';

describe('tour schema', () => {
  it('is published as JSON Schema, the same as the definition', () => {
    const file = join(repoRoot, 'datasets/schemas/tour.schema.json');
    const text = JSON.stringify(TourSchema, null, 2) + '\n';
    if (process.env.REGEN) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('is what every bundled tour names as its $schema', () => {
    const dir = join(repoRoot, 'datasets/shanghai-bund/tours');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files)
      expect(JSON.parse(readFileSync(join(dir, f), 'utf8')).$schema, f).toBe('../../schemas/tour.schema.json');
  });
});
