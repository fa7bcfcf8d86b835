// The pure parts of the flood-e2e benchmark's set-up (tests/bench/flood-e2e-cases.ts; vitest skips tests/bench):
// the EA Test 4 case LISFLOOD-FP runs, and the step count read from a LISFLOOD-FP .mass file. No timings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { parseBci, parseBdy, parseStagePoints } from '../../../simulation/hydro/index.ts';
import {
  lisfloodStepsFromMass,
  massPath,
  parValue,
  prepareCase,
  timeProcess,
  writeEa4Lisflood,
} from '../../bench/flood-e2e-cases.ts';
import { EA4_DIR } from './ea4-setup.ts';

const dir = mkdtempSync(join(tmpdir(), 'flood-e2e-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('EA Test 4 for LISFLOOD-FP', () => {
  const L = join(dir, 'ea4');
  const parName = writeEa4Lisflood(L);
  const par = readFileSync(join(L, parName), 'utf8');

  it('is a flat 200 × 400 grid of 5 m cells at 0 m', () => {
    const dem = parseEsriAscii(readFileSync(join(L, parValue(par, 'DEMfile')!), 'utf8'));
    expect([dem.nx, dem.ny, dem.cellM, dem.x0, dem.y0]).toEqual([200, 400, 5, 0, 0]);
    expect(dem.values.every((v) => v === 0)).toBe(true);
  });

  it('runs the reference set-up: ACC, fpfric 0.05, 18,000 s, first step 5 s, no elevation grids', () => {
    expect(par.split('\n').map((l) => l.trim())).toContain('acceleration');
    expect(par.split('\n').map((l) => l.trim())).toContain('elevoff');
    expect(Number(parValue(par, 'fpfric'))).toBe(0.05);
    expect(Number(parValue(par, 'sim_time'))).toBe(18000);
    expect(Number(parValue(par, 'initial_tstep'))).toBe(5);
    // The .mass row at sim_time carries the last step only if massint divides sim_time.
    expect(18000 % Number(parValue(par, 'massint'))).toBe(0);
    expect(parValue(par, 'cfl')).toBeUndefined();
  });

  it('has the benchmark inflow, free edges and points, all on the grid', () => {
    const bci = parseBci(readFileSync(join(L, parValue(par, 'bcifile')!), 'utf8'));
    expect(bci).toEqual(parseBci(readFileSync(join(EA4_DIR, 'ea4.bci'), 'utf8')));
    const qvar = bci.find((b) => b.kind === 'QVAR')!;
    expect([qvar.where, qvar.a, qvar.b]).toEqual(['W', 990, 1010]);
    expect(bci.filter((b) => b.kind === 'FREE').map((b) => b.where)).toEqual(['E', 'S', 'N']);
    const bdy = parseBdy(readFileSync(join(L, parValue(par, 'bdyfile')!), 'utf8'));
    expect(Math.max(...bdy.get(qvar.value!)!.values)).toBe(1);
    const points = parseStagePoints(readFileSync(join(L, parValue(par, 'stagefile')!), 'utf8'));
    expect(points).toHaveLength(6);
    for (const [x, y] of points) expect(x > 0 && x < 1000 && y > 0 && y < 2000).toBe(true);
  });

  it('writes its .mass where the runner looks for it', () => {
    expect(massPath(par)).toBe(join('out', 'ea4.mass'));
    expect(massPath('DEMfile x.dem\nresroot run\n')).toBe('run.mass');
  });

  it('gives our run its output folder', async () => {
    const c = await prepareCase('ea4', join(dir, 'case'));
    const k = c.oursArgs.indexOf('--out');
    expect(c.oursArgs[k + 1]).toBe(c.outDir);
    expect(c.lisfloodPar).toBe('ea4.par');
  });
});

describe('LISFLOOD-FP step count from its .mass file', () => {
  it('reads the last row of the EA Test 4 reference: 10,858 steps to 18,001 s', () => {
    const text = readFileSync(join(EA4_DIR, 'reference-lisflood-acc-5m.mass'), 'utf8');
    expect(lisfloodStepsFromMass(text)).toEqual({ steps: 10858, tS: 18001.068 });
  });

  it('skips a checkpoint restart banner and a torn last line', () => {
    const head =
      'Time         Tstep      MinTstep   NumTsteps    Area         Vol         Qin         Hds        Qout          Qerror       Verror       Rain-(Inf+Evap)';
    const text = [
      head,
      '60.000       0.5000     0.5000     120              0.0000       1.0000  0.000       0.000      0.000             0.0000       0.0000       1.0000',
      '#'.repeat(40) + ' Checkpoint restart ' + '#'.repeat(40),
      head,
      '120.250      0.5000     0.5000     241              0.0000       2.0000  0.000       0.000      0.000             0.0000       0.0000       2.0000',
      '180.2',
    ].join('\n');
    expect(lisfloodStepsFromMass(text)).toEqual({ steps: 241, tS: 120.25 });
  });

  it('says what is wrong with a file that is not a .mass file or has no rows', () => {
    expect(() => lisfloodStepsFromMass('hello', 'x.mass')).toThrow(/x\.mass: no header with NumTsteps/);
    expect(() => lisfloodStepsFromMass('Time Tstep MinTstep NumTsteps\n', 'y.mass')).toThrow(/y\.mass: no rows/);
  });
});

describe('timeProcess', () => {
  it('returns the output of a process that succeeds and the tail of one that fails', () => {
    const ok = timeProcess(process.execPath, ['-e', 'process.stdout.write("done")'], { cwd: dir });
    expect(ok.stdout).toBe('done');
    expect(ok.wallSeconds).toBeGreaterThan(0);
    expect(() =>
      timeProcess(process.execPath, ['-e', 'process.stderr.write("bad input"); process.exit(3)'], { cwd: dir }),
    ).toThrow(/exited 3: bad input/);
  });
});
