// Profiling a run's step phases: every phase is timed on the owner thread (one or several threads) and profiling
// changes no number of the run.
import { describe, expect, it } from 'vitest';
import { constantRainField, STEP_PHASES, type FloodRunBase } from '../../../simulation/hydro/index.ts';
import { createFloodRun } from '../../../simulation/hydro/threads.node.ts';
import { roughBed } from './helpers.ts';

const nx = 30;
const ny = 40;
const rasters = () => ({ nx, ny, cellM: 5, bedM: roughBed(nx, ny, 3), manningN: 0.03 });
const options = () => ({ rain: constantRainField(60, 1800), edges: { south: { kind: 'free' as const } } });

describe('profilePhases', () => {
  it.each([1, 2])('times each phase on %i thread(s) and leaves the results as they were', async (threads) => {
    const plain = await createFloodRun(rasters(), options(), threads);
    const timed = (await createFloodRun(rasters(), options(), threads)) as FloodRunBase;
    try {
      const phases = timed.profilePhases();
      expect(phases).toHaveLength(STEP_PHASES.length);
      for (const t of [600, 1200, 1800]) {
        plain.advanceTo(t);
        timed.advanceTo(t);
      }
      expect(Buffer.from(timed.depthM().buffer).equals(Buffer.from(plain.depthM().buffer))).toBe(true);
      expect(timed.ledger()).toEqual(plain.ledger());
      expect(timed.profilePhases()).toBe(phases);
      for (const ms of phases) expect(ms).toBeGreaterThanOrEqual(0);
      expect(phases[STEP_PHASES.indexOf('faces')]).toBeGreaterThan(0);
      expect(phases[STEP_PHASES.indexOf('update')]).toBeGreaterThan(0);
    } finally {
      plain.close();
      timed.close();
    }
  });
});
