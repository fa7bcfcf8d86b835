// Golden fixtures of the road importers: Tilezen and OSM-tagged GeoJSON, OSM ways; broken layers fail with the file,
// feature and field in the message, lenient loading skips the bad feature and says so.
import { readFileSync } from 'node:fs';
import { parseOsm } from '../../../twin/io/osm.ts';
import { roadsFromGeoJson, roadsFromOsm } from '../../../twin/io/roads.ts';
import { contextFor, describeGolden } from './vector-golden.ts';

describeGolden('roads', (c, warnings) => {
  const file = c.inputs[0];
  const ctx = contextFor(c, file, warnings);
  if (file.endsWith('.osm') || file.endsWith('.pbf')) {
    return roadsFromOsm(parseOsm(new Uint8Array(readFileSync(c.input(file))), file, ctx.opts), ctx);
  }
  return roadsFromGeoJson(c.readInput(file), ctx);
});
