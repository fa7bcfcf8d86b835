// Writes a run as it goes: the manifest (complete: false until the end), the event log and the view of each control
// step appended and flushed, a depth frame per control step in the Zarr store, checkpoints every N simulated minutes,
// and at the end the KPIs, per-case and per-hotspot tables and the maximum depth. Pure: all I/O through a RecordSink.
import { strToU8 } from 'fflate';
import { formatEsriAscii } from '../../twin/io/esri-ascii.ts';
import { encodeGeoTiff } from '../../twin/io/geotiff-write.ts';
import type { District } from '../../twin/district/district.ts';
import type { Hotspot } from '../../twin/types.ts';
import type { ScenarioRun } from '../scenario/scenario-run.ts';
import { scenarioResult, type HotspotPeak, type ScenarioResult } from '../scenario/run-scenario.ts';
import { csvTable } from './csv-table.ts';
import {
  checkpointPath,
  RECORD_FILES,
  RECORD_SCHEMA,
  type RecordManifest,
  type RecordSink,
  type StagedTruck,
} from './record-format.ts';
import { encodeFrame, FRAME_NODATA, frameChunkPath, zarrStoreFiles } from './zarr-frames.ts';

/** What the writer needs besides the run: identity, provenance and the wall clock (the only impure input). */
export interface RecordContext {
  runId: string;
  /** The district folder as given. */
  districtPath: string;
  contentHash: string;
  codeVersion: string;
  /** Checkpoint interval (s of simulated time). */
  checkpointEveryS: number;
  /** WKT and proj4 of the district's local frame. */
  crsWkt: string;
  proj4: string;
  parent: RecordManifest['parent'];
  /** Wall-clock time as an ISO string. */
  now(): string;
  /** Wall-clock seconds since the run started. */
  elapsedS(): number;
}

/** Writes one record. Call `begin` once, `afterStep` after every control step, then `finish`. */
export class RecordWriter {
  private manifest: RecordManifest;
  private eventsSeq = 0;
  private commandsWritten = 0;
  private readonly scratch: Uint16Array;

  constructor(
    private readonly sink: RecordSink,
    private run: ScenarioRun,
    private readonly ctx: RecordContext,
  ) {
    const { district, grid } = run.twin;
    this.scratch = new Uint16Array(grid.nx * grid.ny);
    const spec = run.spec;
    this.manifest = {
      schema: RECORD_SCHEMA,
      runId: ctx.runId,
      complete: false,
      status: 'running',
      scenario: spec,
      district: recordDistrict(district, ctx),
      grid: { nx: grid.nx, ny: grid.ny, cellM: grid.cellM, x0: grid.x0, y0: grid.y0 },
      codeVersion: ctx.codeVersion,
      seed: spec.seed,
      controlStepS: spec.controlStepS,
      startS: 0,
      endS: spec.durationS,
      reachedS: spec.durationS,
      frames: {
        store: RECORD_FILES.frames,
        array: 'depth',
        count: run.steps + 1,
        everyS: spec.controlStepS,
        unit: 'mm',
        nodata: FRAME_NODATA,
      },
      checkpoints: { everyS: ctx.checkpointEveryS },
      staging: stagedTrucks(run),
      parent: ctx.parent,
      wallClock: { startedAt: ctx.now(), finishedAt: null, seconds: null },
    };
  }

  /**
   * Writes the manifest and the frame store's metadata; for a run at step 0 also its first frame, view, events and
   * checkpoint. A fork whose prefix was copied from its parent starts writing after `fromSeq`.
   */
  begin(fromSeq = 0): void {
    this.eventsSeq = fromSeq;
    // A fork's commands up to its checkpoint were copied with the parent's prefix.
    this.commandsWritten = fromSeq === 0 ? 0 : this.run.issued.length;
    this.writeManifest();
    const { grid } = this.run.twin;
    const times = Array.from({ length: this.run.steps + 1 }, (_, k) =>
      Math.min(k * this.run.spec.controlStepS, this.run.spec.durationS),
    );
    const files = zarrStoreFiles({ ...grid, crsWkt: this.ctx.crsWkt, proj4: this.ctx.proj4 }, times);
    for (const [path, bytes] of files) this.sink.writeFile(`${RECORD_FILES.frames}/${path}`, bytes);
    if (fromSeq === 0) {
      this.sink.writeFile(RECORD_FILES.events, '');
      this.sink.writeFile(RECORD_FILES.views, '');
      this.sink.writeFile(RECORD_FILES.commands, '');
      this.afterStep();
    }
  }

  /** Follows another run object from now on (a fork swaps in its patched run at the fork time). */
  follow(run: ScenarioRun): void {
    this.run = run;
    this.commandsWritten = run.issued.length;
    this.manifest.scenario = run.spec;
    this.writeManifest();
  }

  /** Appends what the last control step produced: commands, events, the frame, the view, a checkpoint when due. */
  afterStep(): void {
    const run = this.run;
    this.flushCommands();
    const events = run.eventsSince(this.eventsSeq);
    if (events.length) {
      this.sink.append(RECORD_FILES.events, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      this.eventsSeq = events[events.length - 1].seq;
    }
    const frame = encodeFrame(run.parts.engine.depthM(), this.scratch);
    this.sink.writeFile(`${RECORD_FILES.frames}/${frameChunkPath(run.step)}`, frame);
    this.sink.append(RECORD_FILES.views, JSON.stringify(run.view()) + '\n');
    const every = this.ctx.checkpointEveryS;
    const t = run.tS;
    if (every > 0 && Math.abs(t / every - Math.round(t / every)) < 1e-9 && !run.finished)
      this.sink.writeFile(checkpointPath(t), run.snapshot());
  }

  /** Appends operator commands issued since the last call (call after each command for durability). */
  flushCommands(): void {
    const issued = this.run.issued;
    if (this.commandsWritten >= issued.length) return;
    const lines = issued.slice(this.commandsWritten).map((c) => JSON.stringify(c));
    this.sink.append(RECORD_FILES.commands, lines.join('\n') + '\n');
    this.commandsWritten = issued.length;
  }

  /** Writes the results and marks the record complete; returns the result. */
  finish(): ScenarioResult {
    const run = this.run;
    const rest = run.eventsSince(this.eventsSeq);
    if (rest.length) {
      this.sink.append(RECORD_FILES.events, rest.map((e) => JSON.stringify(e)).join('\n') + '\n');
      this.eventsSeq = rest[rest.length - 1].seq;
    }
    const result = scenarioResult(run, []);
    const { grid, district } = run.twin;
    const lonLat = (x: number, y: number) => run.lonLat(x, y);
    const { fleet } = run.parts;
    this.sink.writeFile(
      RECORD_FILES.kpis,
      JSON.stringify(
        {
          kpis: result.kpis,
          ledger: result.ledger,
          stats: result.stats,
          floodedAreaM2: result.floodedAreaM2,
          peakStageM: result.peakStageM,
          hotspotPeaks: result.hotspotPeaks,
          warnings: result.warnings,
        },
        (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
        1,
      ) + '\n',
    );
    const caseRows = result.kpis.cases.map((row, i) => {
      const c = fleet.cases[i];
      const [lon, lat] = lonLat(c.site.xy[0], c.site.xy[1]);
      return { ...row, lon, lat };
    });
    this.sink.writeFile(RECORD_FILES.cases, csvTable(caseRows));
    writeHotspotTable(this.sink, district.hotspots, result.hotspotPeaks, lonLat);
    writeMaxDepth(this.sink, grid, district.frame, result.maxDepthM, this.ctx.crsWkt);
    this.manifest.complete = true;
    this.manifest.status = run.finished && run.tS < run.spec.durationS ? 'cancelled' : 'finished';
    this.manifest.reachedS = run.tS;
    this.manifest.wallClock.finishedAt = this.ctx.now();
    this.manifest.wallClock.seconds = Math.round(this.ctx.elapsedS() * 10) / 10;
    this.writeManifest();
    return { ...result, events: [] };
  }

  private writeManifest(): void {
    this.sink.writeFile(RECORD_FILES.manifest, strToU8(JSON.stringify(this.manifest, null, 1) + '\n'));
  }
}

/** The manifest's `district` part: what the record ran on and where its coordinates are. */
export function recordDistrict(
  district: District,
  ctx: Pick<RecordContext, 'districtPath' | 'contentHash' | 'proj4' | 'crsWkt'>,
): RecordManifest['district'] {
  return {
    id: district.manifest.id,
    name: district.manifest.name,
    nameEn: district.manifest.nameEn ?? district.manifest.id,
    path: ctx.districtPath,
    contentHash: ctx.contentHash,
    origin: { lon: district.frame.originLon, lat: district.frame.originLat },
    proj4: ctx.proj4,
    crsWkt: ctx.crsWkt,
    terrain: district.terrain.provenance,
    modelledAssets: district.sensors.some((s) => s.modelled) || district.fleet.some((t) => t.modelled),
    attribution: district.manifest.attribution ?? '',
  };
}

/** Writes the maximum depth (m) as ESRI ASCII (+ .prj) and a GeoTIFF in the district's local frame. */
export function writeMaxDepth(
  sink: RecordSink,
  grid: { nx: number; ny: number; cellM: number; x0: number; y0: number },
  frame: District['frame'],
  maxDepthM: ArrayLike<number>,
  crsWkt: string,
): void {
  const values = Float32Array.from(maxDepthM);
  const spec = { nx: grid.nx, ny: grid.ny, cellM: grid.cellM, x0: grid.x0, y0: grid.y0 };
  sink.writeFile(RECORD_FILES.maxDepthAsc, formatEsriAscii({ ...spec, values }));
  if (crsWkt) sink.writeFile(RECORD_FILES.maxDepthPrj, crsWkt + '\n');
  sink.writeFile(RECORD_FILES.maxDepthTif, encodeGeoTiff({ ...spec, values }, frame, { compression: 'deflate' }));
}

/** Where each staged truck waits, with its three nearest hotspots (null when the run did not pre-position). */
export function stagedTrucks(run: ScenarioRun): StagedTruck[] | null {
  if (!run.staging) return null;
  const { district } = run.twin;
  return Object.entries(run.staging.staging)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([truckId, xy]) => ({
      truckId,
      name: district.fleet.find((t) => t.id === truckId)?.name ?? truckId,
      lonLat: run.lonLat(xy[0], xy[1]),
      nearestHotspots: district.hotspots
        .map((h) => ({ id: h.id, name: h.name, distanceM: Math.round(Math.hypot(h.xy[0] - xy[0], h.xy[1] - xy[1])) }))
        .sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id))
        .slice(0, 3),
    }));
}

/** `hotspots.csv`: each hotspot with its lon/lat, peak depth and first wet time (a run's or an imported log's run). */
export function writeHotspotTable(
  sink: RecordSink,
  hotspots: readonly Hotspot[],
  peaks: readonly HotspotPeak[],
  lonLat: (x: number, y: number) => [number, number],
): void {
  sink.writeFile(
    RECORD_FILES.hotspots,
    csvTable(
      hotspots.map((h, k) => {
        const [lon, lat] = lonLat(h.xy[0], h.xy[1]);
        const p = peaks[k];
        return {
          id: h.id,
          name: h.name,
          kind: h.kind,
          lon,
          lat,
          peak_depth_m: p.peakDepthM,
          first_wet_s: p.firstWetS,
        };
      }),
    ),
  );
}
