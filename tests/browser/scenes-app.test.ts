// The 3D twin app end to end in Debian's headless Chromium (WebGL on SwiftShader): a design-100y record (first 3 h
// at 20 m) replayed from the server — water drawn on the cells the depth frame has wet and not on dry ones (cells
// projected to screen, pixels sampled), trucks drawn on roads, play, scrub with panels as of t, every dashboard,
// both languages with Chinese rendered; an unknown run, a record still being written, the server going away and
// coming back; the static build opening the record zip with no server. No console errors, no request off loopback.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrameMessage } from '../../simulation/record/frame-message.ts';
import type { RunView } from '../../simulation/scenario/run-view.ts';
import { buildApp } from '../../server/http/app.ts';
import { decodeTerrainMessage, type TerrainMessage } from '../../twin/grid/terrain-message.ts';
import { createLocalFrame, wgs84ToLocal } from '../../twin/projection/local-frame.ts';
import { depthClass, CLASS_COLOURS } from '../../scenes/src/scene/depth-classes.ts';
import { CLASS_ALPHA, SURFACE_COLOURS } from '../../scenes/src/scene/ground-material.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';
import { buildScenes, canvasPixels, designStorm3h, topDownCam, type PageGlobals } from '../helpers/scenes-app.ts';
import { SHORT_STORM, startTestServer, type TestServer } from '../helpers/server.ts';
import { serveDirectory, type StaticServer } from '../helpers/static-server.ts';

const SHOTS = join(repoRoot, '.tmp', 'scenes');
const PEAK_S = 8400;
let s: TestServer;
let browser: Browser;
let appDir = '';
let runId = '';
const requests: string[] = [];
const consoleErrors: string[] = [];

/** Opens the app; `serverGone` expects the browser's own errors for requests the stopped server refused. */
async function open(path: string, serverGone = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    const refused = /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|status of 503|WebSocket/.test(
      m.text(),
    );
    if (m.type() === 'error' && !(serverGone && refused)) consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  await page.goto(`${s.url}${path}`);
  return page;
}

const firstFrame = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as PageGlobals).__firstFrame === true, null, { timeout: 120_000 });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  appDir = (await buildScenes()).dir;
  s = await startTestServer({ appDir });
  const res = await s.call('/api/runs', {
    method: 'POST',
    role: 'planner',
    json: { district: 'shanghai-bund', scenario: designStorm3h() },
  });
  runId = ((await res.json()) as { id: string }).id;
  await s.app.twin.runs.whenDone(runId);
  browser = await launchDebianChromium({ webgl: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** sRGB 0–255 of a linear mix of two sRGB hex colours (what the ground shader outputs). */
function blend(baseHex: string, shade: number, overHex: string | null, alpha: number): [number, number, number] {
  const lin = (hex: string) =>
    [0, 2, 4]
      .map((i) => parseInt(hex.slice(1 + i, 3 + i), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const b = lin(baseHex).map((c) => c * shade);
  const o = overHex ? lin(overHex) : b;
  return b
    .map((c, i) => c + (o[i] - c) * alpha)
    .map((c) => Math.round(255 * (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055))) as [
    number,
    number,
    number,
  ];
}
const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('the 3D twin app', () => {
  it('draws water where the depth frame is wet and not where it is dry, and the trucks on roads', async () => {
    const terrain: TerrainMessage = decodeTerrainMessage(
      new Uint8Array(await (await s.call('/api/districts/shanghai-bund/terrain')).arrayBuffer()),
    );
    const frame = decodeFrameMessage(
      new Uint8Array(await (await s.call(`/api/runs/${runId}/frames?t=${PEAK_S}`)).arrayBuffer()),
    );
    const grid = (
      (await (await s.call(`/api/runs/${runId}/manifest`)).json()) as {
        manifest: { grid: { nx: number; ny: number; cellM: number; x0: number; y0: number } };
      }
    ).manifest.grid;
    const view = (await (await s.call(`/api/runs/${runId}/state?t=${PEAK_S}`)).json()) as RunView;
    const district = ((await (await s.call('/api/districts')).json()) as { origin: { lon: number; lat: number } }[])[0];
    const lf = createLocalFrame(district.origin.lon, district.origin.lat);
    const cx = terrain.x0 + (terrain.nx * terrain.cellM) / 2;
    const cy = terrain.y0 + (terrain.ny * terrain.cellM) / 2;
    const surfaceAt = (x: number, y: number) => {
      const col = Math.floor((x - terrain.x0) / terrain.cellM);
      const row = terrain.ny - 1 - Math.floor((y - terrain.y0) / terrain.cellM);
      return col < 0 || row < 0 || col >= terrain.nx || row >= terrain.ny
        ? -1
        : terrain.surface[row * terrain.nx + col];
    };
    // Away from water bodies (the river is the water mesh's, not the flood's) and the grid's edge.
    const clearGround = (x: number, y: number) => {
      for (let dy = -25; dy <= 25; dy += 5)
        for (let dx = -25; dx <= 25; dx += 5) if ([4, -1].includes(surfaceAt(x + dx, y + dy))) return false;
      return true;
    };
    const depthMm = (r: number, c: number) => frame.depthMm[r * grid.nx + c];
    const wet: { x: number; y: number; cls: number; sameClass: boolean; surface: number }[] = [];
    const dry: { x: number; y: number; surface: number }[] = [];
    for (let r = 1; r + 1 < grid.ny; r++)
      for (let c = 1; c + 1 < grid.nx; c++) {
        const x = grid.x0 + (c + 0.5) * grid.cellM;
        const y = grid.y0 + (grid.ny - r - 0.5) * grid.cellM;
        if (Math.abs(x - cx) > 1700 || Math.abs(y - cy) > 1100) continue;
        const around = [-1, 0, 1].flatMap((dr) => [-1, 0, 1].map((dc) => depthMm(r + dr, c + dc)));
        // Wet: the cell and its neighbours at 5 cm or more (full opacity); dry: all under 3 mm.
        const isWet = around.every((d) => d >= 50 && d < 65535);
        const isDry = around.every((d) => d <= 3);
        if ((!isWet && !isDry) || !clearGround(x, y)) continue;
        const cls = depthClass(depthMm(r, c) / 1000);
        if (isWet)
          wet.push({
            x,
            y,
            cls,
            sameClass: around.every((d) => depthClass(d / 1000) === cls),
            surface: surfaceAt(x, y),
          });
        else dry.push({ x, y, surface: surfaceAt(x, y) });
      }
    const page = await open(`/?run=${runId}&t=${PEAK_S}&test=1&cam=${topDownCam(cx, cy, 4200)}`);
    await firstFrame(page);
    const pickSpread = <T>(a: T[], n: number) =>
      a.filter((_, i) => i % Math.max(1, Math.floor(a.length / n)) === 0).slice(0, n);
    const wetCells = pickSpread(wet, 40);
    const dryCells = pickSpread(dry, 40);
    expect(wetCells.length).toBeGreaterThanOrEqual(8);
    expect(dryCells.length).toBeGreaterThanOrEqual(8);

    await page.mouse.move(640, 1);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__twin.renderNow());
    await shot(page, 'top-down-peak');
    // The ground and its water alone: buildings, road lines and closures, assets and trucks off (they cover cells).
    for (const layer of ['建筑', '道路', '设施', '泵车']) await page.getByLabel(layer, { exact: true }).uncheck();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__twin.renderNow());
    await shot(page, 'top-down-peak-ground-only');
    const onScreen = async (cells: { x: number; y: number }[]) =>
      page.evaluate((pts) => pts.map((p) => (globalThis as unknown as PageGlobals).__twin.project(p.x, p.y, 0)), cells);
    const groundOf = (x: number, y: number) => {
      const col = Math.floor((x - terrain.x0) / terrain.cellM);
      const row = terrain.ny - 1 - Math.floor((y - terrain.y0) / terrain.cellM);
      return terrain.bedM[row * terrain.nx + col];
    };
    const project = async (cells: { x: number; y: number }[]) =>
      page.evaluate(
        (pts) => pts.map((p) => (globalThis as unknown as PageGlobals).__twin.project(p.x, p.y, p.z)),
        cells.map((c) => ({ ...c, z: groundOf(c.x, c.y) })),
      );
    expect((await onScreen([{ x: cx, y: cy }]))[0].map(Math.round)).toEqual([640, 400]);
    const inView = ([px, py]: [number, number]) => px > 160 && px < 1220 && py > 60 && py < 690;
    const shade = 0.82 + 0.18 * (1 / Math.hypot(0.4, 1, 0.3));
    const wetPx = await project(wetCells);
    const dryPx = await project(dryCells);
    const wetSamples = await canvasPixels(page, wetPx);
    const drySamples = await canvasPixels(page, dryPx);
    let wetRight = 0;
    let wetSeen = 0;
    let classRight = 0;
    let classSeen = 0;
    wetCells.forEach((cell, i) => {
      if (!inView(wetPx[i])) return;
      wetSeen++;
      const base = SURFACE_COLOURS[cell.surface];
      const waters = CLASS_COLOURS.map((c, k) => dist(wetSamples[i], blend(base, shade, c, CLASS_ALPHA[k])));
      const ground = dist(wetSamples[i], blend(base, shade, null, 0));
      if (Math.min(...waters) < ground) wetRight++;
      if (cell.sameClass) {
        classSeen++;
        if (waters.indexOf(Math.min(...waters)) === cell.cls) classRight++;
      }
    });
    let dryRight = 0;
    let drySeen = 0;
    dryCells.forEach((cell, i) => {
      if (!inView(dryPx[i])) return;
      drySeen++;
      const base = SURFACE_COLOURS[cell.surface];
      const ground = blend(base, shade, null, 0);
      const nearestWater = Math.min(
        ...CLASS_COLOURS.map((c, k) => dist(drySamples[i], blend(base, shade, c, CLASS_ALPHA[k]))),
      );
      if (dist(drySamples[i], ground) < nearestWater) dryRight++;
    });
    writeFileSync(
      join(SHOTS, 'pixel-samples.json'),
      JSON.stringify(
        {
          wetRight,
          wetSeen,
          classRight,
          classSeen,
          dryRight,
          drySeen,
          wetCells,
          wetPx,
          wetSamples,
          dryCells,
          dryPx,
          drySamples,
        },
        null,
        1,
      ),
    );
    expect(wetSeen).toBeGreaterThanOrEqual(8);
    expect(drySeen).toBeGreaterThanOrEqual(8);
    expect(wetRight / wetSeen).toBeGreaterThanOrEqual(0.9);
    expect(dryRight / drySeen).toBeGreaterThanOrEqual(0.9);
    // Where a cell and its neighbours share a depth class, the pixel shows that class's colour.
    if (classSeen >= 5) expect(classRight / classSeen).toBeGreaterThanOrEqual(0.8);

    for (const layer of ['建筑', '道路', '设施', '泵车']) await page.getByLabel(layer, { exact: true }).check();
    // Trucks: drawn where the view puts them, and every one on a road of the graph.
    const edges = (await (await s.call('/api/districts/shanghai-bund/road-edges')).json()) as {
      features: { geometry: { coordinates: [number, number][] } }[];
    };
    const lines = edges.features.map((f) => f.geometry.coordinates.map((p) => wgs84ToLocal(lf, ...p)));
    const toSegment = (p: number[], a: number[], b: number[]) => {
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const u = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      return Math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy);
    };
    const drawn = await page.evaluate(() => (globalThis as unknown as PageGlobals).__twin.trucks());
    expect(drawn.map((t) => t.id).sort()).toEqual(view.trucks.map((t) => t.id).sort());
    for (const t of drawn) {
      const nearest = Math.min(...lines.flatMap((l) => l.slice(1).map((b, i) => toSegment([t.x, t.y], l[i], b))));
      expect(nearest, `truck ${t.id}`).toBeLessThan(15);
    }
    await page.close();
  });

  it('plays, scrubs (panels as of t), opens every dashboard and switches language, with Chinese rendered', async () => {
    const page = await open(`/?run=${runId}&t=${PEAK_S}&test=1`);
    await firstFrame(page);
    await shot(page, 'oblique-peak-zh');
    expect(await page.locator('h1').textContent()).toBe('城市内涝数字孪生');
    // Two different Chinese characters drawn in the page's font must differ: boxes (no CJK font) would not.
    const distinct = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const draw = (ch: string) => {
        const c = g.document.createElement('canvas');
        c.width = c.height = 40;
        const ctx = c.getContext('2d')!;
        ctx.font = `32px ${g.getComputedStyle(g.document.body).fontFamily}`;
        ctx.fillText(ch, 2, 32);
        return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
      };
      return draw('涝') !== draw('孪') && draw('涝') !== draw('\u{10FFFF}');
    });
    expect(distinct).toBe(true);

    const clock = page.getByTestId('clock');
    expect(await clock.textContent()).toContain('02:20:00');
    await page.getByTestId('play').click();
    await page.waitForFunction(
      () =>
        !(globalThis as unknown as PageGlobals).document
          .querySelector('[data-testid=clock]')!
          .textContent!.startsWith('02:20:00'),
      null,
      { timeout: 60_000 },
    );
    await page.getByTestId('play').click();

    const scrubTo = (tS: number) =>
      page.evaluate((v) => {
        const g = globalThis as unknown as PageGlobals;
        const el = g.document.querySelector('[data-testid=scrub]')!;
        Object.getOwnPropertyDescriptor(g.HTMLInputElement.prototype, 'value')!.set!.call(el, String(v));
        el.dispatchEvent(new g.Event('input', { bubbles: true }));
      }, tS);
    await page.getByTestId('tab-cases').click();
    for (const t of [9600, 7800]) {
      await scrubTo(t);
      await page.waitForFunction(
        (tt) =>
          (globalThis as unknown as PageGlobals).document
            .querySelector('[data-testid=clock]')!
            .textContent!.startsWith(tt),
        t === 9600 ? '02:40:00' : '02:10:00',
      );
      const v = (await (await s.call(`/api/runs/${runId}/state?t=${t}`)).json()) as RunView;
      const want = v.cases.slice(0, 12).map((c) => c.id);
      await page.waitForFunction(
        (ids) =>
          Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('.board tr td:first-child'))
            .map((td) => td.textContent)
            .join() === ids.join(),
        want,
      );
    }
    await shot(page, 'cases-after-scrub');
    for (const tab of ['rain', 'river', 'sensors', 'cases', 'fleet', 'kpis']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.locator(`[data-testid=chart-${tab}] canvas`).first().waitFor({ timeout: 30_000 });
      if (tab === 'river' || tab === 'kpis') await shot(page, `dashboard-${tab}`);
    }
    await page.getByTestId('lang').click();
    expect(await page.locator('h1').textContent()).toBe('Urban flood digital twin');
    await expect.poll(() => page.getByTestId('tab-rain').textContent()).toBe('Rain');
    await shot(page, 'english-kpis');
    await page.getByTestId('lang').click();
    expect(await page.locator('h1').textContent()).toBe('城市内涝数字孪生');
    expect(await page.getByTestId('attribution').textContent()).toContain('OpenStreetMap');
    expect(await page.getByTestId('modelled').isVisible()).toBe(true);
    await page.close();
  });

  it('says when a run does not exist or its record is still being written', async () => {
    const page = await open('/?run=run-does-not-exist&test=1');
    await page.getByTestId('notice-unknownRun').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('notice-unknownRun').textContent()).toContain('run-does-not-exist');
    await page.close();
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: SHORT_STORM, pace: 120 },
    });
    const live = ((await res.json()) as { id: string }).id;
    await expect
      .poll(async () => ((await (await s.call(`/api/runs/${live}`)).json()) as { reachedS: number }).reachedS, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    const p2 = await open(`/?run=${live}&test=1`);
    await p2.getByTestId('notice-writing').waitFor({ timeout: 60_000 });
    await shot(p2, 'record-being-written');
    await s.call(`/api/runs/${live}/cancel`, { method: 'POST', role: 'planner' });
    await p2.close();
  });

  it('says when the server goes away mid-replay and recovers when it returns', async () => {
    const page = await open(`/?run=${runId}&t=3600&test=1`, true);
    await firstFrame(page);
    const port = Number(new URL(s.url).port);
    await s.app.close();
    await page.getByTestId('play').click();
    await page.getByTestId('notice-gone').waitFor({ timeout: 60_000 });
    await shot(page, 'server-gone');
    const again = await buildApp({ dataDir: s.dataDir, anonymousViewer: true, rateLimitPerMinute: false, appDir });
    await again.listen({ port, host: '127.0.0.1' });
    s.app = again;
    await page.getByTestId('notice-gone').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('play').click();
    await page.close();
  });

  it('opens the record zip in the static build with no server (offline)', async () => {
    const zip = Buffer.from(await (await s.call(`/api/runs/${runId}/record`)).arrayBuffer());
    const zipPath = join(SHOTS, 'record.zip');
    writeFileSync(zipPath, zip);
    let stat: StaticServer | null = null;
    try {
      stat = await serveDirectory(appDir);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        // The static server has no API: the app's one probe of /api/health answers 404 there, by design.
        if (m.type() === 'error' && !m.text().includes('404')) consoleErrors.push(`offline: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`offline: ${e.message}`));
      await page.goto(`${stat.url}/index.html?test=1`);
      await page.getByTestId('notice-offline').waitFor({ timeout: 60_000 });
      await page.getByTestId('record-file').setInputFiles(zipPath);
      await firstFrame(page);
      await page.getByTestId('tab-rain').click();
      await page.locator('[data-testid=chart-rain] canvas').first().waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('clock').textContent()).toContain('03:00:00');
      await shot(page, 'offline-record');
      await page.close();
    } finally {
      await stat?.close();
    }
  });

  it('made no request off loopback and logged no console error', () => {
    const off = requests.filter((u) => !/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(u) && !/^(data|blob):/.test(u));
    expect(off).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
    expect(consoleErrors).toEqual([]);
  });
});
