// Bench: rasterising the bundled Bund district at 5 m with its modelled terrain, against two baselines measured in
// the same run: one pass writing every Grid layer (memory floor) and building masks by brute-force point-in-polygon.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import { fillPolygon, rasteriseDistrict, type GridSpec } from '../../twin/grid/index.ts';
import { parseTerrainRules } from '../../twin/terrain/index.ts';
import type { Building } from '../../twin/types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs the bench; `--json` prints exactly one JSON object. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  const dir = join(repoRoot, 'datasets', 'shanghai-bund');
  const district = await loadDistrict(dir);
  const rulesFile = join(dir, 'terrain-rules.json');
  const terrainRules = parseTerrainRules(JSON.parse(readFileSync(rulesFile, 'utf8')), rulesFile);
  const input = { ...district, extent: district.extent, terrainRules };

  // 1. The whole rasteriser: warm up, then the median of several runs.
  const grid = rasteriseDistrict(input, { cellM: 5 });
  const cells = grid.nx * grid.ny;
  const rasteriseMs = median(timeRuns(7, () => rasteriseDistrict(input, { cellM: 5 })));
  log(
    `grid ${grid.nx} × ${grid.ny} (${cells} cells), ${district.buildings.length} buildings: ${rasteriseMs.toFixed(1)} ms`,
  );

  // 2. Memory floor: allocate and write the nine layers once.
  const floorMs = median(timeRuns(7, () => writeLayers(cells)));

  // 3. Building masks: scanline fill against an even-odd test of every cell centre in each polygon's box.
  const scanMask = new Uint8Array(cells);
  const bruteMask = new Uint8Array(cells);
  const scanMs = median(timeRuns(7, () => fillBuildings(grid, district.buildings, scanMask)));
  const bruteMs = median(timeRuns(3, () => bruteBuildings(grid, district.buildings, bruteMask)));
  for (let i = 0; i < cells; i++) {
    if (scanMask[i] !== bruteMask[i]) throw new Error(`rasterise bench: scanline and brute force differ at cell ${i}`);
  }
  log(
    `memory floor ${floorMs.toFixed(1)} ms; building masks: scanline ${scanMs.toFixed(1)} ms, brute force ${bruteMs.toFixed(1)} ms`,
  );
  const result = {
    cells,
    buildings: district.buildings.length,
    rasteriseMs: round(rasteriseMs),
    cellsPerMs: Math.round(cells / rasteriseMs),
    memoryFloorMs: round(floorMs),
    rasteriseVsFloor: round(rasteriseMs / floorMs),
    scanlineMs: round(scanMs),
    bruteForceMs: round(bruteMs),
    scanlineSpeedup: round(bruteMs / scanMs),
  };
  process.stdout.write(
    json
      ? `${JSON.stringify(result)}\n`
      : `rasterise ${result.rasteriseMs} ms (${result.rasteriseVsFloor} × the memory floor); scanline ${result.scanlineSpeedup} × faster than brute force\n`,
  );
}

function timeRuns(n: number, f: () => unknown): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}

function writeLayers(n: number): number {
  const f32 = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const u8 = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)];
  const i32 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (const a of f32) a[i] = i;
    for (const a of u8) a[i] = i & 1;
    i32[i] = -1;
  }
  return f32[0][n - 1];
}

function fillBuildings(spec: GridSpec, buildings: readonly Building[], mask: Uint8Array): void {
  mask.fill(0);
  for (const b of buildings) for (const p of b.footprint) fillPolygon(spec, p, mask, 1);
}

function bruteBuildings(spec: GridSpec, buildings: readonly Building[], mask: Uint8Array): void {
  mask.fill(0);
  const { nx, ny, cellM, x0, y0 } = spec;
  for (const b of buildings) {
    for (const poly of b.footprint) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of poly[0]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      const c0 = Math.max(0, Math.floor((minX - x0) / cellM));
      const c1 = Math.min(nx - 1, Math.floor((maxX - x0) / cellM));
      const r0 = Math.max(0, ny - 1 - Math.floor((maxY - y0) / cellM));
      const r1 = Math.min(ny - 1, ny - 1 - Math.floor((minY - y0) / cellM));
      for (let r = r0; r <= r1; r++) {
        const yc = y0 + (ny - r - 0.5) * cellM;
        for (let c = c0; c <= c1; c++) {
          const xc = x0 + (c + 0.5) * cellM;
          let inside = false;
          for (const ring of poly) {
            for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
              const [xi, yi] = ring[i];
              const [xj, yj] = ring[j];
              // Same half-open rule as the scanline: crossing x at the centre's row, inside when x_c lies left of it.
              if (yi <= yc !== yj <= yc && xc < xj + ((yc - yj) / (yi - yj)) * (xi - xj)) inside = !inside;
            }
          }
          if (inside) mask[r * nx + c] = 1;
        }
      }
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
