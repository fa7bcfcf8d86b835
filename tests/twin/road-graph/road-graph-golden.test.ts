// Golden fixtures of the road graph: GeoJSON roads in metres (a transverse Mercator on the district origin, so the
// numbers in the files are the local frame's), the graph's nodes, edges and report compared with out/expected.json.
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import { roadsFromGeoJson } from '../../../twin/io/roads.ts';
import { buildRoadGraph, type BuildRoadGraphOptions } from '../../../twin/road-graph/index.ts';
import { contextFor, describeGolden } from '../io/vector-golden.ts';

describeGolden('road-graph', (c, warnings) => {
  const file = c.inputs[0];
  const roads = roadsFromGeoJson(c.readInput(file), contextFor(c, file, warnings));
  const opts = (c.params.graph ?? {}) as BuildRoadGraphOptions & { grid?: GridSpec };
  const { graph, report } = buildRoadGraph(roads, opts);
  return {
    nodes: graph.mapNodes((key, a) => ({ key, x: a.x, y: a.y })),
    edges: graph.mapEdges((key, a, source, target) => ({ key, source, target, ...a })),
    report,
  };
});
