// The district's ground as one RGBA image for the globe: the 5 m surface classes (paved, road, roof, green, water)
// with the flood painted over them in the same four depth classes, fade-in and opacities as the 3D view's shader,
// two frames mixed by the clock's place between control steps. Pure (arrays in, bytes out), so Node tests check it.
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import type { FrameGridInfo } from '../data/run-source.ts';
import { CLASS_COLOURS, depthClass, DRY_BELOW_M, OPAQUE_FROM_M, rgbOf } from '../scene/depth-classes.ts';
import { CLASS_ALPHA, SURFACE_COLOURS } from '../scene/ground-material.ts';

/** The water to paint: two frames (mm, rows north to south; 65535 = not written), their mix, and cells to skip. */
export interface WaterFrames {
  a: Uint16Array;
  b: Uint16Array | null;
  /** Place between the frames, 0 (a) to 1 (b). */
  mixF: number;
  /** Frame cells that are mostly river or pond (see waterBodyCells): their depth is not flooding. */
  waterBody: Uint8Array;
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
// Linear → sRGB byte through a table: three powers per pixel would dominate the cost of a redraw.
const SRGB_LUT = new Uint8Array(4097).map((_, i) => {
  const c = i / 4096;
  return Math.round(255 * (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055));
});
const toSrgbByte = (c: number) => SRGB_LUT[Math.round(Math.min(1, Math.max(0, c)) * 4096)];
const linearOf = (hex: string) => rgbOf(hex).map(toLinear) as [number, number, number];
const SURFACE_LINEAR = SURFACE_COLOURS.map(linearOf);
const CLASS_LINEAR = CLASS_COLOURS.map(linearOf);

/** Depth (m) of a frame cell at mix `f`; not-written cells are dry. */
function depthAt(w: WaterFrames, k: number): number {
  const a = w.a[k] === 65535 ? 0 : w.a[k];
  const bRaw = w.b ? w.b[k] : a;
  const b = bRaw === 65535 ? 0 : bRaw;
  return (a + (b - a) * w.mixF) / 1000;
}

/** Opacity (0–1) of water `depthM` deep in class `cls` over the ground, as the 3D view's shader computes it. */
export function waterAlpha(depthM: number, cls: number): number {
  if (cls < 0) return 0;
  const u = Math.min(1, Math.max(0, (depthM - DRY_BELOW_M) / (OPAQUE_FROM_M - DRY_BELOW_M)));
  return u * u * (3 - 2 * u) * CLASS_ALPHA[cls];
}

/**
 * The ground image, `t.nx` × `t.ny` pixels, rows north to south (RGBA, opaque); `water` null draws the ground dry.
 * Frame cells are looked up by the pixel's centre (nearest), so each depth class keeps its cell's edges.
 */
export function groundImage(
  t: TerrainMessage,
  g: FrameGridInfo,
  water: WaterFrames | null,
  out = new Uint8ClampedArray(t.nx * t.ny * 4),
): Uint8ClampedArray {
  // One colour per frame cell (linear RGB + alpha), computed once rather than per pixel.
  const cellPaint = new Float32Array(g.nx * g.ny * 4);
  if (water)
    for (let k = 0; k < g.nx * g.ny; k++) {
      if (water.waterBody[k]) continue;
      const d = depthAt(water, k);
      const cls = depthClass(d);
      if (cls < 0) continue;
      const c = CLASS_LINEAR[cls];
      cellPaint[k * 4] = c[0];
      cellPaint[k * 4 + 1] = c[1];
      cellPaint[k * 4 + 2] = c[2];
      cellPaint[k * 4 + 3] = waterAlpha(d, cls);
    }
  const topY = t.y0 + t.ny * t.cellM;
  const gTop = g.y0 + g.ny * g.cellM;
  for (let r = 0; r < t.ny; r++) {
    const fr = Math.floor((gTop - (topY - (r + 0.5) * t.cellM)) / g.cellM);
    for (let c = 0; c < t.nx; c++) {
      const i = r * t.nx + c;
      const s = t.surface[i];
      const base = SURFACE_LINEAR[s] ?? SURFACE_LINEAR[0];
      let red = base[0];
      let green = base[1];
      let blue = base[2];
      const fc = Math.floor((t.x0 + (c + 0.5) * t.cellM - g.x0) / g.cellM);
      // Water bodies keep their own colour: the river's depth is not a flood.
      if (water && s !== 4 && fr >= 0 && fr < g.ny && fc >= 0 && fc < g.nx) {
        const k = (fr * g.nx + fc) * 4;
        const a = cellPaint[k + 3];
        if (a > 0) {
          red += (cellPaint[k] - red) * a;
          green += (cellPaint[k + 1] - green) * a;
          blue += (cellPaint[k + 2] - blue) * a;
        }
      }
      out[i * 4] = toSrgbByte(red);
      out[i * 4 + 1] = toSrgbByte(green);
      out[i * 4 + 2] = toSrgbByte(blue);
      out[i * 4 + 3] = 255;
    }
  }
  return out;
}
