// Grids AHN3 LiDAR ground returns (class 2) into a 1 m DTM in RD New / NAP, the way AHN's own DTM is made from its
// ground points; canal cells take the water-surface returns (class 9), and cells with neither (mostly under
// buildings) are filled by inverse-distance weighting from the nearest ring of gridded cells.
// Usage: npx tsx datasets/delft-schie/make-dem.ts <out.asc> <in1.laz> [<in2.laz> …]   (needs `laz-perf`, see SOURCE.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { createLazPerf } from 'laz-perf';

const CELL_M = 1;
const GROUND = 2;
const WATER = 9;
const MAX_FILL_RING = 40;

const [output, ...inputs] = process.argv.slice(2);
if (!output || inputs.length === 0) {
  process.stderr.write('usage: npx tsx datasets/delft-schie/make-dem.ts <out.asc> <in1.laz> [<in2.laz> …]\n');
  process.exit(2);
}

interface Header {
  format: number;
  recordLength: number;
  count: number;
  offsetToPoints: number;
  scale: [number, number, number];
  offset: [number, number, number];
  min: [number, number];
  max: [number, number];
}

/** The LAS 1.2 public header fields this script needs (ASPRS LAS 1.2, table 3). */
function readHeader(bytes: Uint8Array): Header {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const f64 = (o: number): number => dv.getFloat64(o, true);
  return {
    format: bytes[104] & 0x3f,
    recordLength: dv.getUint16(105, true),
    count: dv.getUint32(107, true),
    offsetToPoints: dv.getUint32(96, true),
    scale: [f64(131), f64(139), f64(147)],
    offset: [f64(155), f64(163), f64(171)],
    max: [f64(179), f64(195)],
    min: [f64(187), f64(203)],
  };
}

const laz = await createLazPerf();
const headers = inputs.map((f) => readHeader(readFileSync(f)));

// 1. The grid: the union of the tiles' header extents, inward to whole metres (no cell without points nearby).
const x0 = Math.ceil(Math.min(...headers.map((h) => h.min[0])) / CELL_M) * CELL_M;
const y0 = Math.ceil(Math.min(...headers.map((h) => h.min[1])) / CELL_M) * CELL_M;
const nx = Math.floor((Math.max(...headers.map((h) => h.max[0])) - x0) / CELL_M);
const ny = Math.floor((Math.max(...headers.map((h) => h.max[1])) - y0) / CELL_M);
const n = nx * ny;
const sum = { ground: new Float64Array(n), water: new Float64Array(n) };
const hits = { ground: new Uint32Array(n), water: new Uint32Array(n) };
const byClass = new Map<number, number>();

// 2. Every point of every tile, binned by class: a mean of the ground returns, and of the water returns, per cell.
for (const file of inputs) {
  const bytes = readFileSync(file);
  const h = readHeader(bytes);
  if (h.format > 5) throw new Error(`${file}: point format ${h.format}; this script reads LAS 1.2 formats 0–5`);
  const filePtr = laz._malloc(bytes.byteLength);
  const pointPtr = laz._malloc(h.recordLength);
  laz.HEAPU8.set(bytes, filePtr);
  const reader = new laz.LASZip();
  reader.open(filePtr, bytes.byteLength);
  for (let k = 0; k < h.count; k++) {
    reader.getPoint(pointPtr);
    const p = new DataView(laz.HEAPU8.buffer, pointPtr, h.recordLength);
    const cls = p.getUint8(15) & 0x1f;
    byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
    if (cls !== GROUND && cls !== WATER) continue;
    const x = p.getInt32(0, true) * h.scale[0] + h.offset[0];
    const y = p.getInt32(4, true) * h.scale[1] + h.offset[1];
    const z = p.getInt32(8, true) * h.scale[2] + h.offset[2];
    const c = Math.floor((x - x0) / CELL_M);
    const r = ny - 1 - Math.floor((y - y0) / CELL_M);
    if (c < 0 || c >= nx || r < 0 || r >= ny) continue;
    const which = cls === GROUND ? 'ground' : 'water';
    sum[which][r * nx + c] += z;
    hits[which][r * nx + c]++;
  }
  reader.delete();
  laz._free(pointPtr);
  laz._free(filePtr);
}

// 3. Ground where there are ground returns, else the water surface, else a hole.
const z = new Float64Array(n).fill(NaN);
let fromGround = 0;
let fromWater = 0;
for (let i = 0; i < n; i++) {
  if (hits.ground[i] > 0) {
    z[i] = sum.ground[i] / hits.ground[i];
    fromGround++;
  } else if (hits.water[i] > 0) {
    z[i] = sum.water[i] / hits.water[i];
    fromWater++;
  }
}

// 4. Holes: inverse-distance weighting (power 2) over the gridded cells of the nearest square ring that has any.
const filled = Float64Array.from(z);
let holes = 0;
for (let r = 0; r < ny; r++) {
  for (let c = 0; c < nx; c++) {
    if (!Number.isNaN(z[r * nx + c])) continue;
    holes++;
    for (let ring = 1; ring <= MAX_FILL_RING; ring++) {
      let wSum = 0;
      let zSum = 0;
      for (let dr = -ring; dr <= ring; dr++) {
        for (let dc = -ring; dc <= ring; dc++) {
          if (Math.max(Math.abs(dr), Math.abs(dc)) !== ring) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= ny || cc < 0 || cc >= nx) continue;
          const v = z[rr * nx + cc];
          if (Number.isNaN(v)) continue;
          const w = 1 / (dr * dr + dc * dc);
          wSum += w;
          zSum += w * v;
        }
      }
      if (wSum > 0) {
        filled[r * nx + c] = zSum / wSum;
        break;
      }
    }
  }
}

const NODATA = -9999;
const lines = [
  `ncols ${nx}`,
  `nrows ${ny}`,
  `xllcorner ${x0}`,
  `yllcorner ${y0}`,
  `cellsize ${CELL_M}`,
  `NODATA_value ${NODATA}`,
];
for (let r = 0; r < ny; r++) {
  const row: string[] = [];
  for (let c = 0; c < nx; c++) {
    const v = filled[r * nx + c];
    row.push(Number.isNaN(v) ? String(NODATA) : v.toFixed(3));
  }
  lines.push(row.join(' '));
}
writeFileSync(output, `${lines.join('\n')}\n`);
const classes = [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`);
process.stdout.write(
  `${nx} x ${ny} cells of ${CELL_M} m from (${x0}, ${y0}); points by class ${classes.join(' ')}; ` +
    `cells from ground ${fromGround}, from water ${fromWater}, filled ${holes}\n`,
);
