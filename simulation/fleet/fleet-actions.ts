// The few things that change who does what: send a truck to a case, take a case off a truck, send a truck home,
// report road changes. Policies, re-plans and operator commands all go through these, so events and states agree.
import type { ClosureReason } from '../roads/index.ts';
import { isActive, type Case } from './cases.ts';
import type { CaseRequeuedEvent, EventBuffer, PumpingStoppedEvent } from './events.ts';
import type { FleetWorld } from './fleet-setup.ts';
import { locationXY, type Truck } from './truck.ts';

/** Why a truck gives a case up. */
export type DetachReason = CaseRequeuedEvent['reason'];

/**
 * Sends `truck` to case `c` along the fastest open route now. Takes it off any other case first, and takes `c` off any
 * other truck (which then heads home). Returns false, changing nothing, if no open road leads there.
 */
export function sendTruck(
  world: FleetWorld,
  truck: Truck,
  c: Case,
  timeS: number,
  events: EventBuffer,
  how: { policy: string; manual: boolean; replanned: boolean },
): boolean {
  const route = world.finder.route(truck.spec.classIndex, truck.currentLocation(), c.site.location);
  if (!route.reachable) return false;
  const fromSite = truck.atSite || truck.state === 'settingUp' || truck.state === 'pumping';
  if (truck.caseIndex >= 0 && truck.caseIndex !== c.index) detachCase(world, truck, 'redispatch', timeS, events);
  if (c.truckIndex >= 0 && c.truckIndex !== truck.index) {
    const other = world.trucks[c.truckIndex];
    detachCase(world, other, 'redispatch', timeS, events);
  }
  truck.startRoute(route, c.site.location, fromSite ? 'movingOn' : 'enRoute');
  truck.caseIndex = c.index;
  truck.manual = how.manual;
  truck.casePumpedM3 = 0;
  c.state = 'dispatched';
  c.truckIndex = truck.index;
  if (Number.isNaN(c.dispatchedS)) c.dispatchedS = timeS;
  c.unreachableReported = false;
  events.emit({
    type: 'case.dispatched',
    timeS,
    caseId: c.id,
    truckId: truck.spec.id,
    etaS: route.timeS,
    policy: how.policy,
    replanned: how.replanned,
  });
  return true;
}

/**
 * Takes `truck` off its case: stops pumping (pumping.stopped), puts the case back in the queue (case.requeued) and
 * stops the truck where it is if it was driving to the case. The truck is then idle with no case.
 */
export function detachCase(
  world: FleetWorld,
  truck: Truck,
  reason: DetachReason,
  timeS: number,
  events: EventBuffer,
): void {
  if (truck.caseIndex < 0) return;
  const c = world.book.cases[truck.caseIndex];
  if (truck.state === 'pumping') {
    events.emit({
      type: 'pumping.stopped',
      timeS,
      truckId: truck.spec.id,
      caseId: c.id,
      pumpedM3: truck.casePumpedM3,
      reason: reason as PumpingStoppedEvent['reason'],
    });
  }
  if (truck.driving) truck.stop();
  if (truck.state !== 'outOfService') truck.state = 'idle';
  truck.caseIndex = -1;
  truck.manual = false;
  truck.casePumpedM3 = 0;
  truck.setupDoneS = NaN;
  if (isActive(c)) {
    c.state = 'open';
    c.truckIndex = -1;
    events.emit({ type: 'case.requeued', timeS, caseId: c.id, truckId: truck.spec.id, reason });
  }
}

/**
 * Sends a truck with no case back to its home (state 'returning'), or leaves it idle where it is if already there.
 * With no open road home it stays put, reported once (route.unreachable) until it moves again. Returns false then.
 */
export function sendHome(world: FleetWorld, truck: Truck, timeS: number, events: EventBuffer): boolean {
  if (truck.atHome && !truck.driving) {
    truck.state = 'idle';
    return true;
  }
  const route = world.finder.route(truck.spec.classIndex, truck.currentLocation(), truck.home.location);
  if (!route.reachable) {
    if (truck.driving) truck.stop();
    truck.state = 'idle';
    if (!truck.stranded) {
      truck.stranded = true;
      events.emit({
        type: 'route.unreachable',
        timeS,
        truckId: truck.spec.id,
        caseId: '',
        xy: locationXY(world.net, truck.location),
      });
    }
    return false;
  }
  truck.startRoute(route, truck.home.location, 'returning', true);
  return true;
}

/**
 * Writes the world's pending road closure changes as road.closed / road.reopened events, one per segment, direction
 * set and reason (a two-way street closing both ways is one event), and clears them. True if there were any.
 */
export function emitRoadChanges(world: FleetWorld, timeS: number, events: EventBuffer): boolean {
  const changes = world.roadChanges;
  if (changes.length === 0) return false;
  const groups = new Map<string, { closed: boolean; reason: ClosureReason; segmentId: string; edgeKeys: string[] }>();
  for (const ch of changes) {
    const key = `${ch.segmentId}\u0000${ch.closed}\u0000${ch.reason}`;
    const g = groups.get(key);
    if (g) g.edgeKeys.push(ch.edgeKey);
    else groups.set(key, { closed: ch.closed, reason: ch.reason, segmentId: ch.segmentId, edgeKeys: [ch.edgeKey] });
  }
  for (const g of groups.values()) {
    events.emit({
      type: g.closed ? 'road.closed' : 'road.reopened',
      timeS,
      segmentId: g.segmentId,
      edgeKeys: g.edgeKeys,
      reason: g.reason,
    });
  }
  changes.length = 0;
  return true;
}
