import { describe, expect, it } from 'vitest';
import { caseEtas, FleetController } from '../../../simulation/fleet/index.ts';
import { SimulationError } from '../../../simulation/errors.ts';
import { depot, diamondInput, dryField, floodDisc, truck } from './fleet-fixtures.ts';

/** The diamond with T1 at A (0,0) and T2 at E (200,-300), manual dispatch, and H1's case opened at C (400,0). */
function openCase(): { fc: FleetController; depth: Float32Array } {
  const fc = new FleetController(
    diamondInput({
      depots: [depot('D1', [0, 0]), depot('D2', [200, -300])],
      trucks: [truck('T1', 'D1'), truck('T2', 'D2')],
    }),
    { policy: 'manual', hotlineReportsPerEdgeHour: 0 },
  );
  const depth = dryField();
  floodDisc(depth, [400, 0], 12, 0.2);
  fc.step(depth, 0);
  return { fc, depth };
}

describe('caseEtas', () => {
  it('gives each truck its driving time to the case on the roads as flooded now, nearest first', () => {
    const { fc, depth } = openCase();
    const id = fc.cases[0].id;
    const dry = caseEtas(fc.world, id);
    expect(dry.caseState).toBe('open');
    expect(dry.servedBy).toBe('');
    // E → C is 36 s dry, A → B → C 40 s (C's 20 cm puddle slows both a little): T2 first.
    expect(dry.trucks.map((t) => t.truckId)).toEqual(['T2', 'T1']);
    const [t2, t1] = dry.trucks;
    expect(t1.etaS).toBeGreaterThanOrEqual(40);
    expect(t1.etaS).toBeLessThan(50);
    expect(t2.etaS).toBeGreaterThanOrEqual(36);
    expect(t2.etaS).toBeLessThan(t1.etaS!);
    expect(t1.available && t2.available).toBe(true);
    // B under 60 cm: the bottom street closes to trucks (wading 50 cm), so T1 must go round by E (72 s or more).
    floodDisc(depth, [200, 0], 30, 0.6);
    fc.step(depth, 60);
    const wet = caseEtas(fc.world, id);
    expect(wet.trucks.map((t) => t.truckId)).toEqual(['T2', 'T1']);
    expect(wet.trucks[1].etaS).toBeGreaterThanOrEqual(72);
    // The middle of E → C under water too: both trucks are cut off, listed by id with no ETA.
    floodDisc(depth, [300, -150], 30, 0.6);
    fc.step(depth, 120);
    const cut = caseEtas(fc.world, id);
    expect(cut.trucks.map((t) => [t.truckId, t.etaS === null])).toEqual([
      ['T1', true],
      ['T2', true],
    ]);
  });

  it('says which truck serves the case and that a held truck is not available', () => {
    const { fc, depth } = openCase();
    const id = fc.cases[0].id;
    fc.step(depth, 60, {
      commands: [
        { kind: 'dispatch', truckId: 'T2', caseId: id },
        { kind: 'hold', truckId: 'T1' },
      ],
    });
    const etas = caseEtas(fc.world, id);
    expect(etas.caseState).toBe('dispatched');
    expect(etas.servedBy).toBe('T2');
    const t1 = etas.trucks.find((t) => t.truckId === 'T1')!;
    const t2 = etas.trucks.find((t) => t.truckId === 'T2')!;
    expect([t1.held, t1.available]).toEqual([true, false]);
    expect([t2.caseId, t2.available, t2.state]).toEqual([id, false, 'enRoute']);
  });

  it('refuses a case that has not opened, naming those that have', () => {
    const { fc } = openCase();
    expect(() => caseEtas(fc.world, 'C999')).toThrow(SimulationError);
    expect(() => caseEtas(fc.world, 'C999')).toThrow(new RegExp(`no case "C999" has opened.*${fc.cases[0].id}`));
  });
});
