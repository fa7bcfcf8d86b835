// Golden fixtures of the road graph: GeoJSON roads in metres (a transverse Mercator on the district origin, so the
// numbers in the files are the local frame's), the graph's nodes, edges and report compared with out/expected.json.
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import { roadsFromGeoJson } from '../../../twin/io/roads.ts';
import { buildRoadGraph, type BuildRoadGraphOptions } from '../../../twin/road-graph/index.ts';
import { contextFor, describeGolden } from '../io/vector-golden.ts';

/** Millimetres, with -0 made 0: the projection leaves ±1e-10 m where the fixture says 0, and -0 ≠ 0 to toEqual. */
const mm = (v: number) => Math.round(v * 1000) / 1000 + 0;

describeGolden('road-graph', (c, warnings) => {
  const file = c.inputs[0];
  const roads = roadsFromGeoJson(c.readInput(file), contextFor(c, file, warnings));
  const opts = (c.params.graph ?? {}) as BuildRoadGraphOptions & { grid?: GridSpec };
  const { graph, report } = buildRoadGraph(roads, opts);
  return {
    nodes: graph.mapNodes((key, a) => ({ key, x: mm(a.x), y: mm(a.y) })),
    edges: graph.mapEdges((key, a, source, target) => ({
      key,
      source,
      target,
      ...a,
      lengthM: mm(a.lengthM),
      coords: a.coords.map(([x, y]) => [mm(x), mm(y)]),
    })),
    report,
  };
});
