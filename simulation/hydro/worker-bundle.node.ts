// Worker threads that start from one plain JavaScript file. Through tsx a worker thread takes about 200 ms to come
// up (the loader hooks, then every module transformed and resolved one by one); from a bundle it takes about 30 ms.
// esbuild bundles the worker's TypeScript once into a cache folder and again whenever a file it was built from
// changes (checked by content on first use in a process). Without esbuild, or where the cache cannot be written,
// `bundledWorker` says so and the caller starts its worker through tsx as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import { writeFileAtomic } from '../write-atomic.node.ts';

/** Bundles `entry` into one ES module; returns its text and the absolute paths of the files it was built from. */
export type WorkerBundler = (entry: string) => { code: Uint8Array; inputs: string[] };

/** The bundle's file and the files it was built from with their SHA-256, as the cache keeps them. */
interface CacheManifest {
  bundle: string;
  inputs: Record<string, string>;
}

/** The default cache: `node_modules/.cache/rivertwin` of the repository this file is in. */
export const WORKER_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/rivertwin/', import.meta.url));

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** esbuild's bundler, or null when esbuild is not installed (a production install without dev dependencies). */
export function esbuildBundler(): WorkerBundler | null {
  let esbuild: typeof Esbuild;
  try {
    esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  } catch {
    return null;
  }
  return (entry) => {
    const cwd = resolve(entry, '..');
    const r = esbuild.buildSync({
      entryPoints: [entry],
      absWorkingDir: cwd,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node}`,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs).map((p) => (isAbsolute(p) ? p : resolve(cwd, p)));
    const code = r.outputFiles[0].contents;
    // A module that finds files beside itself (import.meta.url) would look beside the bundle instead.
    if (r.outputFiles[0].text.includes('import.meta'))
      throw new Error(`${entry}: a module it imports reads import.meta, which a bundle in the cache cannot keep`);
    return { code, inputs };
  };
}

/** The cached bundle when every file it was built from still has the content it had, else undefined. */
function freshBundle(manifestPath: string, cacheDir: string): string | undefined {
  let m: CacheManifest;
  try {
    m = JSON.parse(readFileSync(manifestPath, 'utf8')) as CacheManifest;
    for (const [path, hash] of Object.entries(m.inputs)) if (sha256(readFileSync(path)) !== hash) return undefined;
    const bundle = join(cacheDir, m.bundle);
    statSync(bundle);
    return bundle;
  } catch {
    return undefined;
  }
}

/**
 * The URL of a plain JavaScript bundle of the worker module `entry` (a TypeScript file), built or rebuilt into
 * `cacheDir` when missing or stale; or undefined when it cannot be had (no bundler, an unwritable cache, a build
 * error), for the caller to fall back on its tsx entry.
 */
export function bundledWorker(
  entry: string,
  cacheDir = WORKER_CACHE_DIR,
  bundler: WorkerBundler | null = esbuildBundler(),
): URL | undefined {
  const stem = `${basename(entry).replace(/\.[^.]*$/, '')}-${sha256(entry).slice(0, 12)}`;
  const manifestPath = join(cacheDir, `${stem}.json`);
  const cached = freshBundle(manifestPath, cacheDir);
  if (cached) return pathToFileURL(cached);
  if (!bundler) return undefined;
  try {
    const { code, inputs } = bundler(entry);
    const manifest: CacheManifest = {
      bundle: `${stem}-${sha256(code).slice(0, 16)}.mjs`,
      inputs: Object.fromEntries(inputs.map((p) => [p, sha256(readFileSync(p))])),
    };
    mkdirSync(cacheDir, { recursive: true });
    const bundle = join(cacheDir, manifest.bundle);
    writeFileAtomic(bundle, code);
    writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 1));
    pruneOld(cacheDir, stem, manifest.bundle);
    return pathToFileURL(bundle);
  } catch {
    return undefined;
  }
}

/** Removes this entry's earlier bundles once they are an hour old (a process started just before may still load one). */
function pruneOld(cacheDir: string, stem: string, keep: string): void {
  const before = Date.now() - 3_600_000;
  for (const f of readdirSync(cacheDir)) {
    if (f === keep || !f.startsWith(`${stem}-`) || !f.endsWith('.mjs')) continue;
    try {
      if (statSync(join(cacheDir, f)).mtimeMs < before) unlinkSync(join(cacheDir, f));
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/**
 * `process.execArgv` without the options that load tsx (`--import tsx`, `--import=tsx`, `--require tsx`, `--loader
 * tsx`): a bundled worker needs no loader, and inheriting it costs every worker 50–90 ms. Other options (memory
 * limits, profiling) are kept.
 */
export function execArgvWithoutTsx(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  const loaders = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (loaders.has(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
      if (value !== undefined && /(^|[/\\])tsx([/\\]|$)/.test(value)) {
        if (eq < 0) i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
