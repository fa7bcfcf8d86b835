// The app's ensemble view end to end in headless Chromium (WebGL on SwiftShader): a small ensemble run on the
// server, chosen in the view, its P(max depth > 15 cm) map drawn on the district where the grid says (cells projected
// to screen, pixels sampled: the deepest class where every member flooded, ground where none did), the 90th-percentile
// map, legend and recommendation, both languages. No console errors, no request off loopback.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTerrainMessage, type TerrainMessage } from '../../twin/grid/terrain-message.ts';
import { mapClass, PROBABILITY_COLOURS } from '../../scenes/src/ensemble/map-classes.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';
import { buildScenes, canvasPixels, topDownCam, type PageGlobals } from '../helpers/scenes-app.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SHOTS = join(repoRoot, '.tmp', 'scenes');
let s: TestServer;
let browser: Browser;
let ensembleId = '';
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const appDir = (await buildScenes()).dir;
  s = await startTestServer({ appDir, maxThreads: 1 });
  const res = await s.call('/api/ensembles', {
    method: 'POST',
    role: 'planner',
    json: {
      district: 'shanghai-bund',
      ensemble: {
        name: 'three-storms',
        title: '三场暴雨 × 两种车队',
        titleEn: 'Three storms × two fleets',
        base: 'design-50y',
        cellM: 40,
        axes: {
          rain: { returnPeriodsYears: [1, 5, 100], durationsMin: [30], afterStormS: 600 },
          fleetSize: [2, 8],
        },
        aggregate: { recommend: { kpi: 'caseHoursWaiting', bootstrap: 50 } },
      },
    },
  });
  ensembleId = ((await res.json()) as { id: string }).id;
  for (;;) {
    const info = (await (await s.call(`/api/ensembles/${ensembleId}`)).json()) as { finishedAt: string | null };
    if (info.finishedAt) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchDebianChromium({ webgl: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  await page.goto(`${s.url}${path}`);
  return page;
}

const drawn = (page: Page, name: string) =>
  page.waitForFunction(
    (want) => (globalThis as unknown as { __ensembleDrawn?: string }).__ensembleDrawn === want,
    `${ensembleId}/${name}`,
    { timeout: 120_000 },
  );

describe('the ensemble view', () => {
  it('draws the chosen map on the district where its grid says, with legend and recommendation', async () => {
    const terrain: TerrainMessage = decodeTerrainMessage(
      new Uint8Array(await (await s.call('/api/districts/shanghai-bund/terrain')).arrayBuffer()),
    );
    const results = (await (await s.call(`/api/ensembles/${ensembleId}/results`)).json()) as {
      grid: { nx: number; ny: number; cellM: number; x0: number; y0: number };
      fleetSizeCurves: { recommendation: { trucks: number } }[];
    };
    const g = results.grid;
    const p15 = new Float32Array(
      await (await s.call(`/api/ensembles/${ensembleId}/grids/prob-depth-gt-15cm`)).arrayBuffer(),
    );
    const cx = terrain.x0 + (terrain.nx * terrain.cellM) / 2;
    const cy = terrain.y0 + (terrain.ny * terrain.cellM) / 2;
    const page = await open(`/?mode=ensemble&test=1&cam=${topDownCam(cx, cy, 4200)}`);
    await drawn(page, 'prob-depth-gt-15cm');
    const panel = page.getByTestId('ensemble-panel');
    await expect(panel.getByTestId('ensemble-title').textContent()).resolves.toBe('三场暴雨 × 两种车队');
    await expect(panel.getByTestId('ensemble-legend').textContent()).resolves.toContain('最大水深超过 15 cm 的概率');
    const trucks = results.fleetSizeCurves[0].recommendation.trucks;
    await expect(panel.getByTestId('ensemble-rec').textContent()).resolves.toContain(`建议泵车 ${trucks} 辆`);
    await page.screenshot({ path: join(SHOTS, 'ensemble-p15-zh.png') });

    // Cells whose centre is open ground (paved, road or green: not under a roof, not the river), by their class.
    const surfaceAt = (x: number, y: number) => {
      const col = Math.floor((x - terrain.x0) / terrain.cellM);
      const row = terrain.ny - 1 - Math.floor((y - terrain.y0) / terrain.cellM);
      if (col < 0 || row < 0 || col >= terrain.nx || row >= terrain.ny) return -1;
      return terrain.surface[row * terrain.nx + col];
    };
    const bedAt = (x: number, y: number) => {
      const col = Math.floor((x - terrain.x0) / terrain.cellM);
      const row = terrain.ny - 1 - Math.floor((y - terrain.y0) / terrain.cellM);
      return terrain.bedM[row * terrain.nx + col];
    };
    const cells = (...classes: number[]) => {
      const out: [number, number][] = [];
      for (let r = 1; r < g.ny - 1; r++)
        for (let c = 1; c < g.nx - 1; c++) {
          if (!classes.includes(mapClass('probability', p15[r * g.nx + c]))) continue;
          const x = g.x0 + (c + 0.5) * g.cellM;
          const y = g.y0 + (g.ny - r - 0.5) * g.cellM;
          if ([0, 1, 3].includes(surfaceAt(x, y))) out.push([x, y]);
        }
      return out.filter((_p, i) => i % Math.max(1, Math.floor(out.length / 60)) === 0);
    };
    const project = (pts: [number, number][]) =>
      page.evaluate(
        (list) => list.map(([x, y, e]) => (globalThis as unknown as PageGlobals).__twin.project(x, y, e)),
        pts.map(([x, y]) => [x, y, bedAt(x, y) + 0.4] as [number, number, number]),
      );
    const likely = cells(2, 3);
    const never = cells(-1);
    expect(likely.length).toBeGreaterThan(5);
    expect(never.length).toBeGreaterThan(5);
    // The two upper classes' crimson (#dd1c77, #980043: red well over green, blue over green) where at least half the
    // members flooded past 15 cm; open ground (grey or green) where none did.
    const crimson = ([r, gg, b]: [number, number, number]) => r > gg + 60 && b > gg + 10;
    const onLikely = (await canvasPixels(page, await project(likely))).filter(crimson).length;
    const onNever = (await canvasPixels(page, await project(never))).filter(crimson).length;
    expect(onLikely / likely.length, `crimson on ${onLikely} of ${likely.length}`).toBeGreaterThan(0.7);
    expect(onNever / never.length, `crimson on ${onNever} of ${never.length}`).toBeLessThan(0.1);
    expect(PROBABILITY_COLOURS.slice(2)).toEqual(['#dd1c77', '#980043']);

    // The 90th percentile of the maximum depth, then English.
    await page.getByTestId('ensemble-map-max-depth-p90').click();
    await drawn(page, 'max-depth-p90');
    await expect(panel.getByTestId('ensemble-legend').textContent()).resolves.toContain('> 50 cm');
    await page.getByTestId('lang').click();
    await expect(panel.getByTestId('ensemble-title').textContent()).resolves.toBe('Three storms × two fleets');
    await expect(panel.getByTestId('ensemble-legend').textContent()).resolves.toContain('Max depth, 90th percentile');
    await expect(panel.getByTestId('ensemble-rec').textContent()).resolves.toContain(`Recommended: ${trucks} trucks`);
    await page.screenshot({ path: join(SHOTS, 'ensemble-p90-en.png') });
    await page.close();
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(s.url) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual(
      [],
    );
  }, 300_000);
});
