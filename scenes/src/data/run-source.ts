// A run as the app reads it, from the server or from a record file: what the record holds so far (meta), the view
// and the depth frame of a control step, the events, and the dashboard series. Both kinds answer the same calls.
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import type { ViewSeries } from '../../../simulation/record/view-series.ts';

/** The grid the run's frames are drawn on (local metres; south-west corner). */
export interface FrameGridInfo {
  nx: number;
  ny: number;
  cellM: number;
  x0: number;
  y0: number;
}

/** What the record of a run holds, and about what. */
export interface RunMeta {
  id: string;
  /** queued, running, paused, interrupted, finished, cancelled, failed (a file is finished or cancelled). */
  status: string;
  scenario: string;
  districtId: string;
  controlStepS: number;
  /** The run's planned end (s). */
  endS: number;
  /** Up to where the record holds views and frames (s); NaN while it holds none. */
  lastS: number;
  steps: number;
  complete: boolean;
  /** Why and where an incomplete record stops ('' when complete). */
  stops: string;
  grid: FrameGridInfo;
  attribution: string;
  terrain: string;
  modelledAssets: boolean;
}

/** A run to show. */
export interface RunSource {
  readonly kind: 'server' | 'file';
  readonly id: string;
  /** Reads again how far the record goes (a live run grows). */
  meta(): Promise<RunMeta>;
  view(step: number): Promise<RunView>;
  /** Depth (mm) per cell, rows north to south; 65535 where not written. */
  frame(step: number): Promise<Uint16Array>;
  /** Every event so far, in seq order. */
  events(): Promise<RunEvent[]>;
  series(): Promise<ViewSeries>;
}

/** The meta of a record manifest and how far its record goes. */
export function metaFrom(
  id: string,
  status: string,
  m: {
    scenario: { name?: string } | string;
    controlStepS: number;
    endS: number;
    complete: boolean;
    grid: FrameGridInfo;
    district: { id: string; attribution: string; terrain: string; modelledAssets: boolean };
  },
  held: { lastS: number | null; steps: number; stops: string },
): RunMeta {
  return {
    id,
    status,
    scenario: typeof m.scenario === 'string' ? m.scenario : (m.scenario.name ?? ''),
    districtId: m.district.id,
    controlStepS: m.controlStepS,
    endS: m.endS,
    lastS: held.lastS ?? NaN,
    steps: held.steps,
    complete: m.complete,
    stops: held.stops,
    grid: { nx: m.grid.nx, ny: m.grid.ny, cellM: m.grid.cellM, x0: m.grid.x0, y0: m.grid.y0 },
    attribution: m.district.attribution,
    terrain: m.district.terrain,
    modelledAssets: m.district.modelledAssets,
  };
}
