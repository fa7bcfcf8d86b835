// Golden fixtures of the OSM readers: every input of a case (XML, and PBF made from it by osmium) must parse to the
// same element model, equal to out/expected.json; broken cases must fail with the message in out/error.txt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TwinError, type TwinWarning } from '../../../twin/errors.ts';
import { parseOsmPbf, parseOsmXml, type OsmData } from '../../../twin/io/osm.ts';
import { expectGolden, expectGoldenText, goldenCases } from '../../helpers/golden.ts';
import { fixtureDir } from './vector-golden.ts';

function parse(path: string, file: string, lenient: boolean, warnings: TwinWarning[]): OsmData {
  const opts = { lenient, warnings };
  if (file.endsWith('.pbf')) return parseOsmPbf(new Uint8Array(readFileSync(path)), file, opts);
  return parseOsmXml(readFileSync(path, 'utf8'), file, opts);
}

describe('OSM golden fixtures', () => {
  for (const c of goldenCases(fixtureDir('osm'))) {
    it(c.name, () => {
      const lenient = c.params.lenient === true;
      if (c.params.expectError) {
        expect(c.inputs).toHaveLength(1);
        const file = c.inputs[0];
        let error: unknown;
        try {
          parse(c.input(file), file, lenient, []);
        } catch (e) {
          error = e;
        }
        expect(error, `${c.name} should fail`).toBeInstanceOf(TwinError);
        expect((error as TwinError).where.file).toBe(file);
        expectGoldenText(c.output('error.txt'), (error as Error).message);
        return;
      }
      const results = c.inputs.map((file) => {
        const warnings: TwinWarning[] = [];
        return { file, osm: parse(c.input(file), file, lenient, warnings), warnings };
      });
      // XML and the PBF osmium wrote from it (dense/zlib and plain/raw) describe the same data.
      for (const r of results.slice(1)) expect(r.osm, `${r.file} vs ${results[0].file}`).toEqual(results[0].osm);
      expectGolden(
        c.output('expected.json'),
        {
          osm: results[0].osm,
          warnings: results[0].warnings.map((w) => w.message),
        },
        { digits: 9 },
      );
    });
  }
});
