// The ground's material, which also draws the flood: per pixel it reads the surface class (paved, road, roof,
// green, water) and the depth from two half-float frames mixed by the clock's place between control steps, and
// paints the water in the four alarm classes over the ground — transparent where dry. No extra draw call for water.
import {
  Color,
  DataTexture,
  HalfFloatType,
  LinearFilter,
  NearestFilter,
  RedFormat,
  RGBAFormat,
  ShaderMaterial,
  SRGBColorSpace,
  UnsignedByteType,
  Vector2,
  Vector3,
  Vector4,
  DataUtils,
} from 'three';
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import type { FrameGridInfo } from '../data/run-source.ts';
import { CLASS_BOUNDS_M, CLASS_COLOURS, DRY_BELOW_M, OPAQUE_FROM_M } from './depth-classes.ts';

/** Ground colours by surface class code (paved, road, roof, green, water). */
export const SURFACE_COLOURS = ['#d8d4cb', '#a9a59e', '#c4bfb6', '#b7cf9c', '#7b98aa'] as const;
/** Opacity of each class's water over the ground: the shallowest lighter, so deeper water stands out. */
export const CLASS_ALPHA = [0.6, 0.88, 0.9, 0.92] as const;

/** The surface classes as an sRGB texture (rows north to south, like the grid). */
export function surfaceTexture(t: TerrainMessage): DataTexture {
  const rgba = new Uint8Array(t.nx * t.ny * 4);
  const lut = SURFACE_COLOURS.map((hex) => new Color(hex));
  for (let i = 0; i < t.surface.length; i++) {
    const c = lut[t.surface[i]] ?? lut[0];
    // Colour holds linear values; the texture stores sRGB bytes.
    const s = c.clone().convertLinearToSRGB();
    rgba[i * 4] = Math.round(s.r * 255);
    rgba[i * 4 + 1] = Math.round(s.g * 255);
    rgba[i * 4 + 2] = Math.round(s.b * 255);
    // Alpha marks water bodies (river, creek, ponds): the flood overlay leaves them to the water mesh.
    rgba[i * 4 + 3] = t.surface[i] === 4 ? 0 : 255;
  }
  const tex = new DataTexture(rgba, t.nx, t.ny, RGBAFormat, UnsignedByteType);
  tex.colorSpace = SRGBColorSpace;
  tex.magFilter = NearestFilter;
  tex.minFilter = LinearFilter;
  tex.needsUpdate = true;
  return tex;
}

/** An empty depth texture for a frame grid (R16F, filtered linearly: half floats do so on any WebGL2). */
export function depthTexture(g: FrameGridInfo): DataTexture {
  const tex = new DataTexture(
    new Uint16Array(Math.max(1, g.nx * g.ny)),
    Math.max(1, g.nx),
    Math.max(1, g.ny),
    RedFormat,
    HalfFloatType,
  );
  tex.magFilter = LinearFilter;
  tex.minFilter = LinearFilter;
  tex.needsUpdate = true;
  return tex;
}

/**
 * Frame cells that are mostly river or other water body on the ground's finer surface classes: the frame holds the
 * river's own depth there (metres), which is not flooding and would bleed onto the banks through the filtering.
 */
export function waterBodyCells(t: TerrainMessage, g: FrameGridInfo): Uint8Array {
  const out = new Uint8Array(g.nx * g.ny);
  const water = new Uint16Array(g.nx * g.ny);
  const all = new Uint16Array(g.nx * g.ny);
  const topY = t.y0 + t.ny * t.cellM;
  const gTop = g.y0 + g.ny * g.cellM;
  for (let r = 0; r < t.ny; r++) {
    const y = topY - (r + 0.5) * t.cellM;
    const fr = Math.floor((gTop - y) / g.cellM);
    if (fr < 0 || fr >= g.ny) continue;
    for (let c = 0; c < t.nx; c++) {
      const fc = Math.floor((t.x0 + (c + 0.5) * t.cellM - g.x0) / g.cellM);
      if (fc < 0 || fc >= g.nx) continue;
      const k = fr * g.nx + fc;
      all[k]++;
      if (t.surface[r * t.nx + c] === 4) water[k]++;
    }
  }
  for (let k = 0; k < out.length; k++) out[k] = all[k] > 0 && water[k] * 2 >= all[k] ? 1 : 0;
  return out;
}

/** Writes a frame (mm; 65535 = not written, and water-body cells → dry) into a depth texture as metres. */
export function uploadDepth(tex: DataTexture, depthMm: Uint16Array, waterBody?: Uint8Array): void {
  const data = tex.image.data as Uint16Array;
  const n = Math.min(data.length, depthMm.length);
  // 1 mm steps repeat: a table of half floats saves a conversion per cell.
  for (let i = 0; i < n; i++) {
    const mm = depthMm[i];
    data[i] = mm === 65535 || waterBody?.[i] ? 0 : halfOfMm(mm);
  }
  tex.needsUpdate = true;
}

const halfTable = new Uint16Array(65535);
for (let mm = 0; mm < 65535; mm++) halfTable[mm] = DataUtils.toHalfFloat(mm / 1000);
function halfOfMm(mm: number): number {
  return halfTable[mm];
}

const vertex = /* glsl */ `
varying vec2 vLocal;
varying vec3 vNormalW;
void main() {
  vLocal = vec2(position.x, -position.z);
  vNormalW = normal;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const fragment = /* glsl */ `
uniform sampler2D surfaceTex;
uniform vec4 surfaceRect;
uniform sampler2D depthA;
uniform sampler2D depthB;
uniform vec4 depthRect;
uniform float mixF;
uniform float showWater;
uniform vec3 classColour[4];
uniform vec3 bounds;
uniform vec2 dryOpaque;
uniform vec4 classAlpha;
varying vec2 vLocal;
varying vec3 vNormalW;
void main() {
  vec2 suv = vec2((vLocal.x - surfaceRect.x) / surfaceRect.z, (surfaceRect.y - vLocal.y) / surfaceRect.w);
  vec3 base = texture2D(surfaceTex, suv).rgb;
  // A soft hillshade from the north-west so banks and walls read as relief.
  float shade = 0.82 + 0.18 * clamp(dot(normalize(vNormalW), normalize(vec3(-0.4, 1.0, -0.3))), 0.0, 1.0);
  vec3 colour = base * shade;
  vec2 duv = vec2((vLocal.x - depthRect.x) / depthRect.z, (depthRect.y - vLocal.y) / depthRect.w);
  bool waterBody = texture2D(surfaceTex, suv).a < 0.5;
  if (showWater > 0.5 && !waterBody && duv.x >= 0.0 && duv.x <= 1.0 && duv.y >= 0.0 && duv.y <= 1.0) {
    float d = mix(texture2D(depthA, duv).r, texture2D(depthB, duv).r, mixF);
    int k = d < bounds.x ? 0 : d < bounds.y ? 1 : d < bounds.z ? 2 : 3;
    vec3 water = k == 0 ? classColour[0] : k == 1 ? classColour[1] : k == 2 ? classColour[2] : classColour[3];
    float alpha = k == 0 ? classAlpha.x : k == 1 ? classAlpha.y : k == 2 ? classAlpha.z : classAlpha.w;
    float a = smoothstep(dryOpaque.x, dryOpaque.y, d) * alpha * step(dryOpaque.x, d);
    colour = mix(colour, water, a);
  }
  gl_FragColor = vec4(colour, 1.0);
  #include <colorspace_fragment>
}`;

/** The ground material for a terrain and a run's frame grid; set `mixF` and swap depth textures as the clock moves. */
export function groundMaterial(
  t: TerrainMessage,
  surface: DataTexture,
  a: DataTexture,
  b: DataTexture,
  g: FrameGridInfo,
): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: vertex,
    fragmentShader: fragment,
    uniforms: {
      surfaceTex: { value: surface },
      surfaceRect: { value: new Vector4(t.x0, t.y0 + t.ny * t.cellM, t.nx * t.cellM, t.ny * t.cellM) },
      depthA: { value: a },
      depthB: { value: b },
      depthRect: { value: depthRect(g) },
      mixF: { value: 0 },
      showWater: { value: 1 },
      classColour: { value: CLASS_COLOURS.map((hex) => new Color(hex)) },
      bounds: { value: new Vector3(...CLASS_BOUNDS_M) },
      dryOpaque: { value: new Vector2(DRY_BELOW_M, OPAQUE_FROM_M) },
      classAlpha: { value: new Vector4(...CLASS_ALPHA) },
    },
  });
}

/** The frame grid's placement for the shader: west edge, north edge, width, height (m). */
export function depthRect(g: FrameGridInfo): Vector4 {
  return new Vector4(g.x0, g.y0 + g.ny * g.cellM, Math.max(1, g.nx * g.cellM), Math.max(1, g.ny * g.cellM));
}
