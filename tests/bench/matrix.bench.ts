// Bench: a 20 trucks × 200 sites travel-time matrix on the Bund district's road graph, CSR Dijkstra (one search per
// truck, early exit) against per-pair graphology-shortest-path bidirectional Dijkstra. Prints the ratio last.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from 'graphology-components';
import { dijkstra } from 'graphology-shortest-path';
import { mulberry32 } from '../../simulation/random.ts';
import { FloodAwareNetwork, RouteFinder, atNode, travelTimeMatrix } from '../../simulation/roads/index.ts';
import { createLocalFrame, projectorFor } from '../../twin/projection/index.ts';
import type { RoadEdgeAttributes, RoadGraph, RoadNodeAttributes } from '../../twin/road-graph/types.ts';
import type { XY } from '../../twin/types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TRUCKS = 20;
const SITES = 200;
const SEED = 20240920;

/** Runs the bench; `--json` prints exactly one JSON object. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  const { graph, source } = await districtGraph();
  const net = FloodAwareNetwork.fromGraph(graph);
  const finder = new RouteFinder(net);
  log(`graph (${source}): ${graph.order} nodes, ${graph.size} edges`);

  // Trucks and sites at distinct random junctions, from a fixed seed.
  const rnd = mulberry32(SEED);
  const picked = new Set<number>();
  const pick = (): number => {
    for (;;) {
      const v = rnd.int(net.csr.nodeCount);
      if (!picked.has(v)) return (picked.add(v), v);
    }
  };
  const trucks = Array.from({ length: TRUCKS }, pick);
  const sites = Array.from({ length: SITES }, pick);
  const truckLocs = trucks.map(atNode);
  const siteLocs = sites.map(atNode);

  // 1. CSR matrix: warm up, then the median of several runs.
  const out = new Float64Array(TRUCKS * SITES);
  travelTimeMatrix(finder, 'car', truckLocs, siteLocs, { out });
  const csrRuns: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t0 = performance.now();
    travelTimeMatrix(finder, 'car', truckLocs, siteLocs, { out });
    csrRuns.push(performance.now() - t0);
  }
  const matrixMs = median(csrRuns);

  // 2. The same matrix pair by pair with graphology, weighting edges by the same dry travel time.
  const weight = (_e: string, a: RoadEdgeAttributes): number => (a.lengthM / a.freeSpeedKmh) * 3.6;
  const ref = new Float64Array(TRUCKS * SITES);
  const graphologyPass = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < TRUCKS; i++) {
      for (let j = 0; j < SITES; j++) {
        const path = dijkstra.bidirectional(graph, net.csr.nodeIds[trucks[i]], net.csr.nodeIds[sites[j]], weight);
        let t = Infinity;
        if (path) {
          t = 0;
          for (let k = 0; k + 1 < path.length; k++) t += weight('', graph.getEdgeAttributes(path[k], path[k + 1]));
        }
        ref[i * SITES + j] = t;
      }
    }
    return performance.now() - t0;
  };
  graphologyPass();
  const graphologyMs = median([graphologyPass(), graphologyPass(), graphologyPass()]);

  let maxDiff = 0;
  for (let i = 0; i < out.length; i++) {
    const d = out[i] === ref[i] ? 0 : Math.abs(out[i] - ref[i]);
    if (!(d <= maxDiff)) maxDiff = d;
  }
  if (!(maxDiff < 1e-6)) throw new Error(`matrix bench: CSR and graphology disagree by ${maxDiff} s`);
  log(
    `CSR matrix ${matrixMs.toFixed(2)} ms, graphology per pair ${graphologyMs.toFixed(1)} ms, agree within ${maxDiff} s`,
  );
  const result = {
    trucks: TRUCKS,
    sites: SITES,
    matrixMs: round(matrixMs),
    graphologyMs: round(graphologyMs),
    ratio: round(graphologyMs / matrixMs),
    nodes: graph.order,
    edges: graph.size,
    graph: source,
  };
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `ratio ${result.ratio}\n`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The Bund district's drivable road graph, through the twin's loader once it exists (twin/district loadDistrict, or the
 * road importer + buildRoadGraph); until then a bench-local builder from the Tilezen roads layer.
 */
async function districtGraph(): Promise<{ graph: RoadGraph; source: string }> {
  const dataDir = existsSync(join(repoRoot, 'datasets', 'shanghai-bund', 'roads.geojson'))
    ? join(repoRoot, 'datasets', 'shanghai-bund')
    : join(repoRoot, '..', 'shared', 'data', 'shanghai-bund');
  const file = join(dataDir, 'roads.geojson');
  const frame = createLocalFrame(121.5005, 31.2387);
  const projector = projectorFor('EPSG:4326', frame);
  const builderPath = join(repoRoot, 'twin', 'road-graph', 'index.ts');
  const importerPath = join(repoRoot, 'twin', 'io', 'roads.ts');
  if (existsSync(builderPath) && existsSync(importerPath)) {
    // Half-written modules (another engineer mid-edit) fall back to the bench's builder rather than failing.
    const builder = ((await import(builderPath).catch(() => null)) ?? {}) as Record<string, unknown>;
    const importer = ((await import(importerPath).catch(() => null)) ?? {}) as Record<string, unknown>;
    if (typeof builder.buildRoadGraph === 'function' && typeof importer.roadsFromGeoJson === 'function') {
      const segments = importer.roadsFromGeoJson(readFileSync(file, 'utf8'), { file, projector, opts: {} });
      const built = builder.buildRoadGraph(segments) as RoadGraph | { graph: RoadGraph };
      return { graph: 'graph' in built ? built.graph : built, source: 'buildRoadGraph' };
    }
  }
  return { graph: benchRoadGraph(JSON.parse(readFileSync(file, 'utf8')), projector.toLocal), source: 'bench-builder' };
}

interface TilezenFeature {
  geometry: { type: string; coordinates: unknown };
  properties: { kind?: string; kind_detail?: string; oneway?: string; id?: number };
}

const NOT_DRIVABLE = new Set(['footway', 'path', 'pedestrian', 'cycleway', 'steps', 'pier', 'track', 'bridleway']);
const SPEED_KMH: Record<string, number> = { trunk: 60, primary: 50, secondary: 40, tertiary: 35, residential: 25 };

/**
 * A stand-in for buildRoadGraph: junctions where pieces share a vertex (to 1 m), edges along the pieces between them,
 * largest strongly connected component kept. No tile-edge joining, so it is smaller than the real graph will be.
 */
function benchRoadGraph(fc: { features: TilezenFeature[] }, toLocal: (x: number, y: number) => XY): RoadGraph {
  const lines: { coords: XY[]; keys: string[]; oneway: boolean; speed: number; id: string }[] = [];
  const uses = new Map<string, number>();
  fc.features.forEach((f, i) => {
    const p = f.properties;
    if ((p.kind !== 'major_road' && p.kind !== 'minor_road') || NOT_DRIVABLE.has(p.kind_detail ?? '')) return;
    const parts = (
      f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates
    ) as number[][][];
    for (const part of parts) {
      const coords = part.map(([lon, lat]) => toLocal(lon, lat));
      const keys = coords.map(([x, y]) => `${Math.round(x)},${Math.round(y)}`);
      keys.forEach((k, j) => uses.set(k, (uses.get(k) ?? 0) + (j === 0 || j === keys.length - 1 ? 2 : 1)));
      const detail = (p.kind_detail ?? '').replace(/_link$/, '');
      lines.push({
        coords,
        keys,
        oneway: p.oneway === 'yes',
        speed: SPEED_KMH[detail] ?? 20,
        id: `${p.id ?? 'f'}:${i}`,
      });
    }
  });
  const graph: RoadGraph = new DirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>();
  for (const line of lines) {
    let start = 0;
    for (let j = 1; j < line.coords.length; j++) {
      if (j < line.coords.length - 1 && (uses.get(line.keys[j]) ?? 0) < 2) continue;
      const coords = line.coords.slice(start, j + 1);
      const [a, b] = [line.keys[start], line.keys[j]];
      const segmentId = `${line.id}@${start}`;
      start = j;
      if (a === b) continue;
      for (const [k, xy] of [
        [a, coords[0]],
        [b, coords[coords.length - 1]],
      ] as const) {
        if (!graph.hasNode(k)) graph.addNode(k, { x: xy[0], y: xy[1] });
      }
      let lengthM = 0;
      for (let q = 0; q + 1 < coords.length; q++)
        lengthM += Math.hypot(coords[q + 1][0] - coords[q][0], coords[q + 1][1] - coords[q][1]);
      const attrs = (c: XY[]): RoadEdgeAttributes => ({
        segmentId,
        lengthM,
        roadClass: 'other',
        highway: 'road',
        freeSpeedKmh: line.speed,
        oneway: line.oneway,
        bridge: false,
        tunnel: false,
        coords: c,
        cells: new Int32Array(0),
      });
      if (!graph.hasEdge(a, b)) graph.addDirectedEdge(a, b, attrs(coords));
      if (!line.oneway && !graph.hasEdge(b, a)) graph.addDirectedEdge(b, a, attrs([...coords].reverse()));
    }
  }
  const largest = stronglyConnectedComponents(graph).reduce((best, c) => (c.length > best.length ? c : best), []);
  const keep = new Set(largest);
  for (const node of graph.nodes()) if (!keep.has(node)) graph.dropNode(node);
  return graph;
}
