// Reads a synthetic district fixture (tests/fixtures/twin/grid/districts/<name>/in/) into rasteriser input, and
// prints grids as text for golden files: shared by the grid and terrain tests.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Grid } from '../../../twin/grid/index.ts';
import type { RasteriseInput, RasteriseOptions } from '../../../twin/grid/index.ts';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { parseTerrainRules } from '../../../twin/terrain/index.ts';
import type { GoldenCase } from '../../helpers/golden.ts';

/** The fixture's layers, DEM (in/dem.asc, local metres) and rules (in/terrain-rules.json), and its options. */
export function readDistrictFixture(c: GoldenCase): { input: RasteriseInput; options: RasteriseOptions } {
  const input = JSON.parse(c.readInput('district.json')) as RasteriseInput;
  if (existsSync(c.input('dem.asc'))) input.dem = parseEsriAscii(c.readInput('dem.asc'), 'dem.asc');
  if (existsSync(c.input('terrain-rules.json'))) {
    input.terrainRules = parseTerrainRules(JSON.parse(c.readInput('terrain-rules.json')), 'terrain-rules.json');
  }
  return { input, options: { ...(c.params as RasteriseOptions), demFile: 'dem.asc' } };
}

const SURFACE_CHARS = '.=#"~';

/** Surface (with W on wall cells), river mask and catchment maps as text, row 0 north. */
export function layersText(g: Grid): string {
  const map = (title: string, f: (i: number) => string): string => {
    const rows = [title];
    for (let r = 0; r < g.ny; r++) {
      let s = '';
      for (let c = 0; c < g.nx; c++) s += f(r * g.nx + c);
      rows.push(s);
    }
    return rows.join('\n');
  };
  return [
    map('surface (. paved, = road, # roof, " green, ~ water, W wall)', (i) =>
      Number.isNaN(g.wallCrestM[i]) ? SURFACE_CHARS[g.surface[i]] : 'W',
    ),
    map('river mask (R)', (i) => (g.riverMask[i] ? 'R' : '.')),
    map('catchment (- none)', (i) => (g.catchmentId[i] < 0 ? '-' : String(g.catchmentId[i] % 10))),
  ].join('\n\n');
}

/** SHA-256 over every layer's bytes, in a fixed order: equal hashes mean byte-identical grids. */
export function gridHash(g: Grid): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([g.nx, g.ny, g.cellM, g.x0, g.y0]));
  for (const a of [
    g.bedM,
    g.buildingMask,
    g.manningN,
    g.infiltrationClass,
    g.drainCapacityMmPerH,
    g.catchmentId,
    g.riverMask,
    g.wallCrestM,
    g.surface,
  ]) {
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return h.digest('hex');
}
