// Bench: the 3D app in Debian's headless Chromium (WebGL on SwiftShader, i.e. the CPU) on loopback, showing the whole
// district with water, trucks and markers at the peak of a design-100y record (first 3 h at 20 m cells): draw calls
// and triangles of a frame, the main bundle's size, the time from navigation to the first drawn frame, the median
// of 15 frames, and the same with the water switched off (so the water's share of a frame is measured, not guessed).
// Prints {drawCalls, triangles, mainBundleBytes, firstFrameMs, frameMsMedian, frameMsNoWaterMedian, waterShareOfFrame}.
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { buildScenes, designStorm3h, type PageGlobals } from '../helpers/scenes-app.ts';
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
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
