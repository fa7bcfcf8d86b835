// Worker threads from a cached bundle: built once, reused while its sources are unchanged, rebuilt when one changes,
// started without tsx; with no bundler or an unwritable cache the caller is told to use its tsx entry.
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  bundledWorker,
  esbuildBundler,
  execArgvWithoutTsx,
  type WorkerBundler,
} from '../../../simulation/hydro/worker-bundle.node.ts';

/** A two-file TypeScript worker that posts what its helper returns and whether tsx was loaded into it. */
function writeWorker(dir: string, value: number): string {
  writeFileSync(join(dir, 'helper.ts'), `export const value: number = ${value};\n`);
  writeFileSync(
    join(dir, 'entry.ts'),
    `import { parentPort } from 'node:worker_threads';\nimport { value } from './helper.ts';\n` +
      `parentPort!.postMessage({ value, execArgv: process.execArgv });\n`,
  );
  return join(dir, 'entry.ts');
}

async function runWorker(url: URL): Promise<{ value: number; execArgv: string[] }> {
  const w = new Worker(url, { execArgv: execArgvWithoutTsx() });
  try {
    return await new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  } finally {
    await w.terminate();
  }
}

describe('bundledWorker', () => {
  const counting = (): { bundler: WorkerBundler; calls: () => number } => {
    const inner = esbuildBundler()!;
    let n = 0;
    return {
      bundler: (entry) => {
        n++;
        return inner(entry);
      },
      calls: () => n,
    };
  };

  it('builds once, reuses the bundle while the sources are unchanged and rebuilds when one changes', async () => {
    const src = mkdtempSync(join(tmpdir(), 'rt-wsrc-'));
    const cache = join(mkdtempSync(join(tmpdir(), 'rt-wcache-')), 'nested');
    const { bundler, calls } = counting();
    const entry = writeWorker(src, 1);

    const first = bundledWorker(entry, cache, bundler)!;
    expect(first.protocol).toBe('file:');
    expect(calls()).toBe(1);
    const got = await runWorker(first);
    expect(got.value).toBe(1);
    expect(got.execArgv.join(' ')).not.toMatch(/tsx/);

    expect(bundledWorker(entry, cache, bundler)!.href).toBe(first.href);
    expect(calls()).toBe(1);

    writeFileSync(join(src, 'helper.ts'), 'export const value: number = 2;\n');
    const second = bundledWorker(entry, cache, bundler)!;
    expect(calls()).toBe(2);
    expect(second.href).not.toBe(first.href);
    expect((await runWorker(second)).value).toBe(2);
    // One manifest per entry; the old bundle stays for an hour (another process may be starting from it), then goes.
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const oldFile = fileURLToPath(first);
    expect(existsSync(oldFile)).toBe(true);
    utimesSync(oldFile, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    writeFileSync(join(src, 'helper.ts'), 'export const value: number = 4;\n');
    const third = bundledWorker(entry, cache, bundler)!;
    expect((await runWorker(third)).value).toBe(4);
    expect(existsSync(oldFile)).toBe(false);
    expect(existsSync(fileURLToPath(second))).toBe(true);
  }, 60_000);

  it('says it has no bundle when there is no bundler, the cache cannot be written or the build fails', () => {
    const src = mkdtempSync(join(tmpdir(), 'rt-wsrc-'));
    const entry = writeWorker(src, 3);
    const cacheRoot = mkdtempSync(join(tmpdir(), 'rt-wcache-'));
    expect(bundledWorker(entry, join(cacheRoot, 'a'), null)).toBeUndefined();
    const aFile = join(cacheRoot, 'file');
    writeFileSync(aFile, 'not a folder');
    expect(bundledWorker(entry, join(aFile, 'cache'), esbuildBundler())).toBeUndefined();
    writeFileSync(join(src, 'entry.ts'), "import { nothing } from './missing.ts';\nconsole.log(nothing);\n");
    expect(bundledWorker(entry, join(cacheRoot, 'b'), esbuildBundler())).toBeUndefined();
    // A module that finds files beside itself would look beside the bundle: not bundled.
    writeFileSync(join(src, 'entry.ts'), "console.log(new URL('./data.bin', import.meta.url));\n");
    expect(bundledWorker(entry, join(cacheRoot, 'c'), esbuildBundler())).toBeUndefined();
  });
});

describe('execArgvWithoutTsx', () => {
  it('drops the options that load tsx and keeps the others', () => {
    expect(execArgvWithoutTsx(['--import', 'tsx', '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(execArgvWithoutTsx(['--import=tsx', '--cpu-prof'])).toEqual(['--cpu-prof']);
    expect(execArgvWithoutTsx(['--require', '/r/node_modules/tsx/dist/cjs/index.cjs'])).toEqual([]);
    expect(execArgvWithoutTsx(['--import', './my-hooks.mjs', '--loader', 'tsx/esm'])).toEqual([
      '--import',
      './my-hooks.mjs',
    ]);
    expect(execArgvWithoutTsx(['--import', 'tsxlike'])).toEqual(['--import', 'tsxlike']);
  });
});
