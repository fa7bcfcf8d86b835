// A run read from a record file with no server: the zip GET /api/runs/:id/record gives (or any zip of a record
// folder), unpacked in memory and replayed by the same RecordReplay the server uses.
import { unzipSync } from 'fflate';
import { RECORD_FILES, type RecordSource } from '../../../simulation/record/record-format.ts';
import { RecordReplay } from '../../../simulation/record/replay.ts';
import { viewSeries, type ViewSeries } from '../../../simulation/record/view-series.ts';
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import { metaFrom, type RunMeta, type RunSource } from './run-source.ts';

/** A record's files from a zip, paths relative to the folder holding manifest.json (a leading `<run>/` dropped). */
export function zipRecordSource(zip: Uint8Array, name: string): RecordSource {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    throw new Error(`${name} is not a zip file (${(e as Error).message}); choose the .zip the app or the API gave`);
  }
  const manifestPath = Object.keys(files)
    .filter((p) => p === RECORD_FILES.manifest || p.endsWith(`/${RECORD_FILES.manifest}`))
    .sort((a, b) => a.length - b.length)[0];
  if (manifestPath === undefined)
    throw new Error(`${name} holds no ${RECORD_FILES.manifest}: it is not a run record (rivertwin run --out, zipped)`);
  const prefix = manifestPath.slice(0, manifestPath.length - RECORD_FILES.manifest.length);
  const byPath = new Map<string, Uint8Array>();
  for (const [p, bytes] of Object.entries(files))
    if (p.startsWith(prefix) && !p.endsWith('/')) byPath.set(p.slice(prefix.length), bytes);
  return {
    name,
    readFile: (path) => byPath.get(path) ?? null,
    list: (dir) => {
      const head = dir.endsWith('/') ? dir : `${dir}/`;
      return [...byPath.keys()]
        .filter((p) => p.startsWith(head) && !p.slice(head.length).includes('/'))
        .map((p) => p.slice(head.length))
        .sort();
    },
  };
}

export class FileRun implements RunSource {
  readonly kind = 'file' as const;
  readonly id: string;
  private readonly replay: RecordReplay;
  private seriesCache: ViewSeries | null = null;

  constructor(zip: Uint8Array, fileName: string) {
    this.replay = RecordReplay.open(zipRecordSource(zip, fileName));
    this.id = this.replay.manifest.runId;
  }

  async meta(): Promise<RunMeta> {
    const r = this.replay;
    return metaFrom(this.id, r.manifest.status, r.manifest, {
      lastS: Number.isFinite(r.lastS) ? r.lastS : null,
      steps: r.frameCount,
      stops: r.stops,
    });
  }

  async view(step: number): Promise<RunView> {
    return this.replay.stateAt(this.timeOf(step));
  }

  async frame(step: number): Promise<Uint16Array> {
    return this.replay.frameAt(this.timeOf(step)).depthMm;
  }

  async events(): Promise<RunEvent[]> {
    return this.replay.events;
  }

  async series(): Promise<ViewSeries> {
    this.seriesCache ??= viewSeries(this.replay);
    return this.seriesCache;
  }

  private timeOf(step: number): number {
    const m = this.replay.manifest;
    return Math.min(step * m.controlStepS, m.endS);
  }
}
