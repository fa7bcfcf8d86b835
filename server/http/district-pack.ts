// The district pack an offline build carries (npm run build writes it into scenes/dist/districts/): for each district
// the same bytes the API serves — the list entry, the layers, the ground (RTT1, gzip) and the road-graph edges — so
// the static app opens a record zip with no server. Run as a script: node --import tsx server/http/district-pack.ts <dist>.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_LAYERS, districtLayer } from '../../twin/district/index.ts';
import { encodeTerrainMessage } from '../../twin/grid/index.ts';
import { roadEdgeLines } from '../../twin/road-graph/index.ts';
import { BUNDLED_DISTRICT } from './app.ts';
import { DistrictRegistry, districtInfo } from './district-registry.ts';

/** The files of the pack: path under the output folder → bytes. */
export async function districtPackFiles(districtDirs: readonly string[]): Promise<Map<string, Uint8Array>> {
  const reg = await DistrictRegistry.load(districtDirs);
  const files = new Map<string, Uint8Array>();
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const index = [];
  for (const e of reg.list()) {
    const twin = reg.twin(e.id);
    index.push(districtInfo(e));
    for (const layer of APP_LAYERS)
      files.set(`districts/${e.id}/layers/${layer}.geojson`, json(districtLayer(e.district, layer)));
    files.set(`districts/${e.id}/terrain.rtt.gz`, gzipSync(encodeTerrainMessage(twin.grid), { level: 9 }));
    files.set(`districts/${e.id}/road-edges.geojson`, json(roadEdgeLines(twin.graph, e.district.frame)));
  }
  files.set('districts/index.json', json(index));
  return files;
}

/** Writes the pack under `outDir`; returns the paths written. */
export async function writeDistrictPack(
  outDir: string,
  districtDirs: readonly string[] = [BUNDLED_DISTRICT],
): Promise<string[]> {
  const files = await districtPackFiles(districtDirs);
  for (const [path, bytes] of files) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  }
  return [...files.keys()];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'scenes', 'dist');
  const dirs = process.env.DISTRICTS ? process.env.DISTRICTS.split(',') : [BUNDLED_DISTRICT];
  writeDistrictPack(out, dirs).then(
    (paths) => process.stdout.write(`district pack: ${paths.length} files in ${join(out, 'districts')}\n`),
    (e: unknown) => {
      process.stderr.write(`district pack: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
