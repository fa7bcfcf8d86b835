// Scanline polygon fill by cell centre: exact cells for a square, holes left empty, golden masks, and agreement with
// a brute-force even-odd point-in-polygon test on seeded random polygons.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillPolygon, polygonCells, type GridSpec } from '../../../twin/grid/index.ts';
import type { PolygonXY, XY } from '../../../twin/types.ts';
import { expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/grid/polygons');

/** The grid as text, row 0 (north) first: '#' inside, '.' outside. */
function maskText(spec: GridSpec, mask: Uint8Array): string {
  const rows: string[] = [];
  for (let r = 0; r < spec.ny; r++) {
    let s = '';
    for (let c = 0; c < spec.nx; c++) s += mask[r * spec.nx + c] ? '#' : '.';
    rows.push(s);
  }
  return rows.join('\n');
}

/** Even-odd test of a point against every ring. */
function insideEvenOdd(polygon: PolygonXY, x: number, y: number): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi <= y !== yj <= y && x < xj + ((y - yj) / (yi - yj)) * (xi - xj)) inside = !inside;
    }
  }
  return inside;
}

describe('fillPolygon', () => {
  it('a 4 m square building on a 1 m grid covers exactly its 16 cells', () => {
    const spec: GridSpec = { nx: 10, ny: 10, cellM: 1, x0: 0, y0: 0 };
    const square: PolygonXY = [
      [
        [3, 2],
        [7, 2],
        [7, 6],
        [3, 6],
        [3, 2],
      ],
    ];
    const cells = Array.from(polygonCells(spec, square));
    const expected: number[] = [];
    // y 2..6 → centres 2.5..5.5 → rows 9-5 .. 9-2 = 4..7; x 3..7 → cols 3..6.
    for (let r = 4; r <= 7; r++) for (let c = 3; c <= 6; c++) expected.push(r * 10 + c);
    expect(cells).toEqual(expected);
  });

  it('leaves a hole empty and counts the cells it wrote', () => {
    const spec: GridSpec = { nx: 8, ny: 8, cellM: 1, x0: 0, y0: 0 };
    const ring = (x0: number, y0: number, x1: number, y1: number): XY[] => [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ];
    const mask = new Uint8Array(64);
    const written = fillPolygon(spec, [ring(1, 1, 7, 7), ring(3, 3, 5, 5)], mask, 1);
    expect(written).toBe(36 - 4);
    expect(mask[4 * 8 + 3]).toBe(0);
    expect(mask[1 * 8 + 1]).toBe(1);
  });

  it('agrees with a brute-force even-odd test on random polygons with holes', () => {
    let seed = 12345;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const spec: GridSpec = { nx: 40, ny: 30, cellM: 2.5, x0: -50, y0: -40 };
    for (let trial = 0; trial < 30; trial++) {
      const polygon: PolygonXY = [];
      for (let k = 0; k < 1 + (trial % 3); k++) {
        const ring: XY[] = [];
        const cx = -50 + rnd() * 100;
        const cy = -40 + rnd() * 75;
        const m = 3 + Math.floor(rnd() * 9);
        for (let i = 0; i < m; i++) {
          const a = (i / m) * 2 * Math.PI;
          const rad = 5 + rnd() * 40;
          ring.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
        }
        ring.push(ring[0]);
        polygon.push(ring);
      }
      const mask = new Uint8Array(spec.nx * spec.ny);
      fillPolygon(spec, polygon, mask, 1);
      for (let r = 0; r < spec.ny; r++) {
        for (let c = 0; c < spec.nx; c++) {
          const x = spec.x0 + (c + 0.5) * spec.cellM;
          const y = spec.y0 + (spec.ny - r - 0.5) * spec.cellM;
          expect(mask[r * spec.nx + c], `trial ${trial} cell (${r}, ${c})`).toBe(insideEvenOdd(polygon, x, y) ? 1 : 0);
        }
      }
    }
  });
});

describe('fillPolygon golden masks', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, () => {
      const spec = c.params.grid as GridSpec;
      const polygons = JSON.parse(c.readInput('polygons.json')) as PolygonXY[];
      const mask = new Uint8Array(spec.nx * spec.ny);
      for (const p of polygons) fillPolygon(spec, p, mask, 1);
      expectGoldenText(c.output('mask.txt'), maskText(spec, mask));
    });
  }
});
