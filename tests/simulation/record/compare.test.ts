// compareRecords on hand-made records: differences are B − A, "better" follows each KPI's direction, hotspots and the
// maximum-depth grid are differenced cell by cell with 2 cm of noise ignored, and other districts or grids are refused.
import { describe, expect, it } from 'vitest';
import {
  compareRecords,
  COMPARED_KPIS,
  DEPTH_DIFFERENCE_NOISE_M,
  type ComparedRecord,
  type RecordManifest,
} from '../../../simulation/record/index.ts';
import type { FleetKpis } from '../../../simulation/fleet/index.ts';

const GRID = { nx: 3, ny: 2, cellM: 10, x0: 0, y0: 0 };

function record(
  name: string,
  kpis: Partial<FleetKpis>,
  depths: number[],
  peaks: { id: string; peakDepthM: number; firstWetS: number | null }[],
  over: { district?: string; hash?: string; cellM?: number } = {},
): ComparedRecord {
  const manifest = {
    runId: `run-${name}`,
    scenario: { name: `scenario ${name}` },
    district: { id: over.district ?? 'bund', contentHash: over.hash ?? 'h1' },
    grid: { ...GRID, cellM: over.cellM ?? GRID.cellM },
  } as unknown as RecordManifest;
  return {
    name,
    manifest,
    results: {
      kpis: { casesOpened: 10, hotspotWater: [], cases: [], ...kpis } as unknown as FleetKpis,
      ledger: {} as never,
      floodedAreaM2: 1000,
      peakStageM: 4.5,
      hotspotPeaks: peaks.map((p) => ({ ...p, name: `hotspot ${p.id}`, kind: 'road' })),
      warnings: [],
      maxDepth: { ...GRID, cellM: over.cellM ?? GRID.cellM, values: Float32Array.from(depths) },
    },
  };
}

describe('compareRecords', () => {
  const a = record(
    'a',
    { casesServed: 4, meanToArriveS: 600, casesDispatched: 5, meanReachableShare: 0.5 },
    [0, 0.1, 0.5, 0.3, -9999, 0],
    [
      { id: 'H1', peakDepthM: 0.4, firstWetS: 3600 },
      { id: 'H2', peakDepthM: 0, firstWetS: null },
    ],
  );
  const b = record(
    'b',
    { casesServed: 6, meanToArriveS: 900, casesDispatched: 7, meanReachableShare: 0.5 },
    [0.05, 0.11, 0.2, 0.3, 0.4, 0.015],
    [
      { id: 'H1', peakDepthM: 0.25, firstWetS: 3000 },
      { id: 'H2', peakDepthM: 0.1, firstWetS: 4000 },
      { id: 'H3', peakDepthM: 0.2, firstWetS: 100 },
    ],
  );
  const cmp = compareRecords(a, b);
  const kpi = (name: string) => cmp.kpis.find((k) => k.name === name)!;

  it('takes every KPI as B − A and says which is better by its direction', () => {
    expect(cmp.kpis.map((k) => k.name)).toEqual(COMPARED_KPIS.map((k) => k.name));
    expect(kpi('casesServed')).toMatchObject({ a: 4, b: 6, difference: 2, better: 'b' });
    expect(kpi('meanToArriveS')).toMatchObject({ a: 600, b: 900, difference: 300, better: 'a' });
    expect(kpi('meanReachableShare')).toMatchObject({ difference: 0, better: 'same' });
    // Neither better nor worse: more dispatches is not a result.
    expect(kpi('casesDispatched')).toMatchObject({ difference: 2, better: null });
    // Missing in both: no number, no verdict.
    expect(kpi('escalated')).toMatchObject({ a: null, b: null, difference: null, better: null });
  });

  it('differences each hotspot, null where one side has no value', () => {
    const h1 = cmp.hotspots.find((h) => h.id === 'H1')!;
    expect(h1.peakDifferenceM).toBeCloseTo(-0.15, 6);
    expect(h1.firstWetDifferenceS).toBe(-600);
    const h2 = cmp.hotspots.find((h) => h.id === 'H2')!;
    expect(h2).toMatchObject({ firstWetA: null, firstWetB: 4000, firstWetDifferenceS: null });
    expect(cmp.hotspots.find((h) => h.id === 'H3')).toMatchObject({ peakA: null, peakB: 0.2, peakDifferenceM: null });
  });

  it('differences the maximum depth cell by cell, ignoring changes within the noise and nodata', () => {
    const d = cmp.maxDepth;
    expect(Array.from(d.differenceM).map((v) => Math.round(v * 1000) / 1000)).toEqual([0.05, 0.01, -0.3, 0, 0, 0.015]);
    expect(DEPTH_DIFFERENCE_NOISE_M).toBe(0.02);
    expect(d).toMatchObject({ wetterCells: 1, drierCells: 1, wetterAreaM2: 100, drierAreaM2: 100 });
    expect(d.maxRiseM).toBeCloseTo(0.05, 6);
    expect(d.maxFallM).toBeCloseTo(-0.3, 6);
  });

  it('swapping A and B flips every difference', () => {
    const back = compareRecords(b, a);
    expect(back.kpis.find((k) => k.name === 'casesServed')).toMatchObject({ difference: -2, better: 'a' });
    expect(back.maxDepth.wetterCells).toBe(cmp.maxDepth.drierCells);
  });

  it('refuses records of other districts or grids, naming both', () => {
    expect(() => compareRecords(a, record('c', {}, [0, 0, 0, 0, 0, 0], [], { district: 'delft' }))).toThrow(
      /records a and c: they are of different districts \(bund and delft\)/,
    );
    expect(() => compareRecords(a, record('d', {}, [0, 0, 0, 0, 0, 0], [], { cellM: 20 }))).toThrow(
      /their grids differ \(3 × 2 cells of 10 m from \(0, 0\); 3 × 2 cells of 20 m from \(0, 0\)\).*same --cell/,
    );
  });

  it('warns when the district data changed between the runs', () => {
    const e = record('e', {}, [0, 0, 0, 0, 0, 0], [], { hash: 'h2' });
    expect(compareRecords(a, e).warnings).toEqual([expect.stringMatching(/data changed between the runs/)]);
    expect(cmp.warnings).toEqual([]);
  });
});
