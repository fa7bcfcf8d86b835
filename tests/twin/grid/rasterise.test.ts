// rasteriseDistrict on synthetic districts (golden layer maps, bed as ESRI ASCII, report) and the rules the layers
// must follow; determinism under shuffled input; the bundled Bund district at 5 m.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cellAt,
  DEFAULT_SURFACE_PARAMETERS,
  InfiltrationClass,
  rasteriseDistrict,
  SurfaceClass,
  type RasterisedGrid,
} from '../../../twin/grid/index.ts';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';
import { gridHash, layersText, readDistrictFixture } from './district-fixture.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/grid/districts');
const caseNamed = (name: string) => goldenCases(fixtures).find((c) => c.name === name)!;

function run(name: string): RasterisedGrid {
  const { input, options } = readDistrictFixture(caseNamed(name));
  return rasteriseDistrict(input, options);
}

describe('rasteriseDistrict golden districts', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, () => {
      const { input, options } = readDistrictFixture(c);
      const g = rasteriseDistrict(input, options);
      expectGoldenText(c.output('layers.txt'), layersText(g));
      expectGoldenText(c.output('bed.asc'), formatEsriAscii({ ...g, values: g.bedM, nodata: -9999 }, 2));
      expectGolden(c.output('report.json'), g.report, { digits: 3 });
    });
  }
});

describe('rasteriseDistrict layers', () => {
  const g = run('riverside-modelled');
  const at = (x: number, y: number): number => cellAt(g, x, y);

  it('masks building cells by centre, leaving a courtyard (hole) open', () => {
    expect(g.buildingMask[at(15, 50)]).toBe(1);
    expect(g.buildingMask[at(58, 51)]).toBe(0);
    expect(g.buildingMask[at(52, 46)]).toBe(1);
    // b2 spans 10..22 × 44..56: 6 × 6 cells of 2 m.
    let count = 0;
    for (let y = 45; y < 56; y += 2) for (let x = 11; x < 22; x += 2) count += g.buildingMask[at(x, y)];
    expect(count).toBe(36);
    expect(g.report.cells.building).toBe(36 + (8 * 7 - 3 * 2));
  });

  it('gives each surface its Manning n and infiltration class', () => {
    const p = DEFAULT_SURFACE_PARAMETERS.surfaces;
    const checks: [number, number, number][] = [
      [at(30, 40), SurfaceClass.Road, InfiltrationClass.Impervious],
      [at(60, 20), SurfaceClass.Green, InfiltrationClass.Green],
      [at(90, 40), SurfaceClass.Water, InfiltrationClass.Water],
      [at(25, 30), SurfaceClass.Paved, InfiltrationClass.Impervious],
      [at(15, 50), SurfaceClass.Roof, InfiltrationClass.Impervious],
    ];
    for (const [i, surface, infil] of checks) {
      expect(g.surface[i]).toBe(surface);
      expect(g.manningN[i]).toBe(Math.fround(p[surface].manningN));
      expect(g.infiltrationClass[i]).toBe(infil);
    }
  });

  it('does not draw bridges, tunnels or ferries on the ground', () => {
    expect(g.surface[at(30, 68)]).toBe(SurfaceClass.Water);
    expect(g.surface[at(40, 10)]).not.toBe(SurfaceClass.Road);
    expect(g.surface[at(90, 10)]).toBe(SurfaceClass.Water);
  });

  it('holds rivers (by kind, or by rule) at the stage, not ponds', () => {
    expect(g.riverMask[at(90, 40)]).toBe(1);
    expect(g.riverMask[at(20, 68)]).toBe(1);
    expect(g.riverMask[at(13, 13)]).toBe(0);
    const onDem = run('town-on-dem');
    // Without rules the creek polygon (kind "water") is not a river.
    expect(onDem.riverMask[cellAt(onDem, 20, 68)]).toBe(0);
  });

  it('fills catchments and the default drainage, none under water', () => {
    expect(g.catchmentId[at(20, 30)]).toBe(0);
    expect(g.drainCapacityMmPerH[at(20, 30)]).toBe(50);
    expect(g.catchmentId[at(60, 30)]).toBe(-1);
    expect(g.drainCapacityMmPerH[at(60, 30)]).toBe(36);
    expect(g.drainCapacityMmPerH[at(13, 13)]).toBe(0);
  });

  it('burns imported walls into the bed and skips the ones marked modelled', () => {
    const d = run('town-on-dem');
    const i = cellAt(d, 78, 40);
    expect(d.wallCrestM[i]).toBe(6.5);
    expect(d.bedM[i]).toBe(6.5);
    expect(d.riverMask[i]).toBe(0);
    expect(Number.isNaN(d.wallCrestM[cellAt(d, 10, 30)])).toBe(true);
    expect(d.report.dem?.nodataCells).toBeGreaterThan(0);
  });

  it('is byte-identical across runs and under shuffled input order', () => {
    const c = caseNamed('riverside-modelled');
    const a = readDistrictFixture(c);
    const b = readDistrictFixture(c);
    b.input.buildings = [...b.input.buildings].reverse();
    b.input.roads = [...b.input.roads].reverse();
    b.input.water = [...b.input.water].reverse();
    b.input.landCover = [...b.input.landCover].reverse();
    const ga = rasteriseDistrict(a.input, a.options);
    expect(gridHash(rasteriseDistrict(b.input, b.options))).toBe(gridHash(ga));
    expect(gridHash(rasteriseDistrict(a.input, a.options))).toBe(gridHash(ga));
  });
});

describe('rasteriseDistrict on the bundled Bund district', () => {
  it('rasterises at 5 m with modelled terrain, deterministically', async () => {
    const { loadDistrict } = await import('../../../twin/district/load-district.node.ts');
    const { parseTerrainRules } = await import('../../../twin/terrain/index.ts');
    const d = await loadDistrict(path.join(repoRoot, 'datasets/shanghai-bund'));
    const rulesFile = path.join(repoRoot, 'datasets/shanghai-bund/terrain-rules.json');
    const terrainRules = parseTerrainRules(JSON.parse(readFileSync(rulesFile, 'utf8')), rulesFile);
    const input = { ...d, extent: d.extent, terrainRules };
    const g = rasteriseDistrict(input, { cellM: 5 });
    expect(g.nx * g.ny).toBeGreaterThan(400_000);
    expect(g.report.cells.building).toBeGreaterThan(30_000);
    expect(g.report.cells.river).toBeGreaterThan(50_000);
    expect(g.report.modelled?.waterByRule.Huangpu.length).toBeGreaterThan(0);
    expect(g.report.modelledWalls.length).toBeGreaterThan(10);
    expect(g.report.underpasses.length).toBeGreaterThan(10);
    // Land is 3–4 m above Wusong except walls (crest) and underpass ramps.
    let land = 0;
    for (let i = 0; i < g.bedM.length; i++) {
      if (g.riverMask[i] || !Number.isNaN(g.wallCrestM[i]) || g.surface[i] === SurfaceClass.Water) continue;
      if (g.bedM[i] >= 3 && g.bedM[i] <= 4) land++;
    }
    expect(land / g.bedM.length).toBeGreaterThan(0.7);
    expect(gridHash(rasteriseDistrict(input, { cellM: 5 }))).toBe(gridHash(g));
  });
});
