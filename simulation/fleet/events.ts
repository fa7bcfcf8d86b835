// The fleet's typed event log: every decision and state change of cases, trucks, roads and operator commands, in
// time order, with the names of the glossary (case.opened, case.dispatched, truck.arrived…). The run record reads it.
import type { ClosureReason } from '../roads/index.ts';
import type { XY } from '../../twin/types.ts';
import type { OperatorCommand } from './operator-command.ts';

/** Where a case came from: an alarm of a sensor or a hotspot, or an operator (a report or a dispatch to a site). */
export type CaseSourceKind = 'sensor' | 'hotspot' | 'report';

/** Where a truck discharges what it pumps (the water leaves the flood field through the ledger's "pumped" term). */
export type DischargeKind = 'river' | 'drain' | 'unknown';

interface EventBase {
  /** Simulation time (s) of the event. */
  timeS: number;
}

/** A case opened (发现): an alarm passed its threshold or an operator reported water. */
export interface CaseOpenedEvent extends EventBase {
  type: 'case.opened';
  caseId: string;
  source: CaseSourceKind;
  /** Sensor or hotspot id; the command's id (or '') for a report. */
  sourceId: string;
  xy: XY;
  /** Reading that opened it (m). */
  depthM: number;
  exposure: number;
  priority: number;
}

/** A truck was sent to a case (派单). */
export interface CaseDispatchedEvent extends EventBase {
  type: 'case.dispatched';
  caseId: string;
  truckId: string;
  /** Travel time (s) of the route at dispatch. */
  etaS: number;
  /** The policy that chose it ('manual' for an operator command). */
  policy: string;
  /** True when a re-plan moved the case to this truck. */
  replanned: boolean;
}

/** A case lost its truck and waits again. */
export interface CaseRequeuedEvent extends EventBase {
  type: 'case.requeued';
  caseId: string;
  truckId: string;
  reason: 'replan' | 'unreachable' | 'recall' | 'hold' | 'outOfService' | 'redispatch';
}

/** No truck in service can reach a waiting case now (reported once until it can again). */
export interface CaseUnreachableEvent extends EventBase {
  type: 'case.unreachable';
  caseId: string;
  /** Trucks in service when no one could reach it. */
  trucksInService: number;
}

/** A truck reached its case's site and starts setting up (处置). */
export interface TruckArrivedEvent extends EventBase {
  type: 'truck.arrived';
  truckId: string;
  caseId: string;
}

/** A truck's pump runs: its sink applies from this control step. */
export interface PumpingStartedEvent extends EventBase {
  type: 'pumping.started';
  truckId: string;
  caseId: string;
  rateM3PerS: number;
  cells: number;
  discharge: DischargeKind;
  dischargeXY: XY;
}

/** A truck's pump stopped, with what it pumped at this case. */
export interface PumpingStoppedEvent extends EventBase {
  type: 'pumping.stopped';
  truckId: string;
  caseId: string;
  /** Volume pumped at this case by this truck (m³). */
  pumpedM3: number;
  reason: 'cleared' | 'recall' | 'hold' | 'outOfService' | 'redispatch';
}

/** A site's water is below the target depth. */
export interface CaseClearedEvent extends EventBase {
  type: 'case.cleared';
  caseId: string;
  truckId: string;
  /** Mean depth over the site's cells (m) when cleared. */
  depthM: number;
}

/** A case not cleared in time was escalated (督办). */
export interface CaseEscalatedEvent extends EventBase {
  type: 'case.escalated';
  caseId: string;
  /** Time since opening (s). */
  ageS: number;
  priority: number;
}

/** A cleared case's site flooded again before it was closed. */
export interface CaseReopenedEvent extends EventBase {
  type: 'case.reopened';
  caseId: string;
  depthM: number;
}

/** A case was closed (结案). */
export interface CaseClosedEvent extends EventBase {
  type: 'case.closed';
  caseId: string;
}

/** A road ahead of a driving truck closed and it took another way. */
export interface TruckReroutedEvent extends EventBase {
  type: 'truck.rerouted';
  truckId: string;
  /** The case it is heading to, or '' when driving home. */
  caseId: string;
  /** The first closed edge on the old route (graph edge key). */
  closedEdgeKey: string;
  /** Time (s) left on the new route. */
  etaS: number;
}

/** A driving truck has no open way left to where it was going; it waits where it is. */
export interface RouteUnreachableEvent extends EventBase {
  type: 'route.unreachable';
  truckId: string;
  caseId: string;
  /** Where the truck waits (m, local frame). */
  xy: XY;
}

/** A truck is back at its depot or staging point. */
export interface TruckReturnedEvent extends EventBase {
  type: 'truck.returned';
  truckId: string;
  /** The depot id, or 'staging' for a pre-positioning point. */
  home: string;
}

/** An operator (or the set-up) took a truck out of or back into service, held or released it. */
export interface TruckStateEvent extends EventBase {
  type: 'truck.outOfService' | 'truck.inService' | 'truck.held' | 'truck.released';
  truckId: string;
  reason: string;
}

/** A street closed to or reopened for cars (封路), one event per segment and reason. */
export interface RoadClosedEvent extends EventBase {
  type: 'road.closed' | 'road.reopened';
  segmentId: string;
  /** Directions that changed (graph edge keys). */
  edgeKeys: string[];
  reason: ClosureReason;
}

/** An operator command, accepted or rejected with the reason. */
export interface CommandEvent extends EventBase {
  type: 'command.accepted' | 'command.rejected';
  command: OperatorCommand;
  /** Why it was rejected ('' when accepted). */
  reason: string;
}

/** Every event the fleet writes. */
export type FleetEvent =
  | CaseOpenedEvent
  | CaseDispatchedEvent
  | CaseRequeuedEvent
  | CaseUnreachableEvent
  | TruckArrivedEvent
  | PumpingStartedEvent
  | PumpingStoppedEvent
  | CaseClearedEvent
  | CaseEscalatedEvent
  | CaseReopenedEvent
  | CaseClosedEvent
  | TruckReroutedEvent
  | RouteUnreachableEvent
  | TruckReturnedEvent
  | TruckStateEvent
  | RoadClosedEvent
  | CommandEvent;

/** The event type names. */
export type FleetEventType = FleetEvent['type'];

/**
 * Collects one control step's events and appends them to the log in time order (stable: events at the same time keep
 * the order they were emitted in), so the log reads chronologically although trucks are advanced one after another.
 */
export class EventBuffer {
  private pending: FleetEvent[] = [];

  constructor(readonly log: FleetEvent[]) {}

  emit(event: FleetEvent): void {
    this.pending.push(event);
  }

  /** Moves the pending events into the log, sorted by time. */
  flush(): void {
    const sorted = this.pending.map((e, i) => [e, i] as const).sort((a, b) => a[0].timeS - b[0].timeS || a[1] - b[1]);
    for (const [e] of sorted) this.log.push(e);
    this.pending = [];
  }
}
