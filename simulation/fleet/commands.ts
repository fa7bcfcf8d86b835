// Operator commands (drills and overrides): dispatch, dispatch to a site, recall, hold, release, report, stage, put out
// of or back in service, close or open a road. Each is validated; a bad one is rejected with a reason and the run goes on.
import { isActive, type Site } from './cases.ts';
import { EventBuffer, type FleetEvent } from './events.ts';
import { detachCase, sendHome, sendTruck } from './fleet-actions.ts';
import { makeSite, type FleetWorld } from './fleet-setup.ts';
import { meanDepthM } from './pump-sink.ts';
import type { OperatorCommand } from './operator-command.ts';
import type { Truck } from './truck.ts';

/** Outcome of applying a command: '' when accepted, else why it was rejected. Road changes are reported separately. */
export function applyCommand(world: FleetWorld, cmd: OperatorCommand, timeS: number, events: EventBuffer): string {
  // The command's own event comes first in the log, then what it caused.
  const caused: FleetEvent[] = [];
  const local = new EventBuffer(caused);
  const reason = run(world, cmd, timeS, local);
  local.flush();
  events.emit({
    type: reason ? 'command.rejected' : 'command.accepted',
    timeS,
    command: structuredClone(cmd),
    reason,
  });
  for (const e of caused) events.emit(e);
  return reason;
}

const manual = { policy: 'manual', manual: true, replanned: false };

function run(world: FleetWorld, cmd: OperatorCommand, timeS: number, events: EventBuffer): string {
  const { book } = world;
  switch (cmd.kind) {
    case 'dispatch': {
      const truck = world.truckById.get(cmd.truckId);
      const problem = truckProblem(cmd.truckId, truck, true);
      if (problem) return problem;
      const c = book.cases.find((k) => k.id === cmd.caseId);
      if (!c) return `unknown case "${cmd.caseId}"`;
      if (!isActive(c)) return `case ${c.id} is ${c.state}`;
      if (!sendTruck(world, truck!, c, timeS, events, manual))
        return `no open road from truck ${cmd.truckId} to case ${c.id}`;
      truck!.held = false;
      return '';
    }
    case 'dispatchToSite': {
      const truck = world.truckById.get(cmd.truckId);
      const problem = truckProblem(cmd.truckId, truck, true) || exposureProblem(cmd.exposure);
      if (problem) return problem;
      const site = makeSite(world, cmd.xy, 'site');
      if (typeof site === 'string') return site;
      const route = world.finder.route(truck!.spec.classIndex, truck!.currentLocation(), site.location);
      if (!route.reachable) return `no open road from truck ${cmd.truckId} to the site`;
      const c = book.open('report', cmd.id ?? '', site, cmd.exposure ?? 1, siteDepth(world, site), timeS, events);
      sendTruck(world, truck!, c, timeS, events, manual);
      truck!.held = false;
      return '';
    }
    case 'report': {
      const problem = exposureProblem(cmd.exposure);
      if (problem) return problem;
      const site = makeSite(world, cmd.xy, 'report');
      if (typeof site === 'string') return site;
      book.open('report', cmd.id ?? '', site, cmd.exposure ?? 1, siteDepth(world, site), timeS, events);
      return '';
    }
    case 'recall': {
      const truck = world.truckById.get(cmd.truckId);
      const problem = truckProblem(cmd.truckId, truck, false);
      if (problem) return problem;
      const depot = cmd.depotId === undefined ? world.depots.get(truck!.spec.depotId) : world.depots.get(cmd.depotId);
      if (!depot) return `unknown depot "${cmd.depotId}"`;
      const route = world.finder.route(truck!.spec.classIndex, truck!.currentLocation(), depot.location);
      if (!route.reachable) return `no open road from truck ${cmd.truckId} to depot ${depot.name}`;
      detachCase(world, truck!, 'recall', timeS, events);
      truck!.home = depot;
      truck!.atHome = false;
      truck!.held = false;
      truck!.recalled = true;
      if (truck!.state !== 'outOfService') sendHome(world, truck!, timeS, events);
      return '';
    }
    case 'hold':
    case 'release': {
      const truck = world.truckById.get(cmd.truckId);
      if (!truck) return `unknown truck "${cmd.truckId}"`;
      if (cmd.kind === 'release') {
        if (!truck.held) return `truck ${truck.spec.id} is not held`;
        truck.held = false;
        events.emit({ type: 'truck.released', timeS, truckId: truck.spec.id, reason: 'operator' });
        return '';
      }
      if (truck.held) return `truck ${truck.spec.id} is already held`;
      truck.held = true;
      if (truck.driving) {
        detachCase(world, truck, 'hold', timeS, events);
        truck.stop();
        truck.state = 'idle';
      }
      events.emit({ type: 'truck.held', timeS, truckId: truck.spec.id, reason: 'operator' });
      return '';
    }
    case 'stage': {
      const truck = world.truckById.get(cmd.truckId);
      const problem = truckProblem(cmd.truckId, truck, false);
      if (problem) return problem;
      const hit = world.snapper.trySnap(cmd.xy[0], cmd.xy[1], world.options.maxSnapM);
      if (!hit) return `staging point is off the graph: no drivable road within ${world.options.maxSnapM} m`;
      if (!world.finder.route(truck!.spec.classIndex, truck!.currentLocation(), hit).reachable) {
        return `no open road from truck ${cmd.truckId} to the staging point`;
      }
      truck!.home = { name: 'staging', location: hit };
      truck!.atHome = false;
      if (truck!.caseIndex < 0 && !truck!.held && truck!.state !== 'outOfService')
        sendHome(world, truck!, timeS, events);
      return '';
    }
    case 'outOfService': {
      const truck = world.truckById.get(cmd.truckId);
      if (!truck) return `unknown truck "${cmd.truckId}"`;
      if (truck.state === 'outOfService') return `truck ${truck.spec.id} is already out of service`;
      detachCase(world, truck, 'outOfService', timeS, events);
      truck.stop();
      truck.state = 'outOfService';
      truck.outOfServiceReason = cmd.reason ?? 'operator';
      events.emit({ type: 'truck.outOfService', timeS, truckId: truck.spec.id, reason: truck.outOfServiceReason });
      return '';
    }
    case 'returnToService': {
      const truck = world.truckById.get(cmd.truckId);
      if (!truck) return `unknown truck "${cmd.truckId}"`;
      if (truck.state !== 'outOfService') return `truck ${truck.spec.id} is in service`;
      if (!(truck.spec.capacityM3PerH > 0)) return `truck ${truck.spec.id} has zero pump capacity`;
      truck.state = 'idle';
      truck.outOfServiceReason = '';
      events.emit({ type: 'truck.inService', timeS, truckId: truck.spec.id, reason: 'operator' });
      return '';
    }
    case 'closeRoad':
    case 'openRoad':
      return roadCommand(world, cmd, timeS);
    default:
      return `unknown command kind "${(cmd as { kind: unknown }).kind}"`;
  }
}

/** Why `truck` cannot take the order ('' if it can). `toWork`: the order needs a working pump. */
function truckProblem(id: string, truck: Truck | undefined, toWork: boolean): string {
  if (!truck) return `unknown truck "${id}"`;
  if (toWork && !(truck.spec.capacityM3PerH > 0)) return `truck ${id} has zero pump capacity`;
  if (truck.state === 'outOfService') return `truck ${id} is out of service (${truck.outOfServiceReason})`;
  return '';
}

/** Mean depth (m) over a site's cells in the step's depth field. */
function siteDepth(world: FleetWorld, site: Site): number {
  return world.depthM ? meanDepthM(world.depthM, site.cells) : 0;
}

function exposureProblem(exposure: number | undefined): string {
  return exposure === undefined || exposure > 0 ? '' : `exposure ${exposure} is not above 0`;
}

/** Event closures through the network; the changes come out as road events at the controller's next update. */
function roadCommand(
  world: FleetWorld,
  cmd: OperatorCommand & { kind: 'closeRoad' | 'openRoad' },
  timeS: number,
): string {
  try {
    if (cmd.kind === 'closeRoad') world.net.close(cmd.ref, cmd.reason, timeS, world.roadChanges);
    else world.net.open(cmd.ref, cmd.reason, timeS, world.roadChanges);
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
