import { cpSync, mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';

const bund = join(import.meta.dirname, '../../../datasets/shanghai-bund');

function copyBund(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rivertwin-district-'));
  cpSync(bund, dir, { recursive: true });
  return dir;
}

describe('loadDistrict', () => {
  it('loads the bundled district in its local frame', async () => {
    const d = await loadDistrict(bund);
    expect(d.buildings.length).toBeGreaterThanOrEqual(1400);
    expect(d.stats.heightsInferred).toBeGreaterThan(0);
    expect(d.stats.heightsInferred).toBeLessThan(d.buildings.length);
    // About 3.9 × 2.7 km around the origin.
    expect(d.extent.maxX - d.extent.minX).toBeGreaterThan(3500);
    expect(d.extent.maxX - d.extent.minX).toBeLessThan(4200);
    expect(d.extent.maxY - d.extent.minY).toBeGreaterThan(2400);
    expect(d.extent.maxY - d.extent.minY).toBeLessThan(3000);
    expect(d.water.some((w) => w.name === '苏州河' && w.kind === 'river')).toBe(true);
  });

  it('names a missing file and writes nothing', async () => {
    const dir = copyBund();
    const manifest = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8'));
    manifest.sources.push({ role: 'water', file: 'missing.geojson' });
    writeFileSync(join(dir, 'district.json'), JSON.stringify(manifest));
    const before = readdirSync(dir).sort();
    await expect(loadDistrict(dir)).rejects.toThrow(/missing\.geojson: file not found/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('fails on a bad feature in strict mode and skips it when lenient', async () => {
    const dir = copyBund();
    const roads = JSON.parse(readFileSync(join(dir, 'roads.geojson'), 'utf8'));
    roads.features[5].geometry.coordinates[0] = [Number.NaN, 31.24];
    // JSON has no NaN: a null coordinate is what a broken exporter writes.
    writeFileSync(join(dir, 'roads.geojson'), JSON.stringify(roads));
    await expect(loadDistrict(dir)).rejects.toThrow(/roads\.geojson.*feature 5/);
    const d = await loadDistrict(dir, { lenient: true });
    expect(d.warnings.some((w) => /roads\.geojson.*feature 5/.test(w.message))).toBe(true);
  });

  it('rejects a manifest that is not JSON, naming the file', async () => {
    const dir = copyBund();
    writeFileSync(join(dir, 'district.json'), '{ "schema": ');
    await expect(loadDistrict(dir)).rejects.toThrow(/district\.json: not valid JSON/);
  });
});
