// River cells are held at the stage: no water may be invented between them. With θ < 1 the q-centred average once
// carried the flow of a bank face onto the face between two river cells, booked as water in from the river.
import { describe, expect, it } from 'vitest';
import { constantRainField, FloodEngine } from '../../../simulation/hydro/index.ts';

describe('river cells held at the stage', () => {
  it.each([0.7, 0.8, 1])('exchange nothing among themselves under rain on a ragged bank (θ = %s)', (theta) => {
    const nx = 30;
    const ny = 20;
    const bed = new Float32Array(nx * ny);
    const river = new Uint8Array(nx * ny);
    for (let r = 0; r < ny; r++) {
      // A ragged bank: the river reaches 4 to 7 cells in, so river cells beside the bank sit side by side.
      const reach = 4 + ((r * 7) % 4);
      for (let c = 0; c < reach; c++) river[r * nx + c] = 1;
    }
    for (let i = 0; i < nx * ny; i++) {
      const c = i % nx;
      const beside = [c > 0 ? i - 1 : -1, c < nx - 1 ? i + 1 : -1, i - nx, i + nx].some(
        (j) => j >= 0 && j < nx * ny && river[j],
      );
      // River bed below the stage; a wall on every bank cell; land rising gently inland.
      bed[i] = river[i] ? -3 : beside ? 3 : 1 + 0.01 * c;
    }
    const run = new FloodEngine(
      { nx, ny, cellM: 5, bedM: bed, manningN: 0.03, riverMask: river },
      { theta, riverStageM: 2, rain: constantRainField(200, 1800) },
    );
    run.advanceTo(1800);
    const l = run.ledger();
    expect(l.rainM3).toBeGreaterThan(0);
    expect(l.boundaryOutM3).toBeGreaterThan(0); // rain on the wall runs into the river
    expect(l.boundaryInM3).toBe(0);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-9);
  });
});
