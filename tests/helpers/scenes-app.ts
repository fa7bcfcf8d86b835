// The 3D app for browser tests and the bench: built once per run into a folder (Vite's API, plus the offline
// district pack), the storm they replay (design-100y's first 3 hours at 20 m cells: about 15 s to run, and streets
// flood past 50 cm), and reading the canvas's pixels where local points land on screen.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { writeDistrictPack } from '../../server/http/district-pack.ts';
import { repoRoot } from './cli.ts';

/** design-100y (the 100-year 6-hour Chicago storm on a spring tide), its first 3 hours, at 20 m cells. */
export function designStorm3h(): Record<string, unknown> {
  const file = join(repoRoot, 'datasets', 'shanghai-bund', 'scenarios', 'design-100y.json');
  const { $schema: _schema, ...scenario } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { ...scenario, durationS: 10_800, cellM: 20 };
}

/** Builds the app and its district pack into a new temporary folder; returns it and the main chunk's size. */
export async function buildScenes(): Promise<{ dir: string; mainBundleBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rivertwin-scenes-'));
  await build({
    configFile: join(repoRoot, 'scenes', 'vite.config.ts'),
    build: { outDir: dir, emptyOutDir: true },
    logLevel: 'warn',
  });
  await writeDistrictPack(dir);
  return { dir, mainBundleBytes: mainBundleBytes(dir) };
}

/**
 * Size (bytes) of the scripts index.html loads before the app runs: the entry chunk and the chunks it preloads
 * (shared code the bundler split out of it still loads first), not the lazily loaded dashboards or globe.
 */
export function mainBundleBytes(dir: string): number {
  return mainChunks(dir).reduce((n, f) => n + statSync(join(dir, 'assets', f)).size, 0);
}

/** The entry chunk and its modulepreloaded chunks, as file names under assets/. */
export function mainChunks(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const m = /<script type="module" crossorigin src="\.\/assets\/([^"]+\.js)"/.exec(html);
  if (!m)
    throw new Error(`no entry script in ${dir}/index.html (files: ${readdirSync(join(dir, 'assets')).join(', ')})`);
  const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\.\/assets\/([^"]+\.js)"/g)];
  return [m[1], ...preloads.map((p) => p[1])];
}

/** Strings only Cesium's code carries: its GLSL built-ins' prefix and its widget's class name. */
export const CESIUM_MARKERS = ['czm_', 'CesiumWidget'] as const;

/**
 * The globe's share of a build: bytes of the chunks (scripts and styles) the globe's lazy chunk brings that the main
 * bundle did not, whether any main chunk carries a Cesium marker, and the bytes of Cesium's static files beside it.
 */
export function globeBundle(dir: string): {
  globeChunkBytes: number;
  mainIncludesCesium: boolean;
  cesiumStaticBytes: number;
} {
  const assets = join(dir, 'assets');
  const main = new Set(mainChunks(dir));
  const entry = readdirSync(assets).find((f) => /^GlobeView-.*\.js$/.test(f));
  if (!entry) throw new Error(`no GlobeView chunk in ${assets}: is the globe mode lazily imported?`);
  const seen = new Set<string>();
  const visit = (f: string): void => {
    if (seen.has(f) || main.has(f)) return;
    seen.add(f);
    const code = readFileSync(join(assets, f), 'utf8');
    for (const m of code.matchAll(/(?:from\s*|import\s*\(?\s*)["']\.\/([^"']+\.js)["']/g)) visit(m[1]);
  };
  visit(entry);
  const css = readdirSync(assets).filter((f) => /^GlobeView-.*\.css$/.test(f));
  const globeChunkBytes = [...seen, ...css].reduce((n, f) => n + statSync(join(assets, f)).size, 0);
  const mainIncludesCesium = [...main].some((f) => {
    const code = readFileSync(join(assets, f), 'utf8');
    return CESIUM_MARKERS.some((k) => code.includes(k));
  });
  return { globeChunkBytes, mainIncludesCesium, cesiumStaticBytes: folderBytes(join(dir, 'cesiumStatic')) };
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    n += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

/** A top-down camera over local (x, y) from `heightM` up, for deep links (`cam=`). */
export function topDownCam(x: number, y: number, heightM: number): string {
  return [x, heightM, -y + 1, x, 0, -y].map((v) => Math.round(v)).join(',');
}

/** The page's globals the tests touch inside page.evaluate (typed here: the test program has no DOM library). */
export interface PageGlobals {
  __firstFrame?: boolean;
  __twin: {
    project(x: number, y: number, elevationM: number): [number, number];
    stats(): { drawCalls: number; triangles: number; frameMs: number[] };
    trucks(): { id: string; x: number; y: number }[];
    renderNow(): Promise<number>;
  };
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    createElement(tag: 'canvas'): PageCanvas;
    body: object;
  };
  getComputedStyle(el: object): { fontFamily: string };
  HTMLInputElement: { prototype: object };
  Event: new (type: string, init?: { bubbles?: boolean }) => object;
}
export interface PageElement {
  textContent: string | null;
  dispatchEvent(e: object): boolean;
}
export interface PageCanvas extends PageElement {
  width: number;
  height: number;
  clientWidth: number;
  getContext(kind: '2d'): {
    font: string;
    fillText(t: string, x: number, y: number): void;
    drawImage(src: object, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

/** RGB of the canvas at CSS pixels (median of a 3 × 3 patch, so a 1-pixel road line does not decide it). */
export async function canvasPixels(page: Page, points: [number, number][]): Promise<[number, number, number][]> {
  return page.evaluate((pts) => {
    const g = globalThis as unknown as PageGlobals;
    const src = g.document.querySelector('canvas') as PageCanvas;
    const c = g.document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const scale = src.width / src.clientWidth;
    return pts.map(([x, y]) => {
      const d = ctx.getImageData(Math.round(x * scale) - 1, Math.round(y * scale) - 1, 3, 3).data;
      const med = (k: number) => [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => d[i * 4 + k]).sort((a, b) => a - b)[4];
      return [med(0), med(1), med(2)] as [number, number, number];
    });
  }, points);
}
