// River stage series files (district.json river.presets.<name>.file): read into a series, broken ones named by
// file, line and column; and the district's content hash covers them.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { districtContentHash } from '../../../twin/district/district-hash.node.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { parseStageSeriesCsv } from '../../../twin/district/stage-series.ts';

const town = join(import.meta.dirname, '../../fixtures/twin/district/place-flat-own-river/in');

describe('river stage series files', () => {
  it('loads the file a preset names as a series', async () => {
    const d = await loadDistrict(town);
    expect(d.manifest.river?.presets.winterFlood).toEqual({
      kind: 'series',
      timesS: [0, 3600, 7200],
      stageM: [0.4, 1.6, 0.9],
    });
    expect(d.manifest.river?.datum).toBe('NAP');
  });

  it.each([
    ['t,z\n0,1\n', /stage.csv:1: a stage series needs the columns time_s and stage_m/],
    ['time_s,stage_m\n0,1\n0,2\n', /stage.csv:3, field "time_s": time "0" is not a number after the previous one/],
    ['time_s,stage_m\n0,high\n', /stage.csv:2, field "stage_m": stage "high" is not a level in metres/],
    ['time_s,stage_m\n', /stage.csv: the stage series has no rows/],
  ])('refuses %j naming file, line and column', (text, pattern) => {
    expect(() => parseStageSeriesCsv(text, 'stage.csv')).toThrow(pattern);
  });

  it('refuses a missing file naming the preset, and hashes the file with the district', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivertwin-stage-'));
    cpSync(town, dir, { recursive: true });
    const before = districtContentHash(dir);
    writeFileSync(join(dir, 'river-stage.csv'), 'time_s,stage_m\n0,0.5\n');
    expect(districtContentHash(dir)).not.toBe(before);
    writeFileSync(
      join(dir, 'district.json'),
      JSON.stringify({
        schema: 'rivertwin.district/1',
        id: 'x',
        name: 'x',
        sources: [{ role: 'roads', file: 'roads.geojson' }],
        terrain: { flat: { elevationM: 0 } },
        river: { datum: 'NAP', presets: { wave: { file: 'nowhere.csv' } } },
      }),
    );
    await expect(loadDistrict(dir)).rejects.toThrow(
      /nowhere.csv, field "river.presets.wave.file": stage series file not found/,
    );
  });
});
