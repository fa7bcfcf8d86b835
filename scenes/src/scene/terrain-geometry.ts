// The ground as one mesh: a regular grid of vertices every `stride` cells, each at the median bed elevation of its
// block (so one-cell flood walls do not spike it). Colour and water come per pixel from textures, so the mesh can
// stay coarse: the vertices only carry the relief.
import { BufferAttribute, BufferGeometry } from 'three';
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';

/** The stride that keeps the mesh at or under `maxVertices`. */
export function terrainStride(t: TerrainMessage, maxVertices = 40_000): number {
  return Math.max(1, Math.ceil(Math.sqrt((t.nx * t.ny) / maxVertices)));
}

/** The ground mesh (positions and normals) in scene coordinates. */
export function terrainGeometry(t: TerrainMessage, stride = terrainStride(t)): BufferGeometry {
  const cols = Math.floor((t.nx - 1) / stride) + 2;
  const rows = Math.floor((t.ny - 1) / stride) + 2;
  const pos = new Float32Array(cols * rows * 3);
  const block: number[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      // Vertex (c, r) sits on the cell corner line; its height is the median of the cells of the block around it.
      const gx = Math.min(c * stride, t.nx);
      const gy = Math.min(r * stride, t.ny);
      block.length = 0;
      for (let dy = -stride; dy < stride; dy++)
        for (let dx = -stride; dx < stride; dx++) {
          const cc = gx + dx;
          const rr = gy + dy;
          if (cc >= 0 && cc < t.nx && rr >= 0 && rr < t.ny) block.push(t.bedM[rr * t.nx + cc]);
        }
      block.sort((a, b) => a - b);
      const i = (r * cols + c) * 3;
      pos[i] = t.x0 + gx * t.cellM;
      pos[i + 1] = block.length ? block[block.length >> 1] : 0;
      // Row 0 of the grid is the north edge: z = −north.
      pos[i + 2] = -(t.y0 + (t.ny - gy) * t.cellM);
    }
  const index = new Uint32Array((cols - 1) * (rows - 1) * 6);
  let k = 0;
  for (let r = 0; r + 1 < rows; r++)
    for (let c = 0; c + 1 < cols; c++) {
      const a = r * cols + c;
      const b = a + 1;
      const d = a + cols;
      const e = d + 1;
      index.set([a, d, b, b, d, e], k);
      k += 6;
    }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setIndex(new BufferAttribute(index, 1));
  g.computeVertexNormals();
  g.computeBoundingSphere();
  return g;
}
