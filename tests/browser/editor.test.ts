// The scenario editor end to end in headless Chromium against a real server on loopback: build a scenario in the
// form and on the map (a design storm, a water report placed by a click), see a bad value refused at its field by the
// shared parser and a depot the district lacks refused at its field by the server, then start it and watch it run in
// the 3D view; and a what-if forked from the finished run's replay. Screenshots in .tmp/scenes, no console errors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';
import { buildScenes, type PageGlobals } from '../helpers/scenes-app.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SHOTS = join(repoRoot, '.tmp', 'scenes');
let s: TestServer;
let browser: Browser;
const consoleErrors: string[] = [];
const offLoopback: string[] = [];

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

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (r) => {
    if (!r.url().startsWith(s.url) && !r.url().startsWith(s.url.replace('http', 'ws'))) offLoopback.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${path}: HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(`${s.url}${path}`);
  return page;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

describe('the scenario editor', () => {
  it('builds a scenario, refuses bad values at their fields, starts it and shows it running', async () => {
    const page = await open('/?mode=editor&lang=en&test=1');
    await page.getByTestId('editor').waitFor({ timeout: 60_000 });
    await page.getByTestId('token').fill(s.tokens.planner);
    await page.getByTestId('scenario-name').fill('editor-e2e');
    await page.getByTestId('duration').fill('1');
    await page.getByTestId('cell').fill('40');
    // A bad return period: the shared parser refuses it as it is typed, at that field, and nothing can start.
    await page.getByTestId('design-return-period').fill('-5');
    const fieldError = page.getByTestId('error-design.returnPeriodYears');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(
      /\/rain\/returnPeriodYears.*-5: expected number to be greater or equal to 0\.25/,
    );
    expect(await page.getByTestId('start').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'editor-field-error.png') });
    await page.getByTestId('design-return-period').fill('100');
    await page.getByTestId('design-duration').fill('60');
    await expect.poll(() => page.getByTestId('error-design.returnPeriodYears').count()).toBe(0);

    // A report of water, placed by a click in the middle of the map.
    await page.getByTestId('add-report').click();
    const map = page.getByTestId('plan-map');
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.getByTestId('incident-time-0').fill('20');
    expect(await text(page, 'incident-0')).toMatch(/\(-?\d+, -?\d+\) m/);

    // Only one depot: the server checks it on the district. A depot list with none is the parser's own refusal.
    const depots = page.locator('[data-testid^="depot-"]');
    expect(await depots.count()).toBeGreaterThan(1);
    for (let i = 0; i < (await depots.count()); i++) await depots.nth(i).uncheck();
    await page.getByTestId('error-fleet.depots').waitFor();
    expect(await text(page, 'error-fleet.depots')).toMatch(
      /\/fleet\/depots.*expected array length to be greater or equal to 1/,
    );
    await page.getByTestId('depot-D2').check();
    await expect
      .poll(() => text(page, 'editor-status'), { timeout: 20_000 })
      .toMatch(/Valid, checked on district shanghai-bund/);
    await page.screenshot({ path: join(SHOTS, 'editor.png') });

    // A fallen tree: the road piece nearest a click on the map is the one the scenario closes.
    await page.getByTestId('add-road').click();
    await map.click({ position: { x: box.width * 0.6, y: box.height * 0.4 } });
    expect(await text(page, 'incident-1')).not.toMatch(/not chosen/);
    const closure = JSON.parse(await text(page, 'scenario-json')) as { commands: Record<string, unknown>[] };
    expect(closure.commands[1]).toMatchObject({ kind: 'closeRoad', reason: 'fallenTree', ref: expect.any(String) });

    // A typhoon track drawn on the map (100 km around the district) with its band of heaviest rain.
    await page.getByTestId('storm-typhoon').click();
    await page.getByTestId('error-typhoon.track').waitFor();
    await page.getByTestId('map-extent').selectOption('region');
    for (const [fx, fy] of [
      [0.15, 0.85],
      [0.45, 0.55],
      [0.8, 0.2],
    ])
      await map.click({ position: { x: box.width * fx, y: box.height * fy } });
    await expect.poll(() => page.getByTestId('track-points').locator('li').count()).toBe(3);
    await expect.poll(() => page.getByTestId('error-typhoon.track').count()).toBe(0);
    const typhoon = JSON.parse(await text(page, 'scenario-json')) as {
      rain: { kind: string; track: { timeS: number; x: number; y: number }[] };
    };
    expect(typhoon.rain.kind).toBe('typhoon');
    expect(typhoon.rain.track.map((p) => p.timeS)).toEqual([0, 3600, 7200]);
    // The first point south-west of the district, tens of kilometres out; the last north-east.
    expect(typhoon.rain.track[0].x).toBeLessThan(-20_000);
    expect(typhoon.rain.track[0].y).toBeLessThan(-20_000);
    expect(typhoon.rain.track[2].x).toBeGreaterThan(20_000);
    await page.getByTestId('lang').click();
    await page.screenshot({ path: join(SHOTS, 'editor-typhoon-zh.png') });
    await page.getByTestId('lang').click();
    // Back to the design storm and the district map; the closure is dropped again to keep the run short and plain.
    await page.getByTestId('storm-design').click();
    await page.getByTestId('map-extent').selectOption('district');
    await page.getByTestId('incident-1').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => text(page, 'editor-status'), { timeout: 20_000 }).toMatch(/Valid, checked/);

    // Start: the run is created, the app switches to the 3D twin and follows it.
    await page.getByTestId('start').click();
    await page.getByTestId('mode-twin').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('mode'), { timeout: 20_000 }).toBe(null);
    const runs = (await (await s.call('/api/runs')).json()) as { id: string; scenario: string }[];
    const run = runs.find((r) => r.scenario === 'editor-e2e')!;
    expect(run).toBeDefined();
    await expect.poll(() => page.getByTestId('run-picker').inputValue(), { timeout: 30_000 }).toBe(run.id);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__firstFrame === true, null, {
      timeout: 120_000,
    });
    await s.app.twin.runs.whenDone(run.id);
    const manifest = (await (await s.call(`/api/runs/${run.id}/manifest`)).json()) as {
      manifest: { scenario: Record<string, unknown> };
    };
    expect(manifest.manifest.scenario).toMatchObject({
      name: 'editor-e2e',
      durationS: 3600,
      cellM: 40,
      rain: { kind: 'chicago', returnPeriodYears: 100, durationMin: 60 },
      fleet: { depots: ['D2'] },
      commands: [{ atS: 1200, kind: 'report' }],
    });
    const info = (await (await s.call(`/api/runs/${run.id}`)).json()) as { status: string; reachedS: number };
    expect(info).toMatchObject({ status: 'finished', reachedS: 3600 });
    await page.screenshot({ path: join(SHOTS, 'editor-run-started.png') });

    // A what-if from the finished replay at 00:30 with the nearest-truck policy: a fork of the run.
    await page.goto(`${s.url}/?mode=editor&lang=en&test=1&run=${run.id}&t=1800`);
    await page.getByTestId('fork-panel').waitFor({ timeout: 60_000 });
    expect(await text(page, 'fork-panel')).toMatch(/From the replay’s moment 00:30/);
    await page.getByTestId('fork-policy').selectOption('nearest');
    await page.getByTestId('fork-go').click();
    await page.getByTestId('mode-twin').waitFor();
    await expect
      .poll(
        async () =>
          ((await (await s.call('/api/runs')).json()) as { parent: { id: string; atS: number } | null }[]).find(
            (r) => r.parent,
          )?.parent,
        {
          timeout: 20_000,
        },
      )
      .toEqual({ id: run.id, atS: 1800 });
    expect(consoleErrors).toEqual([]);
    expect(offLoopback).toEqual([]);
  }, 300_000);
});
