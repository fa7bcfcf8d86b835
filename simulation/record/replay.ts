// Replay of a run record without re-simulating: the state as of any moment (the view the live run showed at the
// last control step at or before it), the depth frame, events in a window by type, the commands and checkpoints.
// Opens complete records, records still being written, and records of a killed run (saying where they stop).
import { strFromU8 } from 'fflate';
import { SimulationError } from '../errors.ts';
import type { RunEvent } from '../scenario/run-events.ts';
import type { RunView } from '../scenario/run-view.ts';
import type { IssuedCommand } from '../scenario/scenario-run.ts';
import {
  checkpointPath,
  checkpointTime,
  RECORD_FILES,
  RECORD_SCHEMA,
  type RecordManifest,
  type RecordSource,
} from './record-format.ts';
import { decodeFrame, frameChunkPath } from './zarr-frames.ts';

/** A depth frame: the control step's time and the depth per cell in millimetres (row 0 north). */
export interface Frame {
  tS: number;
  step: number;
  depthMm: Uint16Array;
}

/** Which events to list. */
export interface EventFilter {
  fromS?: number;
  toS?: number;
  /** Event types, or prefixes ending in '.' (e.g. 'case.'). */
  types?: readonly string[];
}

/** A record opened for replay. */
export class RecordReplay {
  readonly manifest: RecordManifest;
  readonly events: RunEvent[];
  readonly commands: IssuedCommand[];
  /** Views by control step (raw JSON, parsed on demand). */
  private readonly viewLines: string[];
  /** Frames written, contiguous from step 0. */
  readonly frameCount: number;
  /** Simulated time up to which the record holds state, events and frames (s). */
  readonly lastS: number;
  /** Why and where an incomplete record stops ('' for a complete one). */
  readonly stops: string;
  /** False for a record without depth frames (an incident log imported without --simulate). */
  readonly hasDepth: boolean;

  private constructor(private readonly source: RecordSource) {
    const bytes = source.readFile(RECORD_FILES.manifest);
    if (!bytes) throw recordError(source, 'has no manifest.json', 'give the folder a run wrote with --out');
    let m: RecordManifest;
    try {
      m = JSON.parse(strFromU8(bytes)) as RecordManifest;
    } catch {
      throw recordError(source, 'manifest.json is not valid JSON', 'the record is damaged; run the scenario again');
    }
    if (m?.schema !== RECORD_SCHEMA)
      throw recordError(
        source,
        `manifest.json is not a ${RECORD_SCHEMA} record`,
        'give a folder written by rivertwin run',
      );
    this.manifest = m;
    const viewLines = completeLines(source, RECORD_FILES.views);
    const views = viewLines.lines;
    let frames = 0;
    while (frames < views.length && source.readFile(`${RECORD_FILES.frames}/${frameChunkPath(frames)}`)) frames++;
    // An imported log without a flood run holds views but no depth frames.
    this.hasDepth = m.frames.count > 0;
    const steps = this.hasDepth ? Math.min(views.length, frames) : views.length;
    this.viewLines = views.slice(0, steps);
    this.frameCount = steps;
    this.lastS = steps > 0 ? Math.min((steps - 1) * m.controlStepS, m.endS) : NaN;
    const ev = completeLines(source, RECORD_FILES.events);
    this.events = ev.lines.map((line, i) => parseLine<RunEvent>(source, RECORD_FILES.events, line, i));
    this.commands = completeLines(source, RECORD_FILES.commands).lines.map((line, i) =>
      parseLine<IssuedCommand>(source, RECORD_FILES.commands, line, i),
    );
    if (m.complete) this.stops = '';
    else {
      const where =
        steps > 0
          ? `at ${clock(this.lastS)} (control step ${steps - 1} of ${m.frames.count - 1})`
          : 'before its first step';
      const torn = ev.torn || viewLines.torn ? '; a half-written last line was left out' : '';
      this.stops = `the record is incomplete: it stops ${where}, after event ${this.events.at(-1)?.seq ?? 0}${torn}`;
    }
  }

  /** Opens a record; throws SimulationError naming the record when it is not one or is damaged. */
  static open(source: RecordSource): RecordReplay {
    return new RecordReplay(source);
  }

  /** True when the run finished (or was cancelled) and every part was written. */
  get complete(): boolean {
    return this.manifest.complete;
  }

  /** The control step holding the state as of `tS`; throws outside what the record holds. */
  stepAt(tS: number): number {
    if (!Number.isFinite(tS) || tS < 0)
      throw recordError(this.source, `time ${tS} s is not in the run`, 'give a time from 0');
    if (this.frameCount === 0) throw recordError(this.source, 'holds no step yet', this.stops || 'wait for the run');
    if (tS > this.lastS + 1e-9) {
      const why = this.complete ? `the run ends at ${clock(this.lastS)}` : this.stops;
      throw recordError(
        this.source,
        `time ${clock(tS)} is past the record's end: ${why}`,
        `give a time up to ${clock(this.lastS)}`,
      );
    }
    return Math.min(this.frameCount - 1, Math.floor(tS / this.manifest.controlStepS + 1e-9));
  }

  /** The state as of `tS`: the view of the last control step at or before it, exactly as the live run gave it. */
  stateAt(tS: number): RunView {
    const k = this.stepAt(tS);
    return parseLine<RunView>(this.source, RECORD_FILES.views, this.viewLines[k], k);
  }

  /** The depth frame as of `tS`. */
  frameAt(tS: number): Frame {
    if (!this.hasDepth)
      throw recordError(
        this.source,
        'has no depth frames (an incident log imported without --simulate)',
        'import the log again with --simulate to run the flood engine on its measured rain',
      );
    const k = this.stepAt(tS);
    const { nx, ny } = this.manifest.grid;
    const path = `${RECORD_FILES.frames}/${frameChunkPath(k)}`;
    const bytes = this.source.readFile(path);
    if (!bytes) throw recordError(this.source, `${path} is missing`, 'the record is damaged');
    return {
      tS: Math.min(k * this.manifest.controlStepS, this.manifest.endS),
      step: k,
      depthMm: decodeFrame(bytes, nx * ny, path),
    };
  }

  /** Events in a time window, of some types, in log order. */
  eventsIn(filter: EventFilter = {}): RunEvent[] {
    const from = filter.fromS ?? -Infinity;
    const to = filter.toS ?? Infinity;
    const types = filter.types;
    return this.events.filter(
      (e) =>
        e.timeS >= from &&
        e.timeS <= to &&
        (!types || types.some((t) => (t.endsWith('.') ? e.type.startsWith(t) : e.type === t))),
    );
  }

  /** Checkpoint times (s) the record holds, ascending. */
  checkpointTimes(): number[] {
    return this.source
      .list(RECORD_FILES.checkpoints)
      .map(checkpointTime)
      .filter((t) => Number.isFinite(t))
      .sort((a, b) => a - b);
  }

  /** The latest checkpoint at or before `tS`, with its bytes. */
  checkpointAtOrBefore(tS: number): { tS: number; bytes: Uint8Array } {
    const t = this.checkpointTimes()
      .filter((c) => c <= tS + 1e-9)
      .at(-1);
    const bytes = t === undefined ? null : this.source.readFile(checkpointPath(t));
    if (t === undefined || !bytes)
      throw recordError(this.source, `has no checkpoint at or before ${clock(tS)}`, 'fork at a later time');
    return { tS: t, bytes };
  }
}

/** "01:23:00" for 4980 s. */
export function clock(tS: number): string {
  const s = Math.round(tS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Lines of a log that end in a newline; a last line without one was cut off mid-write. */
function completeLines(source: RecordSource, path: string): { lines: string[]; torn: boolean } {
  const bytes = source.readFile(path);
  if (!bytes || bytes.length === 0) return { lines: [], torn: false };
  const text = strFromU8(bytes);
  const end = text.lastIndexOf('\n');
  const lines = end < 0 ? [] : text.slice(0, end).split('\n');
  return { lines: lines.filter((l) => l.length > 0), torn: end !== text.length - 1 };
}

function parseLine<T>(source: RecordSource, file: string, line: string, index: number): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw recordError(
      source,
      `${file} line ${index + 1} is not valid JSON`,
      'the record is damaged; run the scenario again',
    );
  }
}

function recordError(source: RecordSource, what: string, hint: string): SimulationError {
  return new SimulationError(what, { input: `record ${source.name}` }, hint, 'SIM_ERR_RECORD');
}
