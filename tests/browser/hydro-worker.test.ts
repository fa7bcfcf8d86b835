// The flood engine's kernel in a browser Worker: simulation/hydro/browser-worker.ts bundled by esbuild, served over
// loopback HTTP, run by Debian's headless Chromium in a module Worker, and compared with the same case run by
// FloodEngine in Node, byte for byte. Fails (never skips) when /usr/bin/chromium is missing; .ci/run installs it.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloodWorkerRequest } from '../../simulation/hydro/browser-worker.ts';
import { constantRainField, FloodEngine } from '../../simulation/hydro/index.ts';
import type { FloodStats, MassLedger } from '../../simulation/hydro/index.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';
import { serveDirectory } from '../helpers/static-server.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { CASE_SETTINGS, caseRasters, NX } from './hydro-case.ts';

/** A typed array on its way to or from the page: its constructor's name and its bytes. */
interface Encoded {
  $typed: string;
  base64: string;
}

/** What window.runFlood resolves to: the Worker's reply with typed arrays encoded, plus the page's round trip. */
interface PageReply {
  id?: number | string;
  error?: string;
  maxDepthM?: Encoded;
  depthM?: Encoded;
  ledger?: MassLedger;
  stats?: FloodStats;
  wallS?: number;
  roundTripS: number;
}

function encode(value: unknown): unknown {
  if (ArrayBuffer.isView(value))
    return {
      $typed: value.constructor.name,
      base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    };
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(encode);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
}

/** The Float64Array a reply carries (its own aligned copy of the bytes). */
function decodeF64(encoded: Encoded | undefined): Float64Array {
  if (encoded?.$typed !== 'Float64Array')
    throw new Error(`expected a Float64Array, got ${encoded?.$typed ?? 'nothing'}`);
  return new Float64Array(Uint8Array.from(Buffer.from(encoded.base64, 'base64')).buffer);
}

/** The largest absolute difference between two equally long arrays (NaN or Infinity when they are not). */
function largestGap(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Infinity;
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]));
  return gap;
}

function bytesOf(view: Float64Array): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** 'identical' when the browser's bytes equal Node's, else where and by how much they differ. */
function difference(name: string, browser: Encoded | undefined, node: Float64Array): string {
  const b = decodeF64(browser);
  if (bytesOf(b).equals(bytesOf(node))) return 'identical';
  if (b.length !== node.length) return `${name}: ${b.length} cells in the browser, ${node.length} in Node`;
  let cells = 0;
  let first = -1;
  let maxAbs = 0;
  for (let i = 0; i < b.length; i++)
    if (!Object.is(b[i], node[i])) {
      cells++;
      if (first < 0) first = i;
      maxAbs = Math.max(maxAbs, Math.abs(b[i] - node[i]));
    }
  const at = `row ${Math.floor(first / NX)} col ${first % NX}: ${b[first]} vs ${node[first]}`;
  return `${name}: ${cells} cells differ (first at ${at}; largest difference ${maxAbs} m)`;
}

describe('flood engine in a browser Worker (Debian Chromium, headless)', () => {
  let dir = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let bundledInputs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rivertwin-browser-'));
    const bundle = await build({
      absWorkingDir: repoRoot,
      entryPoints: ['simulation/hydro/browser-worker.ts'],
      outfile: path.join(dir, 'hydro-worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      metafile: true,
      logLevel: 'silent',
    });
    bundledInputs = Object.keys(bundle.metafile.inputs);
    copyFileSync(path.join(import.meta.dirname, 'pages', 'hydro-worker.html'), path.join(dir, 'hydro-worker.html'));
    server = await serveDirectory(dir);
    browser = await launchDebianChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/hydro-worker.html`);
    await page.waitForFunction(() => typeof (globalThis as { runFlood?: unknown }).runFlood === 'function');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const runInPage = (request: unknown): Promise<PageReply> =>
    page.evaluate(
      (req) => (globalThis as unknown as { runFlood(r: unknown): Promise<PageReply> }).runFlood(req),
      encode(request),
    );

  it("bundles the engine's own kernel files, with nothing from Node", () => {
    for (const file of ['flux-kernel.ts', 'update-kernel.ts', 'step-driver.ts', 'engine.ts'])
      expect(bundledInputs).toContain(`simulation/hydro/${file}`);
    expect(bundledInputs.filter((f) => f.startsWith('node:') || f.endsWith('.node.ts'))).toEqual([]);
  });

  /** The case as Node runs it, and as the Worker replied (filled by the first run test). */
  let node: { maxDepthM: Float64Array; depthM: Float64Array; ledger: MassLedger; stats: FloodStats } | undefined;
  let reply: PageReply | undefined;

  it('runs the case in a module Worker and agrees with Node to within 1e-12 m, conserving water in both', async () => {
    const userAgent = await page.evaluate(
      () => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent,
    );
    expect(userAgent).toMatch(/HeadlessChrome\//);

    const request: FloodWorkerRequest = { id: 'case', rasters: caseRasters(), ...CASE_SETTINGS };
    reply = await runInPage(request);
    expect(reply.error).toBeUndefined();
    expect(reply.id).toBe('case');

    const engine = new FloodEngine(caseRasters(), {
      rain: constantRainField(CASE_SETTINGS.rainMmPerH),
      riverStageM: CASE_SETTINGS.riverStageM,
      theta: CASE_SETTINGS.theta,
      edges: CASE_SETTINGS.edges,
    });
    engine.advanceTo(CASE_SETTINGS.durationS);
    node = { maxDepthM: engine.maxDepthM(), depthM: engine.depthM(), ledger: engine.ledger(), stats: engine.stats() };

    // A real case: hundreds of steps; rain, river inflow, infiltration and the free edge all move water.
    expect(node.stats.steps).toBeGreaterThan(200);
    expect(node.ledger.rainM3).toBeGreaterThan(0);
    expect(node.ledger.boundaryInM3).toBeGreaterThan(0);
    expect(node.ledger.infiltratedM3).toBeGreaterThan(0);
    expect(Math.max(...node.maxDepthM)).toBeGreaterThan(0.1);

    expect(largestGap(decodeF64(reply.maxDepthM), node.maxDepthM)).toBeLessThan(1e-12);
    expect(largestGap(decodeF64(reply.depthM), node.depthM)).toBeLessThan(1e-12);
    expect(reply.stats).toEqual(node.stats);
    const browserLedger = reply.ledger!;
    for (const key of Object.keys(node.ledger) as (keyof MassLedger)[])
      if (key !== 'relativeError')
        expect(Math.abs(browserLedger[key] - node.ledger[key])).toBeLessThanOrEqual(1e-12 * node.ledger.rainM3);
    expect(Math.abs(node.ledger.relativeError)).toBeLessThan(1e-9);
    expect(Math.abs(browserLedger.relativeError)).toBeLessThan(1e-9);
    expect(reply.wallS).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('gives depths byte-identical to Node', () => {
    expect(difference('maxDepthM', reply?.maxDepthM, node!.maxDepthM)).toBe('identical');
    expect(difference('depthM', reply?.depthM, node!.depthM)).toBe('identical');
    expect(reply?.ledger).toEqual(node!.ledger);
  });

  it('gives the same bytes as Node under local time stepping too', async () => {
    const lts = await runInPage({ id: 'lts', rasters: caseRasters(), ...CASE_SETTINGS, localTimeStep: 3 });
    expect(lts.error).toBeUndefined();
    const engine = new FloodEngine(caseRasters(), {
      rain: constantRainField(CASE_SETTINGS.rainMmPerH),
      riverStageM: CASE_SETTINGS.riverStageM,
      theta: CASE_SETTINGS.theta,
      edges: CASE_SETTINGS.edges,
      localTimeStep: 3,
    });
    engine.advanceTo(CASE_SETTINGS.durationS);
    expect(difference('maxDepthM', lts.maxDepthM, engine.maxDepthM())).toBe('identical');
    expect(difference('depthM', lts.depthM, engine.depthM())).toBe('identical');
    expect(lts.ledger).toEqual(engine.ledger());
    // Fewer cell updates than the global step's (the deep river bank sets dt0, the streets step 2–8 times longer).
    expect(engine.stats().activeCellSteps).toBeLessThan(node!.stats.activeCellSteps);
    expect(Math.abs(engine.ledger().relativeError)).toBeLessThan(1e-9);
  });

  it('replies with the error, naming the field, and keeps serving', async () => {
    const rasters = caseRasters();
    rasters.bedM[20 * NX + 10] = NaN;
    const badBed = await runInPage({ id: 1, rasters, ...CASE_SETTINGS });
    expect(badBed.id).toBe(1);
    expect(badBed.error).toMatch(/^simulation: bedM: 1 open cells have no bed elevation \(first at row 20 col 10\)/);
    expect(badBed.maxDepthM).toBeUndefined();

    const noDuration = await runInPage({ id: 2, rasters: caseRasters(), rainMmPerH: 50 });
    expect(noDuration.error).toMatch(/worker request, field "durationS": duration undefined s is not a positive time/);

    const negativeRain = await runInPage({ id: 3, rasters: caseRasters(), ...CASE_SETTINGS, rainMmPerH: -5 });
    expect(negativeRain.error).toMatch(/rain: rain rate -5 mm\/h is not a rate/);

    const small = { nx: 3, ny: 2, cellM: 1, bedM: new Float64Array([0, 0, 0, 0, 0, 0]), manningN: 0.03 };
    const after = await runInPage({ id: 4, rasters: small, rainMmPerH: 36, durationS: 100 });
    expect(after.error).toBeUndefined();
    expect(after.id).toBe(4);
    // 36 mm/h for 100 s on a closed flat basin: 1 mm everywhere.
    const depth = decodeF64(after.depthM);
    expect(depth.length).toBe(6);
    for (const d of depth) expect(d).toBeCloseTo(0.001, 12);
    expect(pageErrors).toEqual([]);
  });
});
