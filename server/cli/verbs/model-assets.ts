// `rivertwin model-assets <district>`: place the modelled sensors, hotspots, catchments, pump stations, depots and
// fleet by the district's asset-rules.json (else the generic rules), from its map alone; --write saves them.
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { projectorFor, resolveCrs, wgs84ToLocal } from '../../../twin/projection/index.ts';
import {
  ASSET_FILES,
  ASSET_ROLES,
  parseAssetRules,
  placeAssets,
  poisFromGeoJson,
  renderAssets,
  type MapPoi,
} from '../../../twin/modelled/index.ts';
import { DISTRICT_OPTIONS, DISTRICT_USAGE, districtOptions, twinOptions } from '../district-options.ts';
import { CliError, type CliVerb } from '../verb.ts';

/** The rules for a district with none of its own: no city's numbers, every asset marked modelled. */
export const GENERIC_ASSET_RULES = join(import.meta.dirname, '..', '..', '..', 'datasets', 'generic-asset-rules.json');

const usage = `Usage: rivertwin model-assets <district-folder> [--rules asset-rules.json] [--pois pois.geojson] [--write]

Places the district's modelled assets by documented rules on its real map: rain gauges on a lattice, river-level
gauges at bridges, water monitors at tunnel portals and low points, hotspots (易积水点), drainage catchments with a
pump station at each outfall, depots and the pump-truck fleet. Reads only the map layers (buildings, roads, water,
land cover, terrain), never the asset files it writes, so the result depends on the rules and the map alone.

  --rules <file>   rules, relative to the district folder (default asset-rules.json; without one, the generic
                   rules datasets/generic-asset-rules.json, which name no place and are said to be generic)
  --pois <file>    GeoJSON points of interest for metro entrances and hospitals (default pois.geojson, if present)
  --write          write sensors.csv, hotspots.csv, pump-stations.csv, depots.csv, fleet.csv, catchments.geojson
                   into the folder (all or nothing) and list any district.json does not name yet in its sources;
                   without it, print what would be written
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
    const ownRules = join(dir, values.rules ?? 'asset-rules.json');
    if (values.rules && !existsSync(ownRules)) throw new CliError(`no rules file ${ownRules}`);
    const generic = !existsSync(ownRules);
    const rulesPath = generic ? GENERIC_ASSET_RULES : ownRules;
    const rules = parseAssetRules(JSON.parse(readFileSync(rulesPath, 'utf8')), rulesPath);
    const district = await loadDistrict(dir, { ...districtOptions(values), skipRoles: ASSET_ROLES });
    // Generic catchments drain at the capacity the district states, not at the generic file's stand-in.
    const stated = district.manifest.drainage.defaultCapacityMmPerH;
    if (generic && stated !== undefined) rules.catchments.defaultDrainMmPerH = stated;
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
    if (generic)
      process.stdout.write(
        `${dir} has no ${values.rules ?? 'asset-rules.json'}: placing MODELLED assets by the generic rules ${rulesPath} (no city's numbers; every asset is marked modelled)\n`,
      );
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
    const added = nameAssetSources(dir);
    if (added.length) process.stdout.write(`  district.json now lists ${added.join(', ')}\n`);
    return 0;
  },
};

/**
 * Adds the written asset files to district.json's sources where no source serves their role yet, so the next
 * `run` reads them. The files hold WGS84 longitudes and latitudes, so in a district whose default `crs` is another
 * (a national grid) each entry says `"crs": "EPSG:4326"`. The manifest is rewritten as 2-space JSON; its other
 * fields are kept as they were.
 * @returns the files added
 */
function nameAssetSources(dir: string): string[] {
  const path = join(dir, 'district.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as {
    crs?: string;
    sources?: { role?: string; roles?: string[] }[];
  };
  const sources = raw.sources ?? [];
  const served = new Set(sources.flatMap((s) => s.roles ?? (s.role ? [s.role] : [])));
  const wgs84 = raw.crs === undefined || resolveCrs(raw.crs) === resolveCrs('EPSG:4326');
  const added: string[] = [];
  for (const role of ASSET_ROLES) {
    if (served.has(role)) continue;
    sources.push({ role, file: ASSET_FILES[role], ...(wgs84 ? {} : { crs: 'EPSG:4326' }) } as { role: string });
    added.push(ASSET_FILES[role]);
  }
  if (added.length) writeFileSync(path, JSON.stringify({ ...raw, sources }, null, 2) + '\n');
  return added;
}
