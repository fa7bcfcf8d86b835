// Runs an importer over every golden case of one fixture folder: params.json gives origin, CRS, lenient mode and
// whether the case must fail; out/expected.json holds {output, warnings}, out/error.txt the exact error message.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TwinWarning } from '../../../twin/errors.ts';
import type { ImportContext } from '../../../twin/io/import-context.ts';
import type { OsmData } from '../../../twin/io/osm-types.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot, type GoldenCase } from '../../helpers/golden.ts';

/** Parameters a fixture may set in in/params.json. */
export interface VectorParams {
  /** District origin [lon, lat]; default [121.49, 31.24] (the Bund). */
  origin?: [number, number];
  crs?: string;
  lenient?: boolean;
  /** The case must throw; out/error.txt holds the message. */
  expectError?: boolean;
  [key: string]: unknown;
}

/** The folder of one importer's fixtures. */
export function fixtureDir(importer: string): string {
  return path.join(repoRoot, 'tests', 'fixtures', 'twin', importer);
}

/** The import context a case's params describe, its warnings collected in `warnings`. */
export function contextFor(c: GoldenCase, file: string, warnings: TwinWarning[]): ImportContext {
  const p = c.params as VectorParams;
  const [lon, lat] = p.origin ?? [121.49, 31.24];
  return {
    file,
    projector: projectorFor(p.crs ?? 'EPSG:4326', createLocalFrame(lon, lat)),
    opts: { lenient: p.lenient === true, warnings },
  };
}

/**
 * Declares one test per case of `importer`, running `run(case, warnings)` and comparing with out/.
 * The first input file (params.json aside) is the case's main input.
 */
export function describeGolden(importer: string, run: (c: GoldenCase, warnings: TwinWarning[]) => unknown): void {
  describe(`${importer} golden fixtures`, () => {
    for (const c of goldenCases(fixtureDir(importer))) {
      it(c.name, () => {
        const warnings: TwinWarning[] = [];
        if ((c.params as VectorParams).expectError) {
          let message = '';
          try {
            run(c, warnings);
          } catch (err) {
            message = (err as Error).message;
          }
          expect(message, `${c.name} should fail`).not.toBe('');
          expectGoldenText(c.output('error.txt'), message);
        } else {
          const output = run(c, warnings);
          expectGolden(c.output('expected.json'), { output, warnings: warnings.map((w) => w.message) });
        }
      });
    }
  });
}

/**
 * Builds OsmData from a compact JSON fixture: {"nodes": [[id, lon, lat], …], "ways": [{id, nodes, tags}],
 * "relations": [{id, members: [[type, ref, role]], tags}]}.
 */
export function osmFromFixture(text: string): OsmData {
  const raw = JSON.parse(text) as {
    nodes: [number, number, number][];
    ways?: { id: number; nodes: number[]; tags?: Record<string, string> }[];
    relations?: {
      id: number;
      members: ['node' | 'way' | 'relation', number, string][];
      tags?: Record<string, string>;
    }[];
  };
  return {
    nodes: new Map(raw.nodes.map(([id, lon, lat]) => [id, { id, lon, lat }])),
    ways: (raw.ways ?? []).map((w) => ({ id: w.id, nodeIds: w.nodes, tags: w.tags ?? {} })),
    relations: (raw.relations ?? []).map((r) => ({
      id: r.id,
      members: r.members.map(([type, ref, role]) => ({ type, ref, role })),
      tags: r.tags ?? {},
    })),
  };
}
