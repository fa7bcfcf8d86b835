// The modelled terrain on a synthetic district with exact levels (no undulation): ground, kerbs, the creek-side
// lowering, walls at crest height on every land face of the river, underpass ramps below the road; goldens of the bed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, rasteriseDistrict, SurfaceClass, type RasterisedGrid } from '../../../twin/grid/index.ts';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { valueNoise } from '../../../twin/terrain/index.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';
import { readDistrictFixture } from '../grid/district-fixture.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/terrain');

function build(name: string): RasterisedGrid {
  const c = goldenCases(fixtures).find((k) => k.name === name)!;
  const { input, options } = readDistrictFixture(c);
  return rasteriseDistrict(input, options);
}

describe('modelled terrain goldens', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, () => {
      const { input, options } = readDistrictFixture(c);
      const g = rasteriseDistrict(input, options);
      expectGoldenText(c.output('bed.asc'), formatEsriAscii({ ...g, values: g.bedM }, 2));
      expectGolden(c.output('walls.json'), g.report.modelledWalls, { digits: 3 });
      expectGolden(c.output('portals.json'), g.report.underpasses, { digits: 3 });
    });
  }
});

describe('modelled terrain rules', () => {
  const g = build('creek-and-underpass');
  const bed = (x: number, y: number): number => g.bedM[cellAt(g, x, y)];

  it('sets the ground, and the carriageway a kerb lower', () => {
    // Far from the creek (more than 20 m): ground 3.7, carriageway 3.55.
    expect(bed(90, 10)).toBeCloseTo(3.7, 5);
    expect(bed(90, 30)).toBeCloseTo(3.55, 5);
    // Under the overpassing road's crossing, the tunnel is not drawn; the overpass is carriageway.
    expect(g.surface[cellAt(g, 50, 20)]).toBe(SurfaceClass.Road);
  });

  it('lowers the ground towards the creek, linearly over 20 m', () => {
    // Cell centre (81, 55): the creek's lower edge there is y = 62 + 8·81/100 = 68.48; the distance field measures
    // to the nearest creek cell centre, so allow a cell's tolerance.
    const i = cellAt(g, 81, 55);
    const [x, y] = cellCentre(g, i);
    const d = 62 + (8 * x) / 100 - y;
    const expected = 3.7 - 0.4 * Math.max(0, 1 - d / 20);
    expect(g.bedM[i]).toBeGreaterThan(expected - 0.06);
    expect(g.bedM[i]).toBeLessThan(expected + 0.06);
    expect(g.bedM[i]).toBeLessThan(3.7);
  });

  it('puts a wall at crest height on every land cell that shares a face with the river, and nowhere else', () => {
    const { nx, ny } = g;
    let walls = 0;
    for (let r = 0; r < ny; r++)
      for (let c = 0; c < nx; c++) {
        const i = r * nx + c;
        const land = g.surface[i] !== SurfaceClass.Water;
        const touchesRiver =
          (r > 0 && g.riverMask[i - nx] === 1) ||
          (c > 0 && g.riverMask[i - 1] === 1) ||
          (c < nx - 1 && g.riverMask[i + 1] === 1) ||
          (r < ny - 1 && g.riverMask[i + nx] === 1);
        if (land && touchesRiver) {
          walls++;
          expect(g.wallCrestM[i]).toBe(Math.fround(5.2));
          expect(g.bedM[i]).toBe(Math.fround(5.2));
        } else expect(Number.isNaN(g.wallCrestM[i]), `cell ${i}`).toBe(true);
      }
    expect(walls).toBeGreaterThan(80);
    expect(g.report.modelled?.wallCells).toBe(walls);
    expect(bed(50, 75)).toBe(-1);
    expect(g.report.modelledWalls.every((w) => w.source === 'modelled' && w.crestM === 5.2)).toBe(true);
  });

  it('finds the underpass portals (not the joint, not the overpass, not the tunnel that runs off the data)', () => {
    const ids = g.report.underpasses.map((p) => p.id).sort();
    expect(ids).toEqual(['portal-t-1-start', 'portal-t-2-end', 'portal-t-edge-end']);
    const west = g.report.underpasses.find((p) => p.id === 'portal-t-1-start')!;
    // The ramp runs back along both west pieces for 30 m.
    expect(west.approachIds).toEqual(['a-west-2', 'a-west-1']);
    expect(west.ramp[0]).toEqual([40, 30]);
    expect(west.ramp[west.ramp.length - 1]).toEqual([10, 30]);
  });

  it('dips the ramp below the surrounding road, deepest at the portal', () => {
    const road = bed(90, 30);
    // At the portal (cell centre 39 m, 1 m from it): road − 4 · (1 − 1/30).
    expect(bed(39, 30)).toBeCloseTo(road - 4 * (1 - 1 / 30), 4);
    // Halfway up the ramp: half the dip.
    expect(bed(25, 30)).toBeCloseTo(road - 4 * (1 - 15 / 30), 4);
    // Beyond the ramp, back at road level; every ramp cell lower than the road around it.
    expect(bed(5, 30)).toBeCloseTo(road, 4);
    for (let x = 11; x < 40; x += 2) expect(bed(x, 30)).toBeLessThan(road);
    expect(bed(61, 30)).toBeLessThan(bed(71, 30));
    expect(bed(71, 30)).toBeLessThan(bed(95, 30));
  });
});

describe('value noise', () => {
  it('is fixed in the local frame: the same point gives the same value whatever the grid', () => {
    expect(valueNoise(123.4, -56.7, 300, 2024)).toBe(valueNoise(123.4, -56.7, 300, 2024));
    expect(valueNoise(123.4, -56.7, 300, 2024)).not.toBe(valueNoise(123.4, -56.7, 300, 2025));
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < 2000; k++) {
      const v = valueNoise(k * 7.3, k * 3.1, 50, 9);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(max - min).toBeGreaterThan(1);
  });
});
