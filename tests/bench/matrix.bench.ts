// Bench: a 20 trucks × 200 sites travel-time matrix on the Bund district's road graph, CSR Dijkstra (one search per
// truck, early exit) against per-pair graphology-shortest-path bidirectional Dijkstra. Prints the ratio last.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dijkstra } from 'graphology-shortest-path';
import { mulberry32 } from '../../simulation/random.ts';
import { FloodAwareNetwork, RouteFinder, atNode, travelTimeMatrix } from '../../simulation/roads/index.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import { districtRoadGraph } from '../../twin/district/boundaries.ts';
import type { RoadEdgeAttributes, RoadGraph } from '../../twin/road-graph/index.ts';

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

/** The bundled district's drivable road graph, as the twin loads and builds it. */
async function districtGraph(): Promise<{ graph: RoadGraph; source: string }> {
  const district = await loadDistrict(join(repoRoot, 'datasets', 'shanghai-bund'));
  return { graph: districtRoadGraph(district).graph, source: 'datasets/shanghai-bund' };
}
