// The globe (Cesium) end to end in Debian's headless Chromium (WebGL on SwiftShader): a design-100y record (first
// 3 h at 20 m) from a real server on loopback, opened in the 3D view, switched to the globe and back. Every request
// the page and its workers make is listed in the output and must stay on loopback; no console error; the globe's own
// clock, the timeline and the caption read the same simulated time as the 3D view; a marker picked on the globe is
// the selection the 3D view shows; the water redraws as the clock steps; the static build's globe works with no
// server. Screenshots of the globe over Shanghai, near and from afar.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '../../simulation/scenario/run-view.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';
import { buildScenes, designStorm3h } from '../helpers/scenes-app.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { serveDirectory } from '../helpers/static-server.ts';

const SHOTS = join(repoRoot, 'tests', 'browser', 'screens');
const PEAK_S = 8400;
let s: TestServer;
let browser: Browser;
let runId = '';
let appDir = '';
const requests: string[] = [];
const consoleErrors: string[] = [];

type Kind = 'sensor' | 'pumpStation' | 'hotspot' | 'truck' | 'case' | 'depot';
/** The page's globals the test reads (typed here: the test program has no DOM library). */
interface GlobeGlobals {
  __firstFrame?: boolean;
  __globe?: {
    ready: boolean;
    tilesLoaded(): boolean;
    timeS(): number;
    screenOf(kind: Kind, id: string): [number, number] | null;
    drawn(): { kind: Kind; id: string }[];
    groundDraws(): number;
    lookFrom(rangeM: number): Promise<void>;
    renderNow(): Promise<number>;
  };
}

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

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // page.on('request') also sees the requests of the page's workers (Cesium's geometry workers).
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${s.url}${path}`);
  return page;
}

const clockText = (page: Page) => page.getByTestId('clock').textContent();
const globeReady = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as GlobeGlobals).__globe?.ready === true, null, {
    timeout: 240_000,
    polling: 500,
  });
const tilesLoaded = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as GlobeGlobals).__globe?.tilesLoaded() === true, null, {
    timeout: 180_000,
    polling: 500,
  });

describe('the globe', () => {
  it('opens over the Bund on the same clock and selection as the 3D view, and back', async () => {
    const page = await open(`/?run=${runId}&t=${PEAK_S}&test=1`);
    await page.waitForFunction(() => (globalThis as unknown as GlobeGlobals).__firstFrame === true, null, {
      timeout: 120_000,
    });
    const shownIn3d = await clockText(page);
    expect(shownIn3d).toContain('02:20:00');

    await page.getByTestId('mode-globe').click();
    await globeReady(page);
    await tilesLoaded(page);
    // Cesium's clock is set from the app's: the same simulated time as the timeline and the caption.
    expect(await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.timeS())).toBeCloseTo(PEAK_S, 3);
    expect(await clockText(page)).toBe(shownIn3d);
    expect(await page.getByTestId('globe-time').textContent()).toContain('02:20:00');
    const credits = await page.getByTestId('globe-credits').textContent();
    expect(credits).toContain('Natural Earth');
    expect(credits).toContain('OpenStreetMap');

    // Everything of the view is drawn: every truck, case and sensor of the state at 02:20.
    const view = (await (await s.call(`/api/runs/${runId}/state?t=${PEAK_S}`)).json()) as RunView;
    const drawn = await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.drawn());
    const ids = (k: Kind) =>
      drawn
        .filter((d) => d.kind === k)
        .map((d) => d.id)
        .sort();
    expect(ids('truck')).toEqual(view.trucks.map((t) => t.id).sort());
    expect(ids('case')).toEqual(view.cases.map((c) => c.id).sort());
    expect(ids('sensor')).toEqual(view.sensors.map((x) => x.id).sort());

    // Pick a marker that stands apart from every other on screen and from the panels, by clicking it on the globe:
    // a truck or a case if one does, else an asset. The details panel names what is selected.
    const onScreen = await page.evaluate(() =>
      (globalThis as unknown as GlobeGlobals)
        .__globe!.drawn()
        .map((d) => ({ ...d, at: (globalThis as unknown as GlobeGlobals).__globe!.screenOf(d.kind, d.id) })),
    );
    const panels = await Promise.all(
      ['legend', 'globe-caption', 'timeline', 'globe-credits'].map((id) => page.getByTestId(id).boundingBox()),
    );
    const free = ([x, y]: [number, number]) =>
      x > 20 &&
      x < 1200 &&
      y > 70 &&
      panels.every((b) => !b || x < b.x - 15 || x > b.x + b.width + 15 || y < b.y - 15 || y > b.y + b.height + 15);
    const inView = onScreen.filter((m): m is typeof m & { at: [number, number] } => !!m.at && free(m.at));
    const apart = inView.filter((m) =>
      inView.every((o) => o === m || Math.hypot(o.at[0] - m.at[0], o.at[1] - m.at[1]) > 28),
    );
    const order: Kind[] = ['truck', 'case', 'sensor', 'hotspot', 'pumpStation', 'depot'];
    const target = order.map((k) => apart.find((m) => m.kind === k)).find((m) => m);
    expect(target, 'a marker apart from the others').toBeDefined();
    const layerOf: Partial<Record<Kind, string>> = {
      sensor: 'sensors',
      hotspot: 'hotspots',
      pumpStation: 'pumpStations',
      depot: 'depots',
    };
    const layer = layerOf[target!.kind];
    const feature = layer
      ? (
          (await (await s.call(`/api/districts/shanghai-bund/layers/${layer}`)).json()) as {
            features: { id: string; properties: { name?: string } }[];
          }
        ).features.find((f) => f.id === target!.id)
      : undefined;
    const named = feature?.properties.name ?? target!.id;
    await page.mouse.click(target!.at[0], target!.at[1]);
    await expect.poll(() => page.getByTestId('details').textContent(), { timeout: 30_000 }).toContain(named);
    await page.mouse.move(640, 60);
    await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.renderNow());
    await page.screenshot({ path: join(SHOTS, 'globe-shanghai.png') });
    // And from 2,500 km: the district named on the coast of the Yangtze delta, the globe's curve behind.
    await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.lookFrom(2_500_000));
    await tilesLoaded(page);
    await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.renderNow());
    await page.screenshot({ path: join(SHOTS, 'globe-shanghai-region.png') });
    await page.getByTestId('globe-home').click();

    // The water follows the clock: a step forward redraws the ground, and Cesium's clock moves with the timeline.
    const stepS = (
      (await (await s.call(`/api/runs/${runId}/manifest`)).json()) as { manifest: { controlStepS: number } }
    ).manifest.controlStepS;
    const drawsBefore = await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.groundDraws());
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForFunction(
      (t) => Math.abs((globalThis as unknown as GlobeGlobals).__globe!.timeS() - t) < 1e-3,
      PEAK_S + stepS,
      { timeout: 30_000 },
    );
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.groundDraws()))
      .toBeGreaterThan(drawsBefore);
    const shownOnGlobe = await clockText(page);
    expect(shownOnGlobe).not.toBe(shownIn3d);

    // Back to 3D: the same time and the same selection.
    await page.getByTestId('mode-twin').click();
    await page.locator('canvas').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe)).toBeUndefined();
    expect(await clockText(page)).toBe(shownOnGlobe);
    expect(await page.getByTestId('details').textContent()).toContain(named);
    // And to the globe again: its clock picks up where the app's is.
    await page.getByTestId('mode-globe').click();
    await globeReady(page);
    expect(await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.timeS())).toBeCloseTo(
      PEAK_S + stepS,
      3,
    );
    expect(await clockText(page)).toBe(shownOnGlobe);
    await page.close();
  }, 600_000);

  it("opens in the static build with no server (offline), Cesium's files beside it", async () => {
    const stat = await serveDirectory(appDir);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        // The static server has no API: the app's one probe of /api/health answers 404 there, by design.
        if (m.type() === 'error' && !m.text().includes('404')) consoleErrors.push(`offline: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`offline: ${e.message}`));
      await page.goto(`${stat.url}/index.html?mode=globe&test=1`);
      await page.getByTestId('notice-offline').waitFor({ timeout: 60_000 });
      await globeReady(page);
      await tilesLoaded(page);
      expect(await page.getByTestId('globe-credits').textContent()).toContain('Natural Earth');
      await page.close();
    } finally {
      await stat.close();
    }
  }, 600_000);

  it('made no request off loopback and logged no console error', () => {
    // Every request, in order (data: URLs shortened), then a count by host and top folder.
    const short = (u: string) => (u.startsWith('data:') ? `${u.slice(0, 40)}…` : u);
    const byFolder = new Map<string, number>();
    for (const u of requests) {
      const url = new URL(u);
      const key = u.startsWith('data:') ? 'data:' : `${url.host}/${url.pathname.split('/')[1]}`;
      byFolder.set(key, (byFolder.get(key) ?? 0) + 1);
    }
    console.log(
      `requests made by the page and its workers (${requests.length}):\n` +
        requests.map((u, i) => `${String(i + 1).padStart(4)} ${short(u)}`).join('\n') +
        `\nby host and folder:\n` +
        [...byFolder].map(([k, n]) => `${String(n).padStart(5)}  ${k}`).join('\n'),
    );
    const off = requests.filter((u) => !/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(u) && !/^(data|blob):/.test(u));
    expect(off).toEqual([]);
    expect(requests.some((u) => u.includes('/cesiumStatic/Assets/Textures/NaturalEarthII/'))).toBe(true);
    expect(requests.some((u) => u.includes('/cesiumStatic/Workers/'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
