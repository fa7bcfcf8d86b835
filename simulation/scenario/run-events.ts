// The one event stream of a run (RunEvent): the fleet's events plus the run's own — started, finished, cancelled,
// forked; sensor alarms raised and cleared; pump stations failed and restored; the river passing its warning levels;
// rain starting, peaking and ending. Every event has a sequence number and, where it has a place, WGS84 lon/lat.
import type { FleetEvent } from '../fleet/index.ts';

/** Alarm levels of a sensor: below its alert level, at or above alert (预警), at or above alarm (报警). */
export type AlarmLevel = 'normal' | 'alert' | 'alarm';

/** Levels of the river against the district's thresholds. */
export type RiverLevel = 'normal' | 'warning' | 'overtopping';

interface Base {
  /** Simulation time (s). */
  timeS: number;
}

/** Events the run writes itself, beside the fleet's. */
export type RunOwnEvent = Base &
  (
    | { type: 'run.started'; scenario: string; durationS: number; controlStepS: number; seed: number }
    | { type: 'run.finished'; casesOpened: number; casesCleared: number }
    | { type: 'run.cancelled'; reason: string }
    | { type: 'run.forked'; parentRunId: string; forkS: number; patched: string[]; commands: number }
    | {
        type: 'sensor.alarm' | 'sensor.cleared';
        sensorId: string;
        kind: string;
        /** The level now, and the one before. */
        level: AlarmLevel;
        from: AlarmLevel;
        /** Reading (m for levels and depths, mm/h for rain). */
        value: number;
        unit: 'm' | 'mm/h';
        lonLat: [number, number];
      }
    | { type: 'pump.failed' | 'pump.restored'; stationId: string; reason: string; lonLat: [number, number] | null }
    | { type: 'river.level'; level: RiverLevel; from: RiverLevel; stageM: number; thresholdM: number }
    | { type: 'rain.started' | 'rain.peaked' | 'rain.ended'; rateMmPerH: number; accumulatedMm: number }
  );

/** An event before the run numbers it. */
export type UnnumberedEvent = FleetEvent | RunOwnEvent;

/** Any event of a run, as the record stores it: `seq` counts from 1 in log order. */
export type RunEvent = (FleetEvent | RunOwnEvent) & {
  seq: number;
  /** WGS84 position of events that carry a local `xy`. */
  lonLat?: [number, number];
};

/** The event type names. */
export type RunEventType = RunEvent['type'];
