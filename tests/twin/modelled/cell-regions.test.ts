import { describe, expect, it } from 'vitest';
import { labelComponents, pointInRing, ringArea, traceOutline } from '../../../twin/modelled/index.ts';

/** A grid spec and a mask from a picture: '#' inside, '.' outside, first line north. */
function picture(rows: string[], cellM = 2) {
  const ny = rows.length;
  const nx = rows[0].length;
  const mask = new Uint8Array(nx * ny);
  rows.forEach((r, row) => [...r].forEach((ch, col) => (mask[row * nx + col] = ch === '#' ? 1 : 0)));
  return { spec: { nx, ny, cellM, x0: 100, y0: 200 }, mask };
}

describe('cell regions', () => {
  it('labels 4-connected components, keeping diagonal contacts apart', () => {
    const { spec, mask } = picture(['#..', '.#.', '..#']);
    const { sizes } = labelComponents(spec, mask);
    expect(sizes).toEqual([1, 1, 1]);
  });

  it('traces a ring with a hole whose areas add up to the cells', () => {
    const { spec, mask } = picture(['#####', '#...#', '#.#.#', '#...#', '#####', '#....']);
    const { labels, sizes } = labelComponents(spec, mask);
    expect(sizes.length).toBe(2); // the frame (+ tail) and the island in the hole
    const frame = traceOutline(spec, labels, labels[0]);
    expect(frame.length).toBe(1);
    expect(frame[0].length).toBe(2); // outer ring and one hole
    const [outer, hole] = frame[0];
    expect(ringArea(outer)).toBeGreaterThan(0);
    expect(ringArea(hole)).toBeLessThan(0);
    expect(ringArea(outer) + ringArea(hole)).toBe(sizes[labels[0]] * 4);
    // The outer ring starts at the lattice and is closed; the island's centre is in the hole.
    expect(outer[0]).toEqual(outer[outer.length - 1]);
    expect(pointInRing([100 + 5, 200 + 7], hole)).toBe(true);
    const island = traceOutline(spec, labels, labels[2 * 5 + 2]);
    expect(ringArea(island[0][0])).toBe(4);
  });

  it('gives two rings for two cells that touch only at a corner', () => {
    const { spec } = picture(['#.', '.#']);
    const labels = new Int32Array([0, -1, -1, 0]); // one label over both cells
    const polys = traceOutline(spec, labels, 0);
    expect(polys.length).toBe(2);
    expect(polys.every((p) => ringArea(p[0]) === 4)).toBe(true);
  });
});
