// Regression: a pond drawn against the Huangpu bank (Huangpu Park) was left unwalled, and the river poured through it
// into the Bund at a spring tide. Every cell beside a walled river must now carry the wall.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';

describe('modelled flood walls of the Bund', () => {
  it.each([5, 10, 20])('leave no gap beside the river at %i m cells', async (cellM) => {
    const d = await loadDistrict(join(import.meta.dirname, '../../../datasets/shanghai-bund'));
    const g = buildTwin(d, { cellM }).grid;
    let gaps = 0;
    let walls = 0;
    for (let i = 0; i < g.nx * g.ny; i++) {
      if (g.riverMask[i]) continue;
      const c = i % g.nx;
      const beside = [c > 0 ? i - 1 : -1, c < g.nx - 1 ? i + 1 : -1, i - g.nx, i + g.nx].some(
        (j) => j >= 0 && j < g.nx * g.ny && g.riverMask[j] === 1,
      );
      if (!beside) continue;
      if (Number.isNaN(g.wallCrestM[i]) || g.bedM[i] < 5.2 - 1e-4) gaps++;
      else walls++;
    }
    expect(walls).toBeGreaterThan(100);
    expect(gaps).toBe(0);
  });
});
