// The bundled district's modelled assets are exactly what the rules give from its map, and they load back.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import {
  ASSET_FILES,
  ASSET_ROLES,
  parseAssetRules,
  placeAssets,
  poisFromGeoJson,
  renderAssets,
  type ModelledAssets,
} from '../../../twin/modelled/index.ts';
import { projectorFor, wgs84ToLocal } from '../../../twin/projection/index.ts';
import { runCli } from '../../helpers/cli.ts';

const dir = join(import.meta.dirname, '../../../datasets/shanghai-bund');

async function model(): Promise<{ assets: ModelledAssets; files: Map<string, string> }> {
  const district = await loadDistrict(dir, { skipRoles: ASSET_ROLES });
  const twin = buildTwin(district);
  const rules = parseAssetRules(JSON.parse(readFileSync(join(dir, 'asset-rules.json'), 'utf8')));
  const ctx = { file: 'pois.geojson', projector: projectorFor('EPSG:4326', district.frame), opts: {} };
  const pois = poisFromGeoJson(readFileSync(join(dir, 'pois.geojson'), 'utf8'), ctx);
  const assets = placeAssets(twin.grid, twin.graph, district.roads, pois, rules, (lon, lat) =>
    wgs84ToLocal(district.frame, lon, lat),
  );
  return { assets, files: renderAssets(assets, district.frame) };
}

describe('modelled assets of the Bund', () => {
  let first: Awaited<ReturnType<typeof model>>;
  beforeAll(async () => {
    first = await model();
  });

  it('are what the rules give, byte for byte, and the same on a second run', async () => {
    for (const [name, text] of first.files) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
    const again = await model();
    expect([...again.files]).toEqual([...first.files]);
  });

  it('place sensors of every kind, hotspots at portals, catchments with stations and a fleet at depots', () => {
    const { assets } = first;
    for (const kind of ['rain', 'riverLevel', 'roadWater'])
      expect(assets.sensors.some((s) => s.kind === kind)).toBe(true);
    expect(assets.sensors.find((s) => s.name === '黄浦公园水位站')?.alertAt).toBe(4.55);
    expect(assets.hotspots.filter((h) => h.kind === 'underpass').length).toBeGreaterThan(5);
    expect(new Set(assets.hotspots.map((h) => h.name)).size).toBe(assets.hotspots.length);
    expect(assets.catchments.length).toBe(assets.pumpStations.length);
    for (const c of assets.catchments)
      expect(assets.pumpStations.find((p) => p.id === c.pumpStationId)?.catchmentId).toBe(c.id);
    expect(assets.catchments.some((c) => c.drainCapacityMmPerH === 57)).toBe(true);
    expect(assets.depots.length).toBeGreaterThanOrEqual(2);
    for (const t of assets.fleet) expect(assets.depots.some((d) => d.id === t.depotId)).toBe(true);
    expect([...assets.sensors, ...assets.hotspots, ...assets.depots, ...assets.fleet].every((x) => x.modelled)).toBe(
      true,
    );
  });

  it('writes all six files with --write, into a copy, and they load back', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'rivertwin-assets-'));
    cpSync(dir, copy, { recursive: true });
    const r = runCli(['model-assets', copy, '--write']);
    expect(r.status).toBe(0);
    for (const name of Object.values(ASSET_FILES))
      expect(readFileSync(join(copy, name), 'utf8')).toBe(first.files.get(name));
    expect(readdirSync(copy).filter((f) => f.startsWith('.model-assets-'))).toEqual([]);
    const d = await loadDistrict(copy);
    expect(d.sensors.length).toBe(first.assets.sensors.length);
    expect(d.fleet.length).toBe(first.assets.fleet.length);
  });
});
