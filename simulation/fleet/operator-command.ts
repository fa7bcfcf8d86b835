// What an operator can order the fleet (drills and overrides), as plain data: a leaf module, so the event types and
// the command handlers can both name it without importing each other.
import type { XY } from '../../twin/types.ts';
import type { EventClosureReason } from '../roads/index.ts';

/** What an operator can order. `id` is echoed in the events (e.g. the drill script's line). */
export type OperatorCommand = { id?: string } & (
  | { kind: 'dispatch'; truckId: string; caseId: string }
  | { kind: 'dispatchToSite'; truckId: string; xy: XY; exposure?: number }
  | { kind: 'recall'; truckId: string; depotId?: string }
  | { kind: 'hold'; truckId: string }
  | { kind: 'release'; truckId: string }
  | { kind: 'report'; xy: XY; exposure?: number }
  | { kind: 'stage'; truckId: string; xy: XY }
  | { kind: 'outOfService'; truckId: string; reason?: string }
  | { kind: 'returnToService'; truckId: string }
  | { kind: 'closeRoad'; ref: string; reason: EventClosureReason }
  | { kind: 'openRoad'; ref: string; reason?: EventClosureReason }
);

/** The command kinds. */
export type OperatorCommandKind = OperatorCommand['kind'];
