// The published ensemble schema is the TypeBox definition (REGEN=1 rewrites it), and the bundled ensembles expand to
// members on their district: fleet-size is 4 return periods × 2 tides × 4 fleet sizes, quick is 8 coarse members.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnsembleSchema } from '../../../simulation/ensemble/index.ts';
import { loadEnsembleFile } from '../../../server/ensemble/load-ensemble.ts';

const root = join(import.meta.dirname, '../../..');

describe('ensemble schema', () => {
  it('is published as JSON Schema, the same as the definition', () => {
    const file = join(root, 'datasets/schemas/ensemble.schema.json');
    const text = JSON.stringify(EnsembleSchema, null, 2) + '\n';
    if (process.env.REGEN) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('expands the bundled ensembles on the Bund', async () => {
    const big = await loadEnsembleFile(join(root, 'datasets/shanghai-bund/ensembles/fleet-size.json'));
    expect(big.members).toHaveLength(32);
    expect(new Set(big.members.map((m) => m.values.fleetSize))).toEqual(new Set([2, 4, 6, 8]));
    expect(big.members.every((m) => m.scenario.cellM === 20 && m.scenario.durationS === 14_400)).toBe(true);
    // The river is placed on the district: the tide that runs, not its name.
    expect(typeof big.members[0].scenario.river).toBe('object');
    const quick = await loadEnsembleFile(join(root, 'datasets/shanghai-bund/ensembles/quick.json'));
    expect(quick.members).toHaveLength(8);
    expect(quick.id).toMatch(/^ens-[0-9a-f]{12}$/);
    expect((await loadEnsembleFile(join(root, 'datasets/shanghai-bund/ensembles/quick.json'))).id).toBe(quick.id);
  });
});
