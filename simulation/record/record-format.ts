// The run record's layout (rivertwin.record/1): file names, the manifest, and the storage interfaces the pure writer
// and reader work through (a folder on disk in Node; anything else that can write a file whole and append).
import type { ScenarioSpec } from '../scenario/scenario-spec.ts';

export const RECORD_SCHEMA = 'rivertwin.record/1';

/** File names inside a record folder. */
export const RECORD_FILES = {
  manifest: 'manifest.json',
  events: 'events.ndjson',
  views: 'views.ndjson',
  commands: 'commands.ndjson',
  frames: 'frames',
  checkpoints: 'checkpoints',
  kpis: 'kpis.json',
  cases: 'cases.csv',
  hotspots: 'hotspots.csv',
  /** An imported log's measured storm as a scenario for the automatic plan (optimal dispatch). */
  planScenario: 'plan-scenario.json',
  maxDepthTif: 'max-depth.tif',
  maxDepthAsc: 'max-depth.asc',
  maxDepthPrj: 'max-depth.prj',
} as const;

/** Where a truck waited before the storm, when the run pre-positioned the fleet. */
export interface StagedTruck {
  truckId: string;
  name: string;
  lonLat: [number, number];
  /** The nearest hotspots to the staging point, straight-line. */
  nearestHotspots: { id: string; name: string; distanceM: number }[];
}

/** The record's manifest: what ran, on what, and how far it got. */
export interface RecordManifest {
  schema: typeof RECORD_SCHEMA;
  runId: string;
  /** False until the run finished or was cancelled and every part was written. */
  complete: boolean;
  status: 'running' | 'finished' | 'cancelled';
  /** The scenario with every default filled in. */
  scenario: ScenarioSpec;
  district: {
    id: string;
    name: string;
    nameEn: string;
    /** The district folder as the run was given it (for forks), and the SHA-256 of district.json and its files. */
    path: string;
    /** SHA-256 of district.json and every file it names. */
    contentHash: string;
    origin: { lon: number; lat: number };
    /** The local frame as proj4 and WKT: what the x/y in the record mean. */
    proj4: string;
    crsWkt: string;
    terrain: string;
    modelledAssets: boolean;
    attribution: string;
  };
  grid: { nx: number; ny: number; cellM: number; x0: number; y0: number };
  codeVersion: string;
  seed: number;
  controlStepS: number;
  startS: number;
  endS: number;
  /** Simulated time the run reached (s); the planned end until it finishes. */
  reachedS: number;
  frames: { store: string; array: string; count: number; everyS: number; unit: 'mm'; nodata: number };
  checkpoints: { everyS: number };
  staging: StagedTruck[] | null;
  /** The run this one was forked from, and when. */
  parent: {
    runId: string;
    forkS: number;
    record: string;
    patch: Record<string, unknown>;
    /** New commands given at the fork, and whether the parent's later commands were kept. */
    commands: number;
    laterCommands: 'keep' | 'drop';
  } | null;
  /**
   * Where the record came from when it was not simulated from a scenario: an imported incident log (absent for a
   * run's record). Its events and views are the log's; depth frames only when the import also ran the flood engine
   * on the measured rain (`simulated`), else `frames.count` is 0.
   */
  source?: ImportedSource;
  /** The only wall-clock fields of a record: everything else is the same bytes on every run. */
  wallClock: { startedAt: string; finishedAt: string | null; seconds: number | null };
}

/** What an imported record says of the log it came from (README "Incident logs"). */
export interface ImportedSource {
  kind: 'imported';
  format: 'rivertwin.incidents/1';
  /** The wall-clock time of t = 0, ISO 8601 with the log's offset. */
  startAt: string;
  files: { name: string; sha256: string; rows: number }[];
  /** Rows imported, and how many of them are marked reconstructed. */
  rows: number;
  reconstructedRows: number;
  /** True when the flood engine ran on the measured rain (the record has depth frames). */
  simulated: boolean;
  /** Rows left out by --lenient, each with where and why. */
  skipped: { file: string; row: number; column: string; message: string }[];
  /** Work orders not matched to a hotspot or a road, and why. */
  unmatched: { file: string; row: number; orderId: string; reasons: string[] }[];
  /** The matching distances used (m). */
  matching: { hotspotM: number; roadM: number; sensorM: number };
}

/** Where a record is written: whole files atomically (temporary file and rename), logs by appending. */
export interface RecordSink {
  writeFile(path: string, bytes: Uint8Array | string): void;
  append(path: string, text: string): void;
}

/** Where a record is read from. */
export interface RecordSource {
  /** The file's bytes, or null when it does not exist. */
  readFile(path: string): Uint8Array | null;
  /** File names in a folder of the record (empty when none). */
  list(dir: string): string[];
  /** What to call the record in messages (its path). */
  readonly name: string;
}

/** The checkpoint file for simulated time `tS`. */
export function checkpointPath(tS: number): string {
  return `${RECORD_FILES.checkpoints}/t${String(Math.round(tS)).padStart(9, '0')}.ckpt`;
}

/** The time of a checkpoint file name, or NaN. */
export function checkpointTime(name: string): number {
  const m = /^t(\d{9})\.ckpt$/.exec(name);
  return m ? Number(m[1]) : NaN;
}
