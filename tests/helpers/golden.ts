// Golden-fixture helpers in turf's style: each case is a folder with in/ (inputs, optional params.json) and out/
// (expected results); `REGEN=1 npx vitest run …` rewrites the expected files from the current outputs.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** True when expected files should be rewritten (REGEN=1). */
export const REGEN = process.env.REGEN === '1' || process.env.REGEN === 'true';

/** One golden case: tests/fixtures/<area>/<importer>/<name>/{in,out}/. */
export interface GoldenCase {
  name: string;
  dir: string;
  inDir: string;
  outDir: string;
  /** File names in in/, sorted, params.json excluded. */
  inputs: string[];
  /** in/params.json parsed, or {} when absent: the parameters travel with the fixture. */
  params: Record<string, unknown>;
  /** Absolute path of a file in in/. */
  input(name: string): string;
  /** Text of a file in in/. */
  readInput(name: string): string;
  /** Absolute path of a file in out/. */
  output(name: string): string;
}

/** Lists the cases under `dir` (every sub-folder with an in/ folder), sorted by name. */
export function goldenCases(dir: string): GoldenCase[] {
  if (!existsSync(dir)) throw new Error(`golden: no fixture folder ${dir}`);
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory() && existsSync(path.join(dir, name, 'in')))
    .sort()
    .map((name) => {
      const caseDir = path.join(dir, name);
      const inDir = path.join(caseDir, 'in');
      const outDir = path.join(caseDir, 'out');
      const paramsPath = path.join(inDir, 'params.json');
      const params = existsSync(paramsPath)
        ? (JSON.parse(readFileSync(paramsPath, 'utf8')) as Record<string, unknown>)
        : {};
      return {
        name,
        dir: caseDir,
        inDir,
        outDir,
        inputs: readdirSync(inDir)
          .filter((f) => f !== 'params.json')
          .sort(),
        params,
        input: (f: string) => path.join(inDir, f),
        readInput: (f: string) => readFileSync(path.join(inDir, f), 'utf8'),
        output: (f: string) => path.join(outDir, f),
      };
    });
}

/**
 * Makes a value JSON-comparable: Maps become objects, typed arrays and Sets arrays, undefined properties vanish,
 * and non-integer numbers are rounded to `digits` decimals so the last floating-point bits do not matter.
 */
export function normalise(value: unknown, digits = 6): unknown {
  const scale = 10 ** digits;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : Math.round(v * scale) / scale;
    if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), walk(x)]));
    if (v instanceof Set) return [...v].map(walk);
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, walk);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value);
}

/** JSON with two-space indents, but arrays of numbers or strings (coordinates) on one line, for readable diffs. */
export function stringifyGolden(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s+([^[\]{}]*?)\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`,
  );
}

function write(outPath: string, text: string): void {
  mkdirSync(path.dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
}

/**
 * Compares `value` (normalised, see `normalise`) with the JSON in `outPath`; under REGEN=1 rewrites the file
 * instead. A missing expected file fails and says how to create it.
 */
export function expectGolden(outPath: string, value: unknown, opts: { digits?: number } = {}): void {
  const actual = normalise(value, opts.digits);
  if (REGEN) {
    write(outPath, stringifyGolden(actual) + '\n');
    return;
  }
  if (!existsSync(outPath)) throw new Error(`golden: ${outPath} is missing; run the test with REGEN=1 to create it`);
  expect(actual, `golden ${outPath}`).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
}

/** Compares text (e.g. an expected error message) with the file at `outPath`, or rewrites it under REGEN=1. */
export function expectGoldenText(outPath: string, text: string): void {
  if (REGEN) {
    write(outPath, text.endsWith('\n') ? text : text + '\n');
    return;
  }
  if (!existsSync(outPath)) throw new Error(`golden: ${outPath} is missing; run the test with REGEN=1 to create it`);
  expect(text.trimEnd(), `golden ${outPath}`).toBe(readFileSync(outPath, 'utf8').trimEnd());
}

/** Compares bytes (e.g. an encoded file) with the file at `outPath`, or rewrites it under REGEN=1. */
export function expectGoldenBytes(outPath: string, bytes: Uint8Array): void {
  if (REGEN) {
    mkdirSync(path.dirname(outPath), { recursive: true });
    writeFileSync(outPath, bytes);
    return;
  }
  if (!existsSync(outPath)) throw new Error(`golden: ${outPath} is missing; run the test with REGEN=1 to create it`);
  const expected = new Uint8Array(readFileSync(outPath));
  const at = bytes.findIndex((b, i) => b !== expected[i]);
  expect(
    { length: bytes.length, firstDifferenceAt: at < 0 && bytes.length === expected.length ? -1 : at },
    `golden ${outPath}`,
  ).toEqual({ length: expected.length, firstDifferenceAt: -1 });
}

/** The repository root and the read-only shared data folder beside it (tests only; the product never reads it). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');
