// Filming a tour: the app in Debian's headless Chromium (WebGL on SwiftShader) in kiosk mode, the tour loaded
// through `window.__tour`, then stepped frame by frame — seek to t, wait for that frame drawn, screenshot — so the
// video keeps the tour's pace however slowly the machine draws.
import { existsSync } from 'node:fs';
import type { Browser, BrowserType, Page } from 'playwright-core';
import { formatWall } from '../progress.ts';
import { CliError } from '../verb.ts';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** What the page's hooks answer (scenes/src/tour/tour-hooks.ts). */
interface TourInfo {
  status: string;
  totalS: number;
  segments: number;
  runId: string | null;
  detail: Record<string, string>;
}
interface TourWindow {
  __tour?: {
    info(): TourInfo;
    load(raw: unknown): TourInfo;
    seek(tourS: number): Promise<unknown>;
  };
}

export interface FilmOptions {
  url: string;
  runId: string;
  raw: unknown;
  width: number;
  height: number;
  fps: number;
  lang: 'zh' | 'en';
  /** Receives each frame (PNG) in order. */
  frame(png: Uint8Array, index: number): Promise<void>;
}

/** Films the tour; resolves with the number of frames written and the tour's wall duration (s). */
export async function filmTour(opts: FilmOptions): Promise<{ frames: number; totalS: number }> {
  if (!existsSync(CHROMIUM))
    throw new CliError(
      `tour-video needs Debian's Chromium at ${CHROMIUM}. Fix: apt-get install -y --no-install-recommends chromium fonts-noto-cjk`,
    );
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new CliError('tour-video needs the npm package playwright-core; run "npm ci" (it is a dev dependency)');
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => errors.push(e.message));
    const q = new URLSearchParams({ mode: 'tour', kiosk: '1', test: '1', lang: opts.lang, run: opts.runId });
    await page.goto(`${opts.url}/?${q}`);
    await waitWhile(page, ['idle'], 'the app to start the tour', errors);
    const info = await page
      .evaluate((raw) => (globalThis as unknown as TourWindow).__tour!.load(raw), opts.raw)
      .catch((e: Error) => {
        throw new CliError(`the app refused the tour: ${e.message.split('\n')[0]}`);
      });
    await waitWhile(page, ['idle', 'findingRun'], 'the app to find the run', errors);
    const now = await page.evaluate(() => (globalThis as unknown as TourWindow).__tour!.info());
    if (now.status !== 'playing')
      throw new CliError(`the app cannot play the tour: ${now.status} ${JSON.stringify(now.detail)}`);
    const frames = Math.max(1, Math.ceil(info.totalS * opts.fps));
    const t0 = performance.now();
    let lastReport = -1;
    for (let i = 0; i < frames; i++) {
      const tourS = Math.min(i / opts.fps, info.totalS);
      await page.evaluate((t) => (globalThis as unknown as TourWindow).__tour!.seek(t), tourS);
      if (errors.length) throw new CliError(`the app failed at ${tourS.toFixed(2)} s of the tour: ${errors[0]}`);
      // CSS animations (the caption's fade) are finished, not caught half way: the frame depends on t alone.
      await opts.frame(await page.screenshot({ type: 'png', animations: 'disabled' }), i);
      const pct = Math.floor(((i + 1) / frames) * 20) * 5;
      if (pct !== lastReport) {
        lastReport = pct;
        const wall = (performance.now() - t0) / 1000;
        const left = (wall / (i + 1)) * (frames - i - 1);
        process.stderr.write(
          `tour-video: ${pct}% (frame ${i + 1} of ${frames}, ${tourS.toFixed(1)} of ${info.totalS.toFixed(1)} s of the tour, about ${formatWall(left)} left)\n`,
        );
      }
    }
    return { frames, totalS: info.totalS };
  } finally {
    await browser.close();
  }
}

/** Waits until the page's tour hooks exist and say a status other than `statuses`. */
async function waitWhile(page: Page, statuses: string[], what: string, errors: string[]): Promise<void> {
  try {
    await page.waitForFunction(
      (st) => {
        const tour = (globalThis as unknown as TourWindow).__tour;
        return !!tour && !st.includes(tour.info().status);
      },
      statuses,
      { timeout: 180_000 },
    );
  } catch {
    throw new CliError(`timed out waiting for ${what}${errors.length ? `: ${errors[0]}` : ''}`);
  }
}
