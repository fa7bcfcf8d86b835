// The dispatch phase of a control step: build the problem (free trucks × waiting cases, and on a re-plan also the
// trucks still driving to their cases), let the policy assign, apply the changes; then report cases nobody can reach.
import { isActive, type Case } from './cases.ts';
import type { DispatchProblem } from './dispatch.ts';
import type { EventBuffer } from './events.ts';
import { detachCase, sendTruck } from './fleet-actions.ts';
import { fastestArrivalS, fleetMatrix } from './fleet-matrix.ts';
import type { FleetWorld } from './fleet-setup.ts';
import type { Truck } from './truck.ts';

/**
 * Runs the automatic policy (nothing for the manual one). With `replan`, trucks of the policy's own still driving to
 * their cases are put back in the pool with those cases, so a road closure or an escalation can change who goes where.
 */
export function runDispatch(world: FleetWorld, timeS: number, replan: boolean, events: EventBuffer): void {
  const { policy, book, trucks } = world;
  if (!policy.automatic) return;
  const inPlay = (t: Truck): boolean =>
    t.available ||
    (replan && t.caseIndex >= 0 && !t.manual && !t.held && (t.state === 'enRoute' || t.state === 'movingOn'));
  const pool = trucks.filter(inPlay);
  const poolSet = new Set(pool);
  const cases = book.cases.filter(
    (c) => c.state === 'open' || (c.state === 'dispatched' && c.truckIndex >= 0 && poolSet.has(trucks[c.truckIndex])),
  );
  if (pool.length === 0 || cases.length === 0) return;
  // 1. The problem on current travel times from where each truck is now.
  const problem: DispatchProblem = {
    trucks: pool.length,
    cases: cases.length,
    timeS: fleetMatrix(
      world.finder,
      pool,
      cases.map((c) => c.site.location),
    ),
    priority: Float64Array.from(cases, (c) => c.priority),
    openedS: Float64Array.from(cases, (c) => c.openedS),
  };
  const plan = policy.assign(problem);
  // 2. Trucks whose case changes give it up first, then every truck takes its new case.
  pool.forEach((t, i) => {
    const want = plan[i] >= 0 ? cases[plan[i]].index : -1;
    if (t.caseIndex >= 0 && t.caseIndex !== want) detachCase(world, t, 'replan', timeS, events);
  });
  pool.forEach((t, i) => {
    if (plan[i] < 0) return;
    const c: Case = cases[plan[i]];
    if (t.caseIndex === c.index) return;
    sendTruck(world, t, c, timeS, events, {
      policy: policy.name,
      manual: false,
      replanned: !Number.isNaN(c.dispatchedS),
    });
  });
}

/** Writes case.unreachable once for each waiting case no truck in service can reach now (again after it could). */
export function reportUnreachable(world: FleetWorld, timeS: number, events: EventBuffer): void {
  const waiting = world.book.cases.filter((c) => c.state === 'open' && isActive(c));
  if (waiting.length === 0) return;
  const inService = world.trucks.filter((t) => t.state !== 'outOfService');
  const best = fastestArrivalS(
    world.finder,
    inService,
    waiting.map((c) => c.site.location),
  );
  waiting.forEach((c, j) => {
    if (best[j] < Infinity) c.unreachableReported = false;
    else if (!c.unreachableReported) {
      c.unreachableReported = true;
      events.emit({ type: 'case.unreachable', timeS, caseId: c.id, trucksInService: inService.length });
    }
  });
}
