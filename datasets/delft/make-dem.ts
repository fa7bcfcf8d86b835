// Derives a ground DEM for the Delft CityJSON from the model's own vertices: the lowest vertex of each city object
// is a ground point, and inverse-distance weighting (power 2, all points) fills a 2 m grid over the file's extent.
// Usage: npx tsx datasets/delft/make-dem.ts <in.city.json> <out.asc>   (then gdal_translate, see SOURCE.md)
import { readFileSync, writeFileSync } from 'node:fs';

type Boundaries = number | Boundaries[];
interface CityJson {
  transform: { scale: [number, number, number]; translate: [number, number, number] };
  vertices: [number, number, number][];
  CityObjects: Record<string, { geometry?: { boundaries: Boundaries }[] }>;
  metadata?: { geographicalExtent?: number[] };
}

const CELL_M = 2;
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: npx tsx datasets/delft/make-dem.ts <in.city.json> <out.asc>\n');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, 'utf8')) as CityJson;
const [sx, sy, sz] = doc.transform.scale;
const [tx, ty, tz] = doc.transform.translate;

// 1. One ground point per city object: its lowest vertex (ids sorted, so the point order is fixed).
const points: [number, number, number][] = [];
const collect = (b: Boundaries, out: number[]): void => {
  if (Array.isArray(b)) for (const x of b) collect(x, out);
  else out.push(b);
};
for (const id of Object.keys(doc.CityObjects).sort()) {
  const idx: number[] = [];
  for (const g of doc.CityObjects[id].geometry ?? []) collect(g.boundaries, idx);
  if (idx.length === 0) continue;
  let best = idx[0];
  for (const i of idx) if (doc.vertices[i][2] < doc.vertices[best][2]) best = i;
  const [vx, vy, vz] = doc.vertices[best];
  points.push([vx * sx + tx, vy * sy + ty, vz * sz + tz]);
}

// 2. The grid: the file's geographicalExtent, outward to whole 2 m cells.
const [minX, minY, , maxX, maxY] = doc.metadata?.geographicalExtent ?? [];
const x0 = Math.floor(minX / CELL_M) * CELL_M;
const y0 = Math.floor(minY / CELL_M) * CELL_M;
const nx = Math.ceil((maxX - x0) / CELL_M);
const ny = Math.ceil((maxY - y0) / CELL_M);

// 3. Inverse-distance weighting, power 2; a point within 1 cm of a centre gives its value outright.
const rows: string[] = [];
for (let r = 0; r < ny; r++) {
  const y = y0 + (ny - r - 0.5) * CELL_M;
  const row: string[] = [];
  for (let c = 0; c < nx; c++) {
    const x = x0 + (c + 0.5) * CELL_M;
    let num = 0;
    let den = 0;
    let exact: number | undefined;
    for (const [px, py, pz] of points) {
      const d2 = (px - x) ** 2 + (py - y) ** 2;
      if (d2 < 1e-4) {
        exact = pz;
        break;
      }
      num += pz / d2;
      den += 1 / d2;
    }
    row.push((exact ?? num / den).toFixed(3));
  }
  rows.push(row.join(' '));
}
const header = [`ncols ${nx}`, `nrows ${ny}`, `xllcorner ${x0}`, `yllcorner ${y0}`, `cellsize ${CELL_M}`, 'NODATA_value -9999'];
writeFileSync(output, header.join('\n') + '\n' + rows.join('\n') + '\n');
process.stdout.write(`${points.length} ground points → ${nx} × ${ny} cells of ${CELL_M} m at (${x0}, ${y0})\n`);
