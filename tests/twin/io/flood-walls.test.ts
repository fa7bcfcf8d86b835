import { floodWallsFromGeoJson, floodWallsFromOsm } from '../../../twin/io/vector.ts';
import { contextFor, describeGolden, osmFromFixture } from './vector-golden.ts';

describeGolden('flood-walls', (c, warnings) =>
  c.params.format === 'osm'
    ? floodWallsFromOsm(osmFromFixture(c.readInput('osm.json')), contextFor(c, 'district.osm', warnings), {
        groundM: c.params.groundM as number | undefined,
      })
    : floodWallsFromGeoJson(c.readInput('walls.geojson'), contextFor(c, 'walls.geojson', warnings)),
);
