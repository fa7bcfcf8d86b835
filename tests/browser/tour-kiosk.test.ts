// The open-day kiosk end to end in Debian's headless Chromium (WebGL on SwiftShader): before the tour's run exists it
// says so calmly; once the run is there (typhoon-6h at 20 m, started through the API) the bundled tour plays to its
// end on its own, holds on a touch and goes on, and starts again; nothing that changes state is on screen, and the
// server refuses state changes from the kiosk page (403). Three moments are saved as screenshots for people to judge.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTour } from '../../simulation/tour/index.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';
import { buildScenes } from '../helpers/scenes-app.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SHOTS = join(repoRoot, 'tests', 'browser', 'screens');
const TOUR = parseTour(
  JSON.parse(readFileSync(join(repoRoot, 'datasets', 'shanghai-bund', 'tours', 'bund-typhoon.json'), 'utf8')),
);
const KIOSK = '/?mode=tour&kiosk=1&test=1';

let s: TestServer;
let browser: Browser;
let kiosk: Page;
let runId = '';
const requests: string[] = [];
const consoleErrors: string[] = [];

interface TourInfo {
  status: string;
  index: number;
  tourS: number;
  simS: number;
  totalS: number;
  runId: string | null;
}
interface TourWindow {
  __tour: { info(): TourInfo; seek(t: number): Promise<{ index: number; simS: number }> };
  document: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> };
}
const info = (page: Page) => page.evaluate(() => (globalThis as unknown as TourWindow).__tour.info());
const waitStatus = (page: Page, status: string, timeout: number) =>
  page.waitForFunction((st) => (globalThis as unknown as TourWindow).__tour?.info().status === st, status, {
    timeout,
  });

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${path}: ${m.text()}`));
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  await page.goto(`${s.url}${path}`);
  return page;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const appDir = (await buildScenes()).dir;
  s = await startTestServer({ appDir });
  browser = await launchDebianChromium({ webgl: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the open-day kiosk', () => {
  it('says calmly, in both languages, that the run it needs is not there yet', async () => {
    kiosk = await open(KIOSK);
    await waitStatus(kiosk, 'noRun', 120_000);
    const text = await kiosk.locator('[data-testid="tour"]').innerText();
    expect(text).toContain('typhoon-6h');
    expect(text).toMatch(/服务器上还没有/);
    expect(text).toMatch(/this server has none yet/);
    expect(await kiosk.locator('.notice').count()).toBe(0);
    await kiosk.screenshot({ path: join(SHOTS, 'tour-kiosk-no-run.png') });
  }, 180_000);

  it('plays the whole tour once the run exists, holds on a touch, and starts again at the end', async () => {
    const scenario = JSON.parse(
      readFileSync(join(repoRoot, 'datasets', 'shanghai-bund', 'scenarios', 'typhoon-6h.json'), 'utf8'),
    ) as Record<string, unknown>;
    delete scenario.$schema;
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: { ...scenario, cellM: 20 } },
    });
    expect(res.status).toBe(202);
    runId = ((await res.json()) as { id: string }).id;
    await s.app.twin.runs.whenDone(runId);
    // The kiosk asks again on its own and starts.
    await waitStatus(kiosk, 'playing', 60_000);
    expect((await info(kiosk)).runId).toBe(runId);
    // Into the second part, then a touch holds the story still …
    await kiosk.waitForFunction(() => (globalThis as unknown as TourWindow).__tour.info().index >= 1, null, {
      timeout: 120_000,
    });
    await kiosk.mouse.click(640, 360);
    await waitStatus(kiosk, 'touched', 5_000);
    const held = await info(kiosk);
    await kiosk.waitForTimeout(1500);
    expect((await info(kiosk)).simS).toBe(held.simS);
    expect(await kiosk.locator('.tour-hint').innerText()).toMatch(/已暂停[\s\S]*Paused/);
    // … until the visitor leaves it alone, then it goes on from there.
    await waitStatus(kiosk, 'playing', 30_000);
    await kiosk.waitForFunction((t) => (globalThis as unknown as TourWindow).__tour.info().simS > t, held.simS, {
      timeout: 30_000,
    });
    const seen = new Set<number>();
    const watch = setInterval(
      () =>
        void info(kiosk).then(
          (i) => seen.add(i.index),
          () => undefined,
        ),
      500,
    );
    await waitStatus(kiosk, 'ended', 400_000);
    clearInterval(watch);
    const end = await info(kiosk);
    expect(end.index).toBe(TOUR.segments.length - 1);
    expect(end.simS).toBe(TOUR.segments.at(-1)!.toS);
    expect(end.tourS).toBeCloseTo(TOUR.totalS, 6);
    expect(seen.has(TOUR.segments.length - 2)).toBe(true);
    // It loops: back to the first part, playing.
    await waitStatus(kiosk, 'playing', 30_000);
    expect((await info(kiosk)).index).toBe(0);
  }, 700_000);

  it('shows nothing that changes state, and the server refuses state changes from the kiosk (403)', async () => {
    const controls = await kiosk.evaluate(
      () =>
        (globalThis as unknown as TourWindow).document.querySelectorAll(
          'button, input, select, textarea, a[href], [contenteditable="true"], [role="button"]',
        ).length,
    );
    expect(controls).toBe(0);
    for (const id of ['record-file', 'run-picker', 'lang', 'mode-twin', 'mode-tour', 'tour-presenter'])
      expect(await kiosk.locator(`[data-testid="${id}"]`).count(), id).toBe(0);
    expect(await kiosk.locator('.topbar, .timeline, .dashboards, .legend').count()).toBe(0);
    // The kiosk is an anonymous viewer: every state-changing call from its page is refused.
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/runs', { district: 'shanghai-bund', scenario: 'shanghai-bund.typhoon-6h' }],
      ['POST', `/api/runs/${runId}/pause`, {}],
      ['POST', `/api/runs/${runId}/cancel`, {}],
      ['POST', `/api/runs/${runId}/commands`, { kind: 'recall', truckId: 'T01' }],
      ['POST', `/api/runs/${runId}/forks`, { atS: 3600 }],
      ['POST', '/api/scenarios', { district: 'shanghai-bund', scenario: { durationS: 60 } }],
      ['POST', '/api/tokens', { role: 'admin', name: 'kiosk-wants-in' }],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await kiosk.evaluate(
        async ([m, p, b]) => {
          const r = await fetch(p as string, {
            method: m as string,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(b),
          });
          return { status: r.status, body: (await r.json()) as { code?: string } };
        },
        [method, path, body] as const,
      );
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.code).toBe('API_ERR_FORBIDDEN');
    }
    // A viewer's token is no better.
    const withToken = await kiosk.evaluate(
      async ([p, tok]) => (await fetch(p, { method: 'POST', headers: { authorization: `Bearer ${tok}` } })).status,
      [`/api/runs/${runId}/pause`, s.tokens.viewer] as const,
    );
    expect(withToken).toBe(403);
    expect((await s.call(`/api/runs/${runId}`)).status).toBe(200);
    expect(((await (await s.call(`/api/runs/${runId}`)).json()) as { status: string }).status).toBe('finished');
  }, 60_000);

  it('draws three moments of the story large and bilingual (saved for people to judge)', async () => {
    const moments: [string, number][] = [
      ['tour-1-first-alarms', TOUR.segments[1].startS + TOUR.segments[1].durationS * 0.7],
      ['tour-2-roads-closed', TOUR.segments[2].startS + TOUR.segments[2].durationS * 0.8],
      ['tour-3-peak', TOUR.segments[3].startS + TOUR.segments[3].durationS * 0.6],
    ];
    for (const [name, t] of moments) {
      const m = await kiosk.evaluate((tt) => (globalThis as unknown as TourWindow).__tour.seek(tt), t);
      const seg = TOUR.segments[m.index];
      const caption = kiosk.locator('[data-testid="tour-caption"]');
      expect(await caption.locator('.primary').innerText()).toBe(seg.caption.zh);
      expect(await caption.locator('.secondary').innerText()).toBe(seg.caption.en);
      const px = await caption
        .locator('.primary')
        .evaluate((el) =>
          Number.parseFloat(
            (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el)
              .fontSize,
          ),
        );
      expect(px).toBeGreaterThanOrEqual(22);
      expect(await kiosk.locator('[data-testid="tour-panels"] .dash-body').count()).toBe(seg.panels?.length ?? 0);
      await kiosk.screenshot({ path: join(SHOTS, `${name}.png`) });
    }
  }, 300_000);

  it('made no request off loopback and logged no error', () => {
    const off = requests.filter((u) => !/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(u) && !u.startsWith('data:'));
    expect(off).toEqual([]);
    // The browser logs each refused call of the 403 test (eight of them); nothing else.
    const refused = consoleErrors.filter((e) => /status of 403 \(Forbidden\)/.test(e));
    expect(refused).toHaveLength(8);
    expect(consoleErrors.filter((e) => !refused.includes(e))).toEqual([]);
  });
});
