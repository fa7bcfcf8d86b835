// Which trucks can reach a case, and how soon, on the roads as flooded now: what a duty officer weighs before sending
// one by hand. The same flood-aware travel times the dispatch policies read (fleetMatrix), from where each truck is.
import { SimulationError } from '../errors.ts';
import { fleetMatrix } from './fleet-matrix.ts';
import type { FleetWorld } from './fleet-setup.ts';
import type { TruckState } from './truck.ts';

/** One truck's way to a case if sent now. */
export interface TruckEta {
  truckId: string;
  name: string;
  state: TruckState;
  /** The case it serves now ('' for none). */
  caseId: string;
  held: boolean;
  /** Free to take a new case: in service, not held or recalled, on no case. */
  available: boolean;
  /** Driving time (s) from where it is to the case's site at today's travel times; null when the water cuts it off. */
  etaS: number | null;
}

/** The trucks' ETAs to one case, reachable ones first by ETA, then the cut-off ones, each group by truck id. */
export interface CaseEtas {
  caseId: string;
  /** The case's state now (open, dispatched, arrived, pumping, cleared, closed). */
  caseState: string;
  /** The truck serving it ('' for none). */
  servedBy: string;
  trucks: TruckEta[];
}

/**
 * ETAs of every truck to case `caseId` on the network as last updated (the control step just run).
 * @throws SimulationError when no case of that id has opened
 */
export function caseEtas(world: FleetWorld, caseId: string): CaseEtas {
  const c = world.book.cases.find((x) => x.id === caseId);
  if (!c)
    throw new SimulationError(
      `no case "${caseId}" has opened`,
      { input: 'eta', field: 'case' },
      world.book.cases.length
        ? `use one of ${world.book.cases.map((x) => x.id).join(', ')}`
        : 'wait until a case opens',
    );
  const times = fleetMatrix(world.finder, world.trucks, [c.site.location]);
  const trucks = world.trucks.map((t, i): TruckEta => ({
    truckId: t.spec.id,
    name: t.spec.name,
    state: t.state,
    caseId: t.caseIndex >= 0 ? world.book.cases[t.caseIndex].id : '',
    held: t.held,
    available: t.available,
    etaS: Number.isFinite(times[i]) && t.state !== 'outOfService' ? Math.round(times[i]) : null,
  }));
  trucks.sort(
    (a, b) =>
      (a.etaS ?? Infinity) - (b.etaS ?? Infinity) || (a.truckId < b.truckId ? -1 : a.truckId > b.truckId ? 1 : 0),
  );
  const servedBy = c.truckIndex >= 0 ? world.trucks[c.truckIndex].spec.id : '';
  return { caseId: c.id, caseState: c.state, servedBy, trucks };
}
