// Whole districts from small folders: every case in tests/fixtures/twin/district/<name>/in/ is a district folder
// (district.json and its files). out/expected.json holds where it landed and what it holds; out/error.txt the message
// when in/params.json says it must fail. params.json also sets "lenient" (as --lenient would).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TwinError } from '../../../twin/errors.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { localToWgs84 } from '../../../twin/projection/index.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/district');

describe('district golden fixtures', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, async () => {
      const options = c.params.lenient === true ? { lenient: true } : {};
      // Messages about files on disk carry the absolute path: the golden text keeps it relative to in/.
      const relative = (text: string) => text.split(`${c.inDir}/`).join('');
      if (c.params.expectError) {
        const err = await loadDistrict(c.inDir, options).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, `${c.name} should fail`).toBeInstanceOf(TwinError);
        const message = relative((err as Error).message);
        expect(message).toMatch(/Fix: /);
        expectGoldenText(c.output('error.txt'), message);
        return;
      }
      const d = await loadDistrict(c.inDir, options);
      const sw = localToWgs84(d.frame, d.extent.minX, d.extent.minY);
      const ne = localToWgs84(d.frame, d.extent.maxX, d.extent.maxY);
      expectGolden(c.output('expected.json'), {
        origin: [d.frame.originLon, d.frame.originLat],
        extentLonLat: [sw[0], sw[1], ne[0], ne[1]],
        terrain: d.terrain.provenance,
        buildings: d.buildings.map((b) => ({ id: b.id, polygons: b.footprint.length })),
        roads: d.roads.map((r) => r.id),
        water: d.water.map((w) => ({ id: w.id, polygons: w.polygons.length })),
        warnings: d.warnings.map((w) => relative(w.message)),
      });
    });
  }
});
