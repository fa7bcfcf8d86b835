// `rivertwin model-assets <district>`: place the modelled sensors, hotspots, catchments, pump stations, depots and
// fleet by the district's asset-rules.json, from its map layers alone; --write saves them into the folder.
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { projectorFor, wgs84ToLocal } from '../../../twin/projection/index.ts';
import {
  ASSET_ROLES,
  parseAssetRules,
  placeAssets,
  poisFromGeoJson,
  renderAssets,
  type MapPoi,
} from '../../../twin/modelled/index.ts';
import { DISTRICT_OPTIONS, DISTRICT_USAGE, districtOptions, twinOptions } from '../district-options.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin model-assets <district-folder> [--rules asset-rules.json] [--pois pois.geojson] [--write]

Places the district's modelled assets by documented rules on its real map: rain gauges on a lattice, river-level
gauges at bridges, water monitors at tunnel portals and low points, hotspots (易积水点), drainage catchments with a
pump station at each outfall, depots and the pump-truck fleet. Reads only the map layers (buildings, roads, water,
land cover, terrain), never the asset files it writes, so the result depends on the rules and the map alone.

  --rules <file>   rules, relative to the district folder (default asset-rules.json)
  --pois <file>    GeoJSON points of interest for metro entrances and hospitals (default pois.geojson, if present)
  --write          write sensors.csv, hotspots.csv, pump-stations.csv, depots.csv, fleet.csv, catchments.geojson
                   into the folder (all or nothing); without it, print what would be written
${DISTRICT_USAGE}`;

export const verb: CliVerb = {
  name: 'model-assets',
  summary: 'place modelled sensors, hotspots, catchments, pump stations, depots and fleet by documented rules',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...DISTRICT_OPTIONS, rules: { type: 'string' }, pois: { type: 'string' }, write: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new CliError(`model-assets takes one district folder.\n${usage}`);
    const dir = positionals[0];
    const rulesPath = join(dir, values.rules ?? 'asset-rules.json');
    if (!existsSync(rulesPath))
      throw new CliError(`no rules file ${rulesPath} (see datasets/shanghai-bund/asset-rules.json)`);
    const rules = parseAssetRules(JSON.parse(readFileSync(rulesPath, 'utf8')), rulesPath);
    const district = await loadDistrict(dir, { ...districtOptions(values), skipRoles: ASSET_ROLES });
    const twin = buildTwin(district, twinOptions(undefined));
    const poisPath = join(dir, values.pois ?? 'pois.geojson');
    let pois: MapPoi[] = [];
    if (existsSync(poisPath)) {
      const ctx = { file: poisPath, projector: projectorFor(district.manifest.crs, district.frame), opts: {} };
      pois = poisFromGeoJson(readFileSync(poisPath, 'utf8'), ctx);
    } else if (values.pois) throw new CliError(`no POI file ${poisPath}`);
    const assets = placeAssets(twin.grid, twin.graph, district.roads, pois, rules, (lon, lat) =>
      wgs84ToLocal(district.frame, lon, lat),
    );
    const files = renderAssets(assets, district.frame);
    const by = (k: string) => assets.sensors.filter((s) => s.kind === k).length;
    process.stdout.write(
      `${district.manifest.name}: ${assets.sensors.length} sensors (${by('rain')} rain, ${by('riverLevel')} river level, ${by('roadWater')} road water), ` +
        `${assets.hotspots.length} hotspots, ${assets.catchments.length} catchments, ${assets.pumpStations.length} pump stations ` +
        `(${assets.pumpStations.reduce((a, p) => a + p.capacityM3PerS, 0)} m³/s), ${assets.depots.length} depots, ${assets.fleet.length} trucks ` +
        `(${assets.fleet.reduce((a, t) => a + t.capacityM3PerH, 0)} m³/h)\n`,
    );
    if (!values.write) {
      for (const [name, text] of files) process.stdout.write(`  would write ${name} (${text.length} bytes)\n`);
      return 0;
    }
    // All or nothing: write into a scratch folder beside the district, then move each file into place.
    const scratch = mkdtempSync(join(dir, '.model-assets-'));
    for (const [name, text] of files) writeFileSync(join(scratch, name), text);
    for (const name of files.keys()) renameSync(join(scratch, name), join(dir, name));
    (await import('node:fs')).rmSync(scratch, { recursive: true, force: true });
    for (const name of files.keys()) process.stdout.write(`  wrote ${join(dir, name)}\n`);
    return 0;
  },
};
