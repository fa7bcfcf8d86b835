// Operator commands on a running scenario: the fleet's (dispatch, recall, hold, report, close a road…) and the pump
// stations' (fail, restore), each with the time it applies at. Checked when issued against the time and the truck and
// station ids it names; the fleet checks the rest (cases too) against the state at its control step.
import type { FleetController, OperatorCommand } from '../fleet/index.ts';
import type { FloodRun } from '../hydro/index.ts';
import type { UnnumberedEvent } from './run-events.ts';
import type { ScenarioSetup } from './scenario-setup.ts';

/** Fail or restore a pump station (a power cut, a repair crew done). */
export type PumpCommand = { id?: string } & { kind: 'failPump' | 'restorePump'; stationId: string; reason?: string };

/** A command to a run: applies at the first control step at or after `atS` (default the next one). */
export type RunCommand = (OperatorCommand | PumpCommand) & { atS?: number };

/** The command kinds a run takes. */
export const RUN_COMMAND_KINDS = [
  'dispatch',
  'dispatchToSite',
  'recall',
  'hold',
  'release',
  'report',
  'stage',
  'outOfService',
  'returnToService',
  'closeRoad',
  'openRoad',
  'failPump',
  'restorePump',
] as const;

/**
 * Why a command cannot be queued now ('' when it can): a time already past, an unknown kind, truck or station. A case
 * is not checked here: an order may name a case that opens by the step it applies at (a drill's script, an order given
 * ahead), so the fleet checks it then and rejects it in the log if no such case has opened.
 */
export function checkCommandNow(
  cmd: OperatorCommand | PumpCommand,
  applyAtS: number,
  nowS: number,
  fleet: FleetController,
  setup: ScenarioSetup,
): string {
  if (!Number.isFinite(applyAtS)) return `time ${String(applyAtS)} is not a time in seconds`;
  if (applyAtS < nowS) return `time ${applyAtS} s is already past (the run is at ${nowS} s); give a later atS`;
  if (!(RUN_COMMAND_KINDS as readonly string[]).includes(cmd.kind))
    return `unknown command kind "${String(cmd.kind)}"; use one of ${RUN_COMMAND_KINDS.join(', ')}`;
  if ('truckId' in cmd && !fleet.world.truckById.has(cmd.truckId))
    return `unknown truck "${cmd.truckId}"; trucks are ${[...fleet.world.truckById.keys()].join(', ')}`;
  if ((cmd.kind === 'failPump' || cmd.kind === 'restorePump') && !setup.stations.some((s) => s.id === cmd.stationId))
    return `unknown pump station "${cmd.stationId}"; stations are ${setup.stations.map((s) => s.id).join(', ')}`;
  return '';
}

/** Applies a pump command at its control step: the command's own event, then the station's. */
export function applyPumpCommand(
  engine: FloodRun,
  cmd: PumpCommand,
  timeS: number,
  lonLat: (stationId: string) => [number, number] | null,
): UnnumberedEvent[] {
  const failed = engine.pumpStations().find((p) => p.id === cmd.stationId)?.failed ?? false;
  const fail = cmd.kind === 'failPump';
  const asCommand = cmd as unknown as OperatorCommand;
  if (failed === fail) {
    const reason = `pump station ${cmd.stationId} is already ${fail ? 'failed' : 'working'}`;
    return [{ type: 'command.rejected', timeS, command: asCommand, reason }];
  }
  engine.setPumpStationFailed(cmd.stationId, fail);
  return [
    { type: 'command.accepted', timeS, command: asCommand, reason: '' },
    {
      type: fail ? 'pump.failed' : 'pump.restored',
      timeS,
      stationId: cmd.stationId,
      reason: cmd.reason ?? 'operator',
      lonLat: lonLat(cmd.stationId),
    },
  ];
}
