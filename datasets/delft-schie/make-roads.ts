// Derives road centre lines from the BGT carriageway polygons (BGT wegdeel "rijbaan lokale weg"), which the BGT has
// as areas only: the polygons are rasterised at 0.5 m, thinned to a one-pixel skeleton (Zhang & Suen 1984), traced
// into lines between junctions and ends, stripped of short end spurs and simplified (Douglas–Peucker).
// Usage: npx tsx datasets/delft-schie/make-roads.ts <landcover-paved.geojson> <roads.geojson>
import { readFileSync, writeFileSync } from 'node:fs';

const PIXEL_M = 0.5;
const SPUR_M = 8;
const SIMPLIFY_M = 0.75;

type Ring = number[][];
interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: npx tsx datasets/delft-schie/make-roads.ts <landcover-paved.geojson> <roads.geojson>\n');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, 'utf8')) as { features: Feature[] };
const polygons: Ring[][] = [];
for (const f of doc.features) {
  if (f.properties.landuse !== 'carriageway') continue;
  if (f.geometry.type === 'Polygon') polygons.push(f.geometry.coordinates as Ring[]);
  else if (f.geometry.type === 'MultiPolygon') polygons.push(...(f.geometry.coordinates as Ring[][]));
}

// 1. Raster of the carriageways (even-odd rule per polygon, holes included), 2 empty pixels of margin.
let minX = Infinity;
let minY = Infinity;
let maxX = -Infinity;
let maxY = -Infinity;
for (const poly of polygons)
  for (const [x, y] of poly[0]) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
const x0 = Math.floor(minX) - 2 * PIXEL_M;
const y0 = Math.floor(minY) - 2 * PIXEL_M;
const nx = Math.ceil((maxX - x0) / PIXEL_M) + 2;
const ny = Math.ceil((maxY - y0) / PIXEL_M) + 2;
const img = new Uint8Array(nx * ny);
for (const poly of polygons) {
  for (let r = 0; r < ny; r++) {
    const y = y0 + (r + 0.5) * PIXEL_M;
    const xs: number[] = [];
    for (const ring of poly)
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k];
        const [bx, by] = ring[k + 1];
        if (ay <= y !== by <= y) xs.push(ax + ((y - ay) / (by - ay)) * (bx - ax));
      }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2)
      for (let c = Math.ceil((xs[k] - x0) / PIXEL_M - 0.5); c + 0.5 <= (xs[k + 1] - x0) / PIXEL_M; c++)
        if (c >= 0 && c < nx) img[r * nx + c] = 1;
  }
}

// 2. Zhang–Suen thinning. Neighbours P2..P9 clockwise from north (row r+1 is north here).
const at = (r: number, c: number): number => (r < 0 || r >= ny || c < 0 || c >= nx ? 0 : img[r * nx + c]);
const ring8 = (r: number, c: number): number[] => [
  at(r + 1, c),
  at(r + 1, c + 1),
  at(r, c + 1),
  at(r - 1, c + 1),
  at(r - 1, c),
  at(r - 1, c - 1),
  at(r, c - 1),
  at(r + 1, c - 1),
];
for (let changed = true; changed;) {
  changed = false;
  for (const pass of [0, 1]) {
    const clear: number[] = [];
    for (let r = 0; r < ny; r++)
      for (let c = 0; c < nx; c++) {
        if (!img[r * nx + c]) continue;
        const p = ring8(r, c);
        const b = p.reduce((s, v) => s + v, 0);
        let a = 0;
        for (let k = 0; k < 8; k++) if (p[k] === 0 && p[(k + 1) % 8] === 1) a++;
        const [p2, , p4, , p6, , p8] = p;
        const ok = pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0;
        if (b >= 2 && b <= 6 && a === 1 && ok) clear.push(r * nx + c);
      }
    for (const i of clear) img[i] = 0;
    if (clear.length) changed = true;
  }
}

// 3. Trace: node pixels (other than two skeleton neighbours) that touch form one junction or end, placed at their
// centroid; lines run between them through the two-neighbour pixels. Thinning leaves staircase corners with three
// neighbours, so a junction is often a small cluster.
const OFFS = [
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];
const neighbours = (i: number): number[] => {
  const r = Math.floor(i / nx);
  const c = i % nx;
  return OFFS.filter(([dr, dc]) => at(r + dr, c + dc)).map(([dr, dc]) => (r + dr) * nx + (c + dc));
};
const isNode = (i: number): boolean => neighbours(i).length !== 2;
const cluster = new Map<number, number>();
const clusterPixels: number[][] = [];
for (let i = 0; i < nx * ny; i++) {
  if (!img[i] || !isNode(i) || cluster.has(i)) continue;
  const id = clusterPixels.length;
  const stack = [i];
  const members: number[] = [];
  cluster.set(i, id);
  while (stack.length) {
    const j = stack.pop()!;
    members.push(j);
    for (const k of neighbours(j))
      if (isNode(k) && !cluster.has(k)) {
        cluster.set(k, id);
        stack.push(k);
      }
  }
  clusterPixels.push(members);
}
const seen = new Set<string>();
let edges: { from: number; to: number; pixels: number[] }[] = [];
for (const [start, from] of cluster) {
  for (const first of neighbours(start)) {
    if (isNode(first) || seen.has(`${start}>${first}`)) continue;
    const pixels = [first];
    let prev = start;
    let cur = first;
    while (!isNode(cur)) {
      const next = neighbours(cur).find((j) => j !== prev)!;
      prev = cur;
      cur = next;
      if (!isNode(cur)) pixels.push(cur);
    }
    seen.add(`${start}>${first}`);
    seen.add(`${cur}>${prev}`);
    edges.push({ from, to: cluster.get(cur)!, pixels });
  }
}

// 4. Drop short spurs (an end that is no junction, under SPUR_M long): corner artefacts of thinning.
const degree = new Map<number, number>();
for (const e of edges) for (const end of [e.from, e.to]) degree.set(end, (degree.get(end) ?? 0) + 1);
edges = edges.filter((e) => {
  const short = (e.pixels.length + 1) * PIXEL_M < SPUR_M;
  return !(short && (degree.get(e.from) === 1 || degree.get(e.to) === 1 || e.from === e.to));
});

// 5. Pixel centres to RD New metres, simplified.
const toXY = (i: number): [number, number] => [
  x0 + ((i % nx) + 0.5) * PIXEL_M,
  y0 + (Math.floor(i / nx) + 0.5) * PIXEL_M,
];
function simplify(pts: [number, number][]): [number, number][] {
  if (pts.length < 3) return pts;
  const [ax, ay] = pts[0];
  const [bx, by] = pts[pts.length - 1];
  const len = Math.hypot(bx - ax, by - ay) || 1;
  let worst = 0;
  let at = 0;
  for (let k = 1; k < pts.length - 1; k++) {
    const d = Math.abs((bx - ax) * (ay - pts[k][1]) - (ax - pts[k][0]) * (by - ay)) / len;
    if (d > worst) [worst, at] = [d, k];
  }
  if (worst <= SIMPLIFY_M) return [pts[0], pts[pts.length - 1]];
  return [...simplify(pts.slice(0, at + 1)).slice(0, -1), ...simplify(pts.slice(at))];
}
const round = (v: number): number => Math.round(v * 1000) / 1000;
const centroid = (id: number): [number, number] => {
  const pts = clusterPixels[id].map(toXY);
  return [pts.reduce((t, p) => t + p[0], 0) / pts.length, pts.reduce((t, p) => t + p[1], 0) / pts.length];
};
const features = edges
  .map((e) => [centroid(e.from), ...e.pixels.map(toXY), centroid(e.to)])
  .map((line) => simplify(line).map(([x, y]) => [round(x), round(y)]))
  .sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1])
  .map((coords, k) => ({
    type: 'Feature',
    properties: { id: `bgt-centreline-${k + 1}`, highway: 'residential', source: 'BGT wegdeel rijbaan lokale weg' },
    geometry: { type: 'LineString', coordinates: coords },
  }));
const out = {
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  features,
};
writeFileSync(output, `${JSON.stringify(out)}\n`);
const km = features.reduce(
  (s, f) =>
    s +
    f.geometry.coordinates
      .slice(1)
      .reduce((t, p, k) => t + Math.hypot(p[0] - f.geometry.coordinates[k][0], p[1] - f.geometry.coordinates[k][1]), 0),
  0,
);
process.stdout.write(`${polygons.length} carriageway polygons → ${features.length} centre lines, ${km.toFixed(0)} m\n`);
