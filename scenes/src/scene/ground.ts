// The scene's coordinates: metres of the district's local frame, three's y up — x east, y elevation, z = −north —
// and the ground under a point, read from the grid's bed elevation (flood walls filtered out by a median).
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import { wgs84ToLocal, type LocalFrame } from '../../../twin/projection/local-frame.ts';

export type XY = [number, number];

/** Local metres of a WGS84 point. */
export function toLocal(frame: LocalFrame, lonLat: readonly [number, number]): XY {
  const [x, y] = wgs84ToLocal(frame, lonLat[0], lonLat[1]);
  return [x, y];
}

/** Ground elevation (m) at local (x, y): the median of the 3 × 3 cells around it, so a wall line is not ground. */
export function groundAt(t: TerrainMessage, x: number, y: number): number {
  const col = Math.floor((x - t.x0) / t.cellM);
  const row = t.ny - 1 - Math.floor((y - t.y0) / t.cellM);
  const vals: number[] = [];
  for (let dr = -1; dr <= 1; dr++)
    for (let dc = -1; dc <= 1; dc++) {
      const r = Math.min(t.ny - 1, Math.max(0, row + dr));
      const c = Math.min(t.nx - 1, Math.max(0, col + dc));
      vals.push(t.bedM[r * t.nx + c]);
    }
  vals.sort((a, b) => a - b);
  return vals[4];
}

/** The centre of the terrain in local metres, and its size. */
export function terrainCentre(t: TerrainMessage): { x: number; y: number; widthM: number; heightM: number } {
  const widthM = t.nx * t.cellM;
  const heightM = t.ny * t.cellM;
  return { x: t.x0 + widthM / 2, y: t.y0 + heightM / 2, widthM, heightM };
}
