// Bench: the 3D app in Debian's headless Chromium (WebGL on SwiftShader, i.e. the CPU) on loopback, showing the whole
// district with water, trucks and markers at the peak of a design-100y record (first 3 h at 20 m cells): draw calls
// and triangles of a frame, the main bundle's size, the time from navigation to the first drawn frame, the median
// of 15 frames, and the same with the water switched off (so the water's share of a frame is measured, not guessed).
// Then the globe (Cesium, its own chunk): its chunk's bytes, whether the main bundle carries any Cesium, the time from
// the mode switch to the camera over the district with the buildings built, and the median of 5 globe frames.
// Prints {drawCalls, triangles, mainBundleBytes, firstFrameMs, frameMsMedian, frameMsNoWaterMedian, waterShareOfFrame,
// globeChunkBytes, mainIncludesCesium, cesiumStaticBytes, globeReadyMs, globeFrameMsMedian}.
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { buildScenes, designStorm3h, globeBundle, type PageGlobals } from '../helpers/scenes-app.ts';
import { startTestServer } from '../helpers/server.ts';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function frames(page: Page, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    out.push(await page.evaluate(() => (globalThis as unknown as PageGlobals).__twin.renderNow()));
  return out;
}

export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  log('building the app…');
  const { dir, mainBundleBytes } = await buildScenes();
  const s = await startTestServer({ appDir: dir });
  const browser = await launchDebianChromium({ webgl: true });
  try {
    log('running design-100y (3 h at 20 m)…');
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: designStorm3h() },
    });
    const { id } = (await res.json()) as { id: string };
    await s.app.twin.runs.whenDone(id);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${s.url}/?run=${id}&t=8400&test=1`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__firstFrame === true, null, {
      timeout: 120_000,
    });
    const firstFrameMs = await page.evaluate(
      () => (globalThis as unknown as { __firstFrameMs: number }).__firstFrameMs,
    );
    await frames(page, 3);
    const withWater = await frames(page, 15);
    const stats = await page.evaluate(() => (globalThis as unknown as PageGlobals).__twin.stats());
    await page.getByLabel('积水', { exact: true }).uncheck();
    await frames(page, 3);
    const noWater = await frames(page, 15);
    await page.getByLabel('积水', { exact: true }).check();
    const globe = await globeFigures(page);
    const frameMsMedian = median(withWater);
    const frameMsNoWaterMedian = median(noWater);
    const result = {
      drawCalls: stats.drawCalls,
      triangles: stats.triangles,
      mainBundleBytes,
      firstFrameMs: Math.round(firstFrameMs),
      frameMsMedian: Math.round(frameMsMedian * 10) / 10,
      frameMsNoWaterMedian: Math.round(frameMsNoWaterMedian * 10) / 10,
      waterShareOfFrame: Math.round(Math.max(0, (frameMsMedian - frameMsNoWaterMedian) / frameMsMedian) * 100) / 100,
      ...globeBundle(dir),
      ...globe,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page's globe hooks the bench reads (see scenes/src/globe/globe-session.ts). */
interface GlobeGlobals {
  __globe?: { ready: boolean; renderNow(): Promise<number> };
}

/** Switches to the globe: ms until it is ready over the district, and the median of 5 frames there. */
async function globeFigures(page: Page): Promise<{ globeReadyMs: number; globeFrameMsMedian: number }> {
  const t0 = Date.now();
  await page.getByTestId('mode-globe').click();
  await page.waitForFunction(() => (globalThis as unknown as GlobeGlobals).__globe?.ready === true, null, {
    timeout: 240_000,
    polling: 100,
  });
  const globeReadyMs = Date.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 5; i++)
    times.push(await page.evaluate(() => (globalThis as unknown as GlobeGlobals).__globe!.renderNow()));
  return { globeReadyMs, globeFrameMsMedian: Math.round(median(times) * 10) / 10 };
}
