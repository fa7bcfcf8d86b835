import { describe, expect, it } from 'vitest';
import { FloodEngine } from '../../../simulation/hydro/engine.ts';
import { FleetController, drawSinks, sinkTakeM3, siteCells } from '../../../simulation/fleet/index.ts';
import { CELL_AREA_M2, GRID, eventsOf, hotspot, lineInput, truck } from './fleet-fixtures.ts';

const SITE: [number, number] = [400, 40];
const RATE_M3_PER_S = 0.5; // 1800 m³/h

/** A flat, closed basin on the fleet grid holding `depthM` of still water everywhere. */
function basin(depthM: number): FloodEngine {
  const n = GRID.nx * GRID.ny;
  return new FloodEngine(
    {
      nx: GRID.nx,
      ny: GRID.ny,
      cellM: GRID.cellM,
      bedM: new Float64Array(n),
      manningN: 0.03,
      initialDepthM: new Float64Array(n).fill(depthM),
    },
    { horton: null, maxDtS: 5 },
  );
}

/** Runs the fleet coupled to the engine for `steps` control steps of 60 s; returns both. */
function coupled(steps: number, reportPumped: boolean): { fc: FleetController; engine: FloodEngine } {
  const engine = basin(0.25);
  const fc = new FleetController(
    lineInput({ trucks: [truck('T1', 'D1', 1800)], hotspots: [hotspot('H1', SITE, 3, 'underpass')] }),
    { setupS: 600 },
  );
  let pumpedBefore = 0;
  let sinkCount = 0;
  for (let k = 0; k < steps; k++) {
    const t = k * 60;
    const pumpedNow = engine.ledger().pumpedM3;
    const report = reportPumped && sinkCount === 1 ? { pumpedM3: [pumpedNow - pumpedBefore] } : {};
    const sinks = fc.step(engine.depthM(), t, report);
    pumpedBefore = pumpedNow;
    sinkCount = sinks.length;
    engine.setTruckSinks(sinks);
    engine.advanceTo(t + 60);
  }
  return { fc, engine };
}

describe('pumping, coupled to the flood engine', () => {
  it('lowers the stored volume by capacity × time, booked as pumped in the mass ledger', () => {
    const { fc, engine } = coupled(40, true);
    const started = eventsOf(fc, 'pumping.started');
    expect(started).toHaveLength(1);
    // Pumping from the step it started to the end of the last interval (40 × 60 s).
    const pumpingS = 40 * 60 - started[0].timeS;
    expect(pumpingS).toBeGreaterThan(600);
    const ledger = engine.ledger();
    expect(ledger.pumpedM3).toBeCloseTo(RATE_M3_PER_S * pumpingS, 6);
    expect(ledger.stored0M3 - ledger.storedM3).toBeCloseTo(RATE_M3_PER_S * pumpingS, 6);
    expect(Math.abs(ledger.relativeError)).toBeLessThan(1e-9);
    // The fleet credits what the engine reports: the last interval is still to be reported at the end.
    expect(fc.kpis().pumpedM3).toBeCloseTo(RATE_M3_PER_S * (pumpingS - 60), 6);
    expect(fc.cases[0].pumpedM3).toBeCloseTo(fc.kpis().pumpedM3, 9);
  });

  it('estimates the same volume from the depths it saw when the engine reports nothing', () => {
    const withReports = coupled(30, true).fc.kpis().pumpedM3;
    const estimated = coupled(30, false).fc.kpis().pumpedM3;
    expect(withReports).toBeGreaterThan(0);
    expect(estimated).toBeCloseTo(withReports, 6);
  });
});

describe('sink bookkeeping without the engine', () => {
  it('takes rate × time while the water lasts, then only the water there was', () => {
    const depth = new Float32Array(GRID.nx * GRID.ny);
    const cells = siteCells(GRID, SITE, 20);
    for (const c of cells) depth[c] = 0.1;
    const sink = { cells, rateM3PerS: RATE_M3_PER_S };
    // 12 cells × 100 m² × 0.1 m = 120 m³: 60 s takes 30 m³, and the estimate agrees.
    expect(sinkTakeM3(depth, CELL_AREA_M2, sink, 60)).toBeCloseTo(30, 9);
    const taken = new Float64Array(1);
    expect(drawSinks(depth, CELL_AREA_M2, [sink], 60, taken)).toBeCloseTo(30, 4);
    expect(taken[0]).toBeCloseTo(30, 4);
    // Asking for 300 s (150 m³) when 90 m³ remain takes the 90 m³ and leaves the cells dry, never negative.
    expect(sinkTakeM3(depth, CELL_AREA_M2, sink, 300)).toBeCloseTo(90, 4);
    expect(drawSinks(depth, CELL_AREA_M2, [sink], 300)).toBeCloseTo(90, 4);
    for (const c of cells) expect(depth[c]).toBe(0);
  });
});
