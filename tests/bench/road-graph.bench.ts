// Bench: the road-graph builder on the Bund's roads and on a 3 × 3 mosaic of them (9× the segments), to show the
// crossing and snapping search scales with the data (exponent ≈ 1), not with its square; and OSM XML vs PBF parsing.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOsmPbf, parseOsmXml } from '../../twin/io/osm.ts';
import { roadsFromGeoJson } from '../../twin/io/roads.ts';
import { createLocalFrame, projectorFor } from '../../twin/projection/index.ts';
import { buildRoadGraph } from '../../twin/road-graph/index.ts';
import type { RoadSegment } from '../../twin/types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeMs(runs: number, fn: () => unknown): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

/** Copies of the roads shifted by whole district widths, ids kept apart, so the mosaic has n × n districts. */
function mosaic(roads: RoadSegment[], n: number, dxM: number, dyM: number): RoadSegment[] {
  const out: RoadSegment[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (const r of roads) {
        const [id, piece] = r.id.split('#');
        out.push({
          ...r,
          id: `${id}-${i}-${j}${piece === undefined ? '' : `#${piece}`}`,
          coords: r.coords.map(([x, y]) => [x + i * dxM, y + j * dyM]),
        });
      }
    }
  }
  return out;
}

/** Runs the bench; `--json` prints exactly one JSON object. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  const ctx = (file: string) => ({
    file,
    projector: projectorFor('EPSG:4326', createLocalFrame(121.5005, 31.2387)),
    opts: {},
  });
  const roads = roadsFromGeoJson(
    readFileSync(join(repoRoot, 'datasets', 'shanghai-bund', 'roads.geojson'), 'utf8'),
    ctx('roads.geojson'),
  );
  const big = mosaic(roads, 3, 4000, 2800);

  // 1. Build times, the district alone and 9 of it.
  const { report } = buildRoadGraph(roads);
  const oneMs = timeMs(5, () => buildRoadGraph(roads));
  const nineMs = timeMs(3, () => buildRoadGraph(big));
  const ratio = nineMs / oneMs;
  const exponent = Math.log(ratio) / Math.log(9);
  log(
    `Bund: ${roads.length} segments → ${report.nodes} nodes, ${report.edges} edges, share ${report.largestComponentShare.toFixed(3)} (without the boundary connectors the district adds; inspect gives the district graph)`,
  );
  log(`build: ${oneMs.toFixed(1)} ms for 1 district, ${nineMs.toFixed(1)} ms for 9 (ratio ${ratio.toFixed(2)})`);

  // 2. The same OSM data from XML and from PBF.
  const xml = readFileSync(join(repoRoot, '..', 'shared', 'data', 'shanghai-peoples-square', 'shanghai.osm'), 'utf8');
  const pbf = new Uint8Array(readFileSync(join(repoRoot, 'datasets', 'peoples-square', 'roads.osm.pbf')));
  const xmlMs = timeMs(5, () => parseOsmXml(xml, 'shanghai.osm'));
  const pbfMs = timeMs(5, () => parseOsmPbf(pbf, 'roads.osm.pbf'));
  log(
    `People's Square: XML ${xmlMs.toFixed(1)} ms, PBF ${pbfMs.toFixed(1)} ms (PBF ${(xmlMs / pbfMs).toFixed(1)}× faster)`,
  );

  const result = {
    segments: roads.length,
    nodes: report.nodes,
    edges: report.edges,
    largestComponentShareWithoutBoundaries: report.largestComponentShare,
    buildMs: oneMs,
    build9xMs: nineMs,
    scalingRatio9x: ratio,
    scalingExponent: exponent,
    osmXmlMs: xmlMs,
    osmPbfMs: pbfMs,
    pbfSpeedup: xmlMs / pbfMs,
  };
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else log(`scaling exponent (time ∝ size^k, 9× the roads): k = ${exponent.toFixed(2)}`);
}
