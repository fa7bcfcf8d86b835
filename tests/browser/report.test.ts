// The report of design-100y (the Bund, 100-year storm, at its own 10 m cells) opened in Debian's headless Chromium in
// each language: no console error, no request beyond the page itself, and the map's pixels show depth-class colours
// at cells the record's maximum-depth grid has wet and none at cells it has dry. Screenshots go to .tmp/ to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecordResults, RecordReplay, type RecordResults } from '../../simulation/record/index.ts';
import { RecordFolderSource } from '../../simulation/record/record-folder.node.ts';
import { cellCentrePx, classOf, DEPTH_CLASSES, DRY_BELOW_M, mapLayout, rgbOf } from '../../server/report/index.ts';
import { buildTwin, type Twin } from '../../twin/district/build-twin.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot, runCli } from '../helpers/cli.ts';
import { decodePng, pixelAt } from '../helpers/png.ts';
import { serveDirectory, type StaticServer } from '../helpers/static-server.ts';

const root = mkdtempSync(join(tmpdir(), 'rivertwin-report-browser-'));
const record = join(root, 'design-100y');
const shots = join(repoRoot, '.tmp');
let results: RecordResults;
let twin: Twin;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  // design-100y is defined at 10 m cells already (its cellM), so the run uses no override: 8 simulated hours.
  const run = runCli(['run', 'datasets/shanghai-bund', '--scenario', 'design-100y', '--out', record], 900_000);
  expect(run.status, run.stderr).toBe(0);
  for (const lang of ['zh', 'en']) {
    const r = runCli(['report', record, '--lang', lang, '--out', join(root, `report-${lang}.html`)]);
    expect(r.status, r.stderr).toBe(0);
  }
  results = readRecordResults(RecordReplay.open(new RecordFolderSource(record)), new RecordFolderSource(record));
  twin = buildTwin(await loadDistrict(join(repoRoot, 'datasets/shanghai-bund')), { cellM: 10 });
  browser = await launchDebianChromium();
  server = await serveDirectory(root);
  mkdirSync(shots, { recursive: true });
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Cells whose 3 × 3 neighbourhood all satisfies `pred`, away from hotspot markers and labels, spread evenly. */
function sampleCells(pred: (i: number) => boolean, want: number): [number, number][] {
  const g = results.maxDepth;
  const layout = mapLayout(g);
  const hotspotPx = twin.district.hotspots.map((h) => [
    layout.left + (h.xy[0] - g.x0) * layout.pxPerM,
    layout.top + (g.y0 + g.ny * g.cellM - h.xy[1]) * layout.pxPerM,
  ]);
  const walls = twin.grid.wallCrestM;
  const found: [number, number][] = [];
  for (let r = 1; r < g.ny - 1; r++)
    for (let c = 1; c < g.nx - 1; c++) {
      let ok = true;
      for (let dr = -1; dr <= 1 && ok; dr++)
        for (let dc = -1; dc <= 1 && ok; dc++) {
          const i = (r + dr) * g.nx + c + dc;
          ok = pred(i) && !Number.isFinite(walls[i]);
        }
      if (!ok) continue;
      const [x, y] = cellCentrePx(layout, c, r);
      if (hotspotPx.some(([hx, hy]) => Math.hypot(hx - x, hy - y) < 45)) continue;
      found.push([c, r]);
    }
  const step = Math.max(1, Math.floor(found.length / want));
  return found.filter((_, k) => k % step === 0).slice(0, want);
}

const distance = (a: number[], b: number[]): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe.each(['zh', 'en'])('the design-100y report in %s', (lang) => {
  it('opens with no console error and no request beyond the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const url = `${server.url}/report-${lang}.html`;
    const errors: string[] = [];
    const outside: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    expect(await page.locator('section h2').count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('#cases svg, #rain svg, #river svg, #sensors svg, #water svg').count()).toBe(5);
    await page.screenshot({ path: join(shots, `report-design-100y-${lang}.png`), fullPage: true });
    const mapPng = await page.locator('#max-depth-map svg').screenshot({ path: join(shots, `report-map-${lang}.png`) });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);

    // The map: class colours where the record is wet, none where it is dry.
    const pixels = decodePng(mapPng);
    const g = results.maxDepth;
    const layout = mapLayout(g);
    expect(pixels.width).toBe(layout.svgWidthPx);
    const values = g.values;
    const misses: string[] = [];
    let wetSampled = 0;
    DEPTH_CLASSES.forEach((cls, k) => {
      const cells = sampleCells((i) => classOf(DEPTH_CLASSES, values[i]) === k, 40);
      if (k === 0) expect(cells.length).toBeGreaterThanOrEqual(20);
      for (const [c, r] of cells) {
        const [x, y] = cellCentrePx(layout, c, r);
        const got = pixelAt(pixels, x, y);
        wetSampled++;
        if (distance(got, rgbOf(cls.colour)) > 20)
          misses.push(`cell (${c}, ${r}) ${values[r * g.nx + c].toFixed(3)} m: ${got} not ${cls.colour}`);
      }
    });
    const dry = sampleCells((i) => values[i] < DRY_BELOW_M, 80);
    expect(dry.length).toBeGreaterThanOrEqual(40);
    for (const [c, r] of dry) {
      const [x, y] = cellCentrePx(layout, c, r);
      const got = pixelAt(pixels, x, y);
      const near = DEPTH_CLASSES.find((cls) => distance(got, rgbOf(cls.colour)) < 40);
      if (near) misses.push(`dry cell (${c}, ${r}) drawn ${got}, the colour of ${near.colour}`);
    }
    writeFileSync(
      join(shots, `report-map-${lang}-samples.txt`),
      `${wetSampled} wet, ${dry.length} dry\n${misses.join('\n')}\n`,
    );
    expect(wetSampled).toBeGreaterThanOrEqual(40);
    expect(misses).toEqual([]);
    await page.close();
  });
});
