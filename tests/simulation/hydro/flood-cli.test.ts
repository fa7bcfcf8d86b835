// `rivertwin flood` end to end on small DEMs: outputs, byte-identical results for 1 and 2 threads, and a clear
// error before any work for each kind of bad input.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verb } from '../../../server/cli/verbs/flood.ts';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { roughBed } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'flood-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nx = 64;
const ny = 80;
function writeDem(name: string, values: Float32Array, cellM = 2, cols = nx, rows = ny): string {
  const path = join(dir, name);
  writeFileSync(path, formatEsriAscii({ nx: cols, ny: rows, cellM, x0: 1000, y0: 2000, values, nodata: -9999 }, 3));
  return path;
}
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const dem = writeDem('dem.asc', roughBed(nx, ny, 5, 0.3));
const inflow = write('inflow.csv', 'time_s,m3_per_s\n0,0\n300,4\n900,4\n1200,0\n');
const points = write('points.csv', 'name,x,y\nA,1010,2010\nB,1064.5,2100\nC,1127,2159\n');
const base = [
  '--dem',
  dem,
  '--manning',
  '0.03',
  '--rain',
  '60',
  '--inflow',
  inflow,
  '--inflow-at',
  '1000,2080,1000,2100',
  '--free-edges',
  'E,S',
  '--duration',
  '1500',
  '--points',
  points,
];

async function runOk(out: string, extra: string[] = []): Promise<void> {
  expect(await verb.run([...base, '--out', out, '--json', ...extra])).toBe(0);
}

async function failure(args: string[]): Promise<Error> {
  const out = join(dir, `never-${Math.random().toString(36).slice(2)}`);
  const err = await verb.run([...args, '--out', out]).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err, 'expected an error').toBeInstanceOf(Error);
  expect(existsSync(out)).toBe(false); // nothing written: the check came before any work
  return err!;
}

describe('rivertwin flood', () => {
  it('writes max depth on the DEM grid, the point series and a summary', async () => {
    const out = join(dir, 'run1');
    await runOk(out);
    const asc = readFileSync(join(out, 'max-depth.asc'), 'utf8');
    expect(asc.startsWith(`ncols ${nx}\nnrows ${ny}\nxllcorner 1000\nyllcorner 2000\ncellsize 2\n`)).toBe(true);
    const csv = readFileSync(join(out, 'points.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('time_s,A,B,C');
    expect(csv.length).toBeGreaterThan(20);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const k of ['steps', 'cells', 'cellSteps', 'wallSeconds', 'cellStepsPerSecond', 'massErrorRelative'])
      expect(s).toHaveProperty(k);
    expect(s.cells).toBe(nx * ny);
    expect(s.ledger.rainM3).toBeCloseTo((60 / 3.6e6) * 1500 * nx * ny * 4, 6);
    expect(s.ledger.inflowM3).toBeCloseTo(4 * 600 + 2 * 300 + 2 * 300, 6);
    expect(Math.abs(s.massErrorRelative)).toBeLessThan(1e-9);
  }, 120_000);

  it('gives byte-identical max-depth.asc for 1 and 2 threads', async () => {
    await runOk(join(dir, 't1'), ['--threads', '1']);
    await runOk(join(dir, 't2'), ['--threads', '2']);
    const a = readFileSync(join(dir, 't1', 'max-depth.asc'));
    const b = readFileSync(join(dir, 't2', 'max-depth.asc'));
    expect(a.length).toBeGreaterThan(nx * ny * 5);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(readFileSync(join(dir, 't1', 'points.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 't2', 'points.csv'), 'utf8'),
    );
  }, 120_000);
});

describe('rivertwin flood: point sources, step bounds and depth grids', () => {
  it('an inflow split over a CSV of points enters them equally; --save-every writes depth grids', async () => {
    const sources = write('sources.csv', 'name,x,y\ns1,1001,2081\ns2,1001,2099\n');
    const out = join(dir, 'pts');
    await runOk(out, ['--inflow-at', sources, '--save-every', '600']);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.ledger.inflowM3).toBeCloseTo(4 * 600 + 2 * 300 + 2 * 300, 6);
    expect(Math.abs(s.massErrorRelative)).toBeLessThan(1e-9);
    for (const t of [600, 1200]) {
      const grid = readFileSync(join(out, `depth-${t}s.asc`), 'utf8');
      expect(grid.startsWith(`ncols ${nx}\nnrows ${ny}\n`)).toBe(true);
    }
    expect(existsSync(join(out, 'depth-1800s.asc'))).toBe(false);
  }, 120_000);

  it('--max-dt bounds the step as LISFLOOD-FP initial_tstep does; --cfl scales it', async () => {
    await runOk(join(dir, 'dt1'), ['--max-dt', '1']);
    const capped = JSON.parse(readFileSync(join(dir, 'dt1', 'summary.json'), 'utf8'));
    expect(capped.maxDtS).toBeLessThanOrEqual(1);
    await runOk(join(dir, 'cfl'), ['--cfl', '0.35']);
    const half = JSON.parse(readFileSync(join(dir, 'cfl', 'summary.json'), 'utf8'));
    const full = JSON.parse(readFileSync(join(dir, 'run1', 'summary.json'), 'utf8'));
    expect(half.subSteps).toBeGreaterThan(full.subSteps);
  }, 120_000);
});

describe('rivertwin flood refuses bad input before any work', () => {
  it('a step bound or CFL coefficient out of range', async () => {
    expect((await failure([...base, '--max-dt', '0'])).message).toContain('--max-dt 0');
    expect((await failure([...base, '--cfl', '1.5'])).message).toContain('--cfl 1.5 is not in (0, 1]');
    expect((await failure([...base, '--threads', '0'])).message).toContain('--threads "0" is not a whole number');
  });

  it('an inflow point CSV with a point outside the grid', async () => {
    const far = write('far.csv', 'name,x,y\ns1,1001,2081\nfar,9000,2081\n');
    const err = await failure([...base, '--inflow-at', far]);
    expect(err.message).toContain('far');
    expect(err.message).toContain('outside');
  });

  it('a DEM with NODATA holes: how many and where', async () => {
    const v = roughBed(nx, ny, 5, 0.3);
    v[3 * nx + 7] = v[3 * nx + 8] = v[50 * nx] = -9999;
    const holey = writeDem('holes.asc', v);
    const err = await failure(['--dem', holey, '--duration', '60']);
    expect(err.name).toBe('SimulationError');
    expect(err.message).toContain(holey);
    expect(err.message).toContain('3 NODATA cells');
    expect(err.message).toContain('row 3 col 7');
    expect(err.message).toContain('--nodata-closed');
    expect(
      await verb.run(['--dem', holey, '--duration', '60', '--nodata-closed', '--json', '--out', join(dir, 'holes-ok')]),
    ).toBe(0);
  });

  it('a Manning raster of another size', async () => {
    const n = writeDem('n.asc', new Float32Array(10 * 12).fill(0.03), 2, 10, 12);
    const err = await failure(['--dem', dem, '--manning', n, '--duration', '60']);
    expect(err.message).toContain(n);
    expect(err.message).toContain(`10 × 12`);
    expect(err.message).toContain(`${nx} × ${ny}`);
  });

  it('negative rain, as a rate or in a series', async () => {
    const err = await failure(['--dem', dem, '--rain=-5', '--duration', '60']);
    expect(err.name).toBe('CliError');
    expect(err.message).toContain('--rain -5');
    const series = write('rain-neg.csv', 'time_s,mm_per_h\n0,10\n600,-3\n1200,0\n');
    const err2 = await failure(['--dem', dem, '--rain', series, '--duration', '60']);
    expect(err2.message).toContain(series);
    expect(err2.message).toContain('mm_per_h');
  });

  it('a point outside the grid', async () => {
    const p = write('far.csv', 'name,x,y\nnear,1010,2010\nfar,5000,2010\n');
    const err = await failure(['--dem', dem, '--points', p, '--duration', '60']);
    expect(err.message).toContain(p);
    expect(err.message).toContain('point "far" at (5000, 2010) is outside the DEM');
  });

  it('an inflow placed outside the grid', async () => {
    const err = await failure(['--dem', dem, '--inflow', inflow, '--inflow-at', '900,2050', '--duration', '60']);
    expect(err.message).toContain('--inflow-at');
    expect(err.message).toContain('(900, 2050) is outside the grid');
  });

  it('a hydrograph with times out of order', async () => {
    const bad = write('bad-inflow.csv', 'time_s,m3_per_s\n0,0\n600,2\n300,1\n');
    const err = await failure(['--dem', dem, '--inflow', bad, '--inflow-at', '1010,2050', '--duration', '60']);
    expect(err.message).toContain(bad);
    expect(err.message).toContain('line 4');
    expect(err.message).toContain('field "time_s"');
    expect(err.message).toContain('out of order');
  });

  it('a CFL condition that cannot be met (a DEM in degrees)', async () => {
    const deg = writeDem('degrees.asc', roughBed(20, 20, 1, 0.1), 0.0001, 20, 20);
    const err = await failure(['--dem', deg, '--duration', '60']);
    expect(err.message).toContain('CFL condition cannot be met');
    expect(err.message).toContain('metres');
  });

  it('a DEM that says it is in degrees (an SRTM tile), before the CFL check', async () => {
    const hgt = join(import.meta.dirname, '../../../datasets/peoples-square/N31E121.hgt.zip');
    const err = await failure(['--dem', hgt, '--duration', '60', '--nodata-closed']);
    expect(err.message).toContain('the DEM is in degrees (EPSG:4326)');
    expect(err.message).toContain('reproject');
  });
});
