// Modelled drainage catchments: land split by the rivers into regions, each region cut into blocks of about a
// kilometre, slivers merged into their neighbour, and one pump station per catchment at its river outfall.
import type { Grid } from '../grid/grid.ts';
import { cellAt, cellCentre } from '../grid/grid-spec.ts';
import type { Catchment, PumpStation, XY } from '../types.ts';
import type { AssetRules } from './asset-rules.ts';
import { labelComponents, traceOutline } from './cell-regions.ts';

/** Land regions (cells not river, 4-connected across the water), with their areas. */
export interface LandRegions {
  labels: Int32Array;
  areasM2: number[];
}

/**
 * Labels the land regions the rivers cut the district into. Water data often stops a few cells short of the grid's
 * edge; a river that comes within `edgeBandM` (150 m: the Bund's water layer stops up to ~110 m short) of the edge is taken to run off the map, so the thin strip of land
 * left between it and the edge does not join the two banks.
 */
export function landRegions(grid: Grid, edgeBandM = 150): LandRegions {
  const { nx, ny } = grid;
  const land = new Uint8Array(nx * ny);
  for (let i = 0; i < land.length; i++) land[i] = grid.riverMask[i] ? 0 : 1;
  const band = Math.max(1, Math.round(edgeBandM / grid.cellM));
  // From each edge cell, walk inward; if a river cell is met within the band, the cells before it are river too.
  const walk = (start: number, step: number) => {
    for (let k = 0; k < band; k++) {
      const c = start + k * step;
      if (!grid.riverMask[c]) continue;
      for (let j = 0; j < k; j++) land[start + j * step] = 0;
      return;
    }
  };
  for (let col = 0; col < nx; col++) {
    walk(col, nx);
    walk((ny - 1) * nx + col, -nx);
  }
  for (let row = 0; row < ny; row++) {
    walk(row * nx, 1);
    walk(row * nx + nx - 1, -1);
  }
  const { labels, sizes } = labelComponents(grid, land);
  return { labels, areasM2: sizes.map((s) => s * grid.cellM * grid.cellM) };
}

/** A modelled catchment with its cells' labels, for the pump-station placement. */
export interface ModelledCatchments {
  catchments: Catchment[];
  pumpStations: PumpStation[];
  /** Catchment index per cell (−1 none), as on `catchments`. */
  labels: Int32Array;
}

/**
 * Catchments and their pump stations.
 * @param localPoint converts WGS84 lon/lat of the rules' named areas into local metres
 */
export function modelCatchments(
  grid: Grid,
  regions: LandRegions,
  rules: AssetRules,
  localPoint: (lon: number, lat: number) => XY,
): ModelledCatchments {
  const { nx, ny, cellM } = grid;
  const n = nx * ny;
  const c = rules.catchments;
  // 1. Key = region × block; 4-connected components of equal key.
  const key = new Int32Array(n);
  const land = new Uint8Array(n);
  const blocksX = Math.ceil((nx * cellM) / c.blockM);
  for (let i = 0; i < n; i++) {
    const r = regions.labels[i];
    if (r < 0) continue;
    land[i] = 1;
    const [x, y] = cellCentre(grid, i);
    const bx = Math.floor((x - grid.x0) / c.blockM);
    const by = Math.floor((y - grid.y0) / c.blockM);
    key[i] = r * 1_000_000 + by * blocksX + bx;
  }
  const { labels, sizes } = labelComponents(grid, land, key);
  // 2. Merge slivers into the neighbour (same region) they share most cell sides with; drop isolated islets.
  const parent = sizes.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const size = [...sizes];
  const minCells = c.minAreaM2 / (cellM * cellM);
  for (let pass = 0; pass < 20; pass++) {
    const shared = new Map<number, Map<number, number>>();
    for (let i = 0; i < n; i++) {
      if (labels[i] < 0) continue;
      const a = find(labels[i]);
      for (const j of [i + 1, i + nx]) {
        if ((j === i + 1 && (i + 1) % nx === 0) || j >= n || labels[j] < 0) continue;
        const b = find(labels[j]);
        if (a === b || regions.labels[i] !== regions.labels[j]) continue;
        for (const [p, q] of [
          [a, b],
          [b, a],
        ]) {
          const m = shared.get(p) ?? new Map<number, number>();
          m.set(q, (m.get(q) ?? 0) + 1);
          shared.set(p, m);
        }
      }
    }
    const small = [...new Set(parent.map((_, k) => find(k)))]
      .filter((k) => size[k] < minCells)
      .sort((a, b) => size[a] - size[b] || a - b);
    let merged = false;
    for (const s of small) {
      if (find(s) !== s || size[s] >= minCells) continue;
      const nb = [...(shared.get(s) ?? new Map()).entries()]
        .filter(([q]) => find(q) !== s)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      if (!nb) continue;
      const t = find(nb[0]);
      parent[s] = t;
      size[t] += size[s];
      merged = true;
    }
    if (!merged) break;
  }
  // 3. Final labels in row-major order of first cell; islets below the size are left without a catchment.
  const finalOf = new Map<number, number>();
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) continue;
    const root = find(labels[i]);
    if (size[root] < minCells) continue;
    let f = finalOf.get(root);
    if (f === undefined) {
      f = finalOf.size;
      finalOf.set(root, f);
    }
    out[i] = f;
  }
  // 4. Design standard per region, polygons, pump stations at the outfall.
  const regionRate = new Map<number, { name: string; rate: number }>();
  for (const a of c.areas) {
    const [x, y] = localPoint(a.lon, a.lat);
    const cell = cellAt(grid, x, y);
    if (cell >= 0 && regions.labels[cell] >= 0)
      regionRate.set(regions.labels[cell], { name: a.name, rate: a.drainMmPerH });
  }
  const catchments: Catchment[] = [];
  const pumpStations: PumpStation[] = [];
  const cellsOf: number[][] = Array.from({ length: finalOf.size }, () => []);
  for (let i = 0; i < n; i++) if (out[i] >= 0) cellsOf[out[i]].push(i);
  for (let k = 0; k < cellsOf.length; k++) {
    const cells = cellsOf[k];
    const region = regions.labels[cells[0]];
    const rate = regionRate.get(region)?.rate ?? c.defaultDrainMmPerH;
    const areaM2 = cells.length * cellM * cellM;
    const id = `C${String(k + 1).padStart(2, '0')}`;
    const stationId = `P${String(k + 1).padStart(2, '0')}`;
    const polygons = traceOutline(grid, out, k);
    polygons.sort((a, b) => b[0].length - a[0].length);
    catchments.push({
      id,
      name: `汇水区 ${id}`,
      polygon: polygons[0],
      drainCapacityMmPerH: rate,
      pumpStationId: stationId,
      modelled: true,
    });
    const outfall = outfallCell(grid, cells);
    const capacity = Math.ceil(((rate / 1000) * areaM2 * c.pumpCapacityFactor) / 3600 / 0.5) * 0.5;
    pumpStations.push({
      id: stationId,
      name: `排水泵站 ${stationId}`,
      nameEn: `Pump station ${stationId}`,
      xy: cellCentre(grid, outfall),
      capacityM3PerS: capacity,
      catchmentId: id,
      modelled: true,
    });
  }
  return { catchments, pumpStations, labels: out };
}

/** The catchment cell beside a river cell closest to the catchment's centroid; else its cell nearest any river. */
function outfallCell(grid: Grid, cells: number[]): number {
  const { nx } = grid;
  let sx = 0;
  let sy = 0;
  for (const i of cells) {
    const [x, y] = cellCentre(grid, i);
    sx += x;
    sy += y;
  }
  const cx = sx / cells.length;
  const cy = sy / cells.length;
  let best = -1;
  let bestD = Infinity;
  for (const i of cells) {
    const col = i % nx;
    const nearRiver =
      (col > 0 && grid.riverMask[i - 1]) ||
      (col < nx - 1 && grid.riverMask[i + 1]) ||
      grid.riverMask[i - nx] ||
      grid.riverMask[i + nx];
    if (!nearRiver) continue;
    const [x, y] = cellCentre(grid, i);
    const d = Math.hypot(x - cx, y - cy);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best >= 0) return best;
  // No river frontage: the cell closest to the centroid (its pipe runs to the river; the twin does not model pipes).
  for (const i of cells) {
    const [x, y] = cellCentre(grid, i);
    const d = Math.hypot(x - cx, y - cy);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
