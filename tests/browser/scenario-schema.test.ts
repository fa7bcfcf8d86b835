// The scenario schema in the browser: simulation/scenario bundled by esbuild and run by Debian's headless Chromium, on
// the page and in a Worker (where the editor and the API's clients will check scenarios), giving what Node gives.
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, scenarioWarnings } from '../../simulation/scenario/index.ts';
import { launchDebianChromium } from '../helpers/chromium.ts';
import { repoRoot } from '../helpers/cli.ts';

const good = { durationS: 600, rain: { kind: 'preset', name: 'fitow-2013' }, fleet: { policy: 'manual' } };
const bad = { durationS: 600, rain: { kind: 'preset', name: 'fitow-2013' }, fleet: { polcy: 'nearest' } };

/** What the bundle answers for the two scenarios, wherever it runs. */
interface Answer {
  spec: unknown;
  warnings: string[];
  error: string;
}

function answerInNode(): Answer {
  let error = '';
  try {
    parseScenario(bad, 'bad.json');
  } catch (e) {
    error = (e as Error).message;
  }
  const spec = parseScenario(good, 'good.json');
  return { spec, warnings: scenarioWarnings(spec), error };
}

/** Script text that defines answer() from the bundle's global `S`. */
const answerSource = `function answer(good, bad) {
  let error = '';
  try { S.parseScenario(bad, 'bad.json'); } catch (e) { error = e.message; }
  const spec = S.parseScenario(good, 'good.json');
  return { spec, warnings: S.scenarioWarnings(spec), error };
}`;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const out = await build({
    entryPoints: [path.join(repoRoot, 'simulation/scenario/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'S',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0].text;
  browser = await launchDebianChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the scenario schema in Chromium', () => {
  it('checks and fills a scenario on the page and in a Worker as Node does', async () => {
    const expected = answerInNode();
    expect(expected.error).toContain('field "/fleet/polcy": unknown field');
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>scenario schema</title>');
    await page.addScriptTag({ content: `${bundle}\n${answerSource}` });
    const onPage = await page.evaluate(
      ([g, b]) => (globalThis as unknown as { answer: (g: unknown, b: unknown) => Answer }).answer(g, b),
      [good, bad],
    );
    expect(onPage).toEqual(expected);
    // Evaluated as text: the page's Worker and Blob are browser globals this Node-typed file does not declare.
    const workerSource = `${bundle}\n${answerSource}\nself.onmessage = (e) => self.postMessage(answer(e.data.g, e.data.b));`;
    const inWorker = (await page.evaluate(`new Promise((resolve) => {
      const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(workerSource)}], { type: 'text/javascript' })));
      worker.onmessage = (e) => resolve(e.data);
      worker.postMessage({ g: ${JSON.stringify(good)}, b: ${JSON.stringify(bad)} });
    })`)) as Answer;
    expect(inWorker).toEqual(expected);
    await page.close();
  });
});
