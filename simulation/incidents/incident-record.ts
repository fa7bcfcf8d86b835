// Writes an imported incident log as a run record (rivertwin.record/1, README "Run records"): the log's events, a view
// per control step, the real response's KPIs and per-case table, and — with a flood run on the measured rain — a depth
// frame per control step, the water in the views, the maximum depth and hotspot peaks. Pure: all I/O through a sink.
import { strToU8 } from 'fflate';
import { csvTable } from '../record/csv-table.ts';
import {
  RECORD_FILES,
  RECORD_SCHEMA,
  type ImportedSource,
  type RecordManifest,
  type RecordSink,
} from '../record/record-format.ts';
import { recordDistrict, writeHotspotTable, writeMaxDepth, type RecordContext } from '../record/record-writer.ts';
import { encodeFrame, FRAME_NODATA, frameChunkPath, zarrStoreFiles } from '../record/zarr-frames.ts';
import { scenarioResult } from '../scenario/run-scenario.ts';
import type { RunEvent } from '../scenario/run-events.ts';
import type { RunView } from '../scenario/run-view.ts';
import type { ScenarioRun } from '../scenario/scenario-run.ts';
import type { ScenarioSpec } from '../scenario/scenario-spec.ts';
import type { District } from '../../twin/district/district.ts';
import { incidentKpis } from './incident-kpis.ts';
import type { IncidentLog } from './incident-log.ts';
import { incidentView, type ViewContext } from './incident-view.ts';

/** What an imported record is written from. */
export interface IncidentRecordInput {
  log: IncidentLog;
  events: RunEvent[];
  district: District;
  /** The scenario the record says it is: the measured storm (manual dispatch when simulated). */
  spec: ScenarioSpec;
  view: ViewContext;
  source: Omit<ImportedSource, 'kind' | 'format' | 'startAt' | 'rows' | 'reconstructedRows' | 'simulated'>;
  /** A flood run of the measured storm, started and not yet advanced, with the log's control step and duration. */
  sim?: ScenarioRun;
  /** The measured storm with the automatic policy, written as plan-scenario.json for the plan's run. */
  planScenario?: Record<string, unknown>;
  /** Called after each control step (progress). */
  onStep?: (tS: number) => void;
}

/** Writes the record; returns the final KPIs' scalar fields. */
export function writeIncidentRecord(sink: RecordSink, input: IncidentRecordInput, ctx: RecordContext): RunView['kpis'] {
  const { log, sim, view: vctx } = input;
  const steps = Math.ceil(log.durationS / vctx.controlStepS - 1e-9);
  const grid = sim?.twin.grid;
  const manifest: RecordManifest = {
    schema: RECORD_SCHEMA,
    runId: ctx.runId,
    complete: false,
    status: 'running',
    scenario: input.spec,
    district: recordDistrict(input.district, ctx),
    grid: grid
      ? { nx: grid.nx, ny: grid.ny, cellM: grid.cellM, x0: grid.x0, y0: grid.y0 }
      : { nx: 0, ny: 0, cellM: 0, x0: 0, y0: 0 },
    codeVersion: ctx.codeVersion,
    seed: input.spec.seed,
    controlStepS: vctx.controlStepS,
    startS: 0,
    endS: log.durationS,
    reachedS: log.durationS,
    frames: {
      store: RECORD_FILES.frames,
      array: 'depth',
      count: sim ? steps + 1 : 0,
      everyS: vctx.controlStepS,
      unit: 'mm',
      nodata: FRAME_NODATA,
    },
    checkpoints: { everyS: 0 },
    staging: null,
    parent: null,
    source: {
      kind: 'imported',
      format: 'rivertwin.incidents/1',
      startAt: log.startAt,
      ...input.source,
      rows: log.rowCount,
      reconstructedRows: log.reconstructedRows,
      simulated: !!sim,
    },
    wallClock: { startedAt: ctx.now(), finishedAt: null, seconds: null },
  };
  const writeManifest = () => sink.writeFile(RECORD_FILES.manifest, strToU8(JSON.stringify(manifest, null, 1) + '\n'));
  writeManifest();
  sink.writeFile(RECORD_FILES.events, input.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  sink.writeFile(RECORD_FILES.commands, '');
  sink.writeFile(RECORD_FILES.views, '');
  // 1. A view per control step; with a flood run, its frame and its water beside the log's state.
  const scratch = grid ? new Uint16Array(grid.nx * grid.ny) : undefined;
  if (sim && grid) {
    const times = Array.from({ length: steps + 1 }, (_, k) => Math.min(k * vctx.controlStepS, log.durationS));
    const files = zarrStoreFiles({ ...grid, crsWkt: ctx.crsWkt, proj4: ctx.proj4 }, times);
    for (const [path, bytes] of files) sink.writeFile(`${RECORD_FILES.frames}/${path}`, bytes);
  }
  for (let k = 0; k <= steps; k++) {
    const tS = Math.min(k * vctx.controlStepS, log.durationS);
    if (sim && k > 0) sim.advance();
    let v = incidentView(log, tS, k, vctx);
    if (sim && scratch) {
      sink.writeFile(`${RECORD_FILES.frames}/${frameChunkPath(k)}`, encodeFrame(sim.parts.engine.depthM(), scratch));
      const w = sim.view();
      // The engine's water, but not its trucks: it ran no fleet, and what the real trucks pumped is not in the log.
      const river = v.river.stageM === null ? w.river : { ...w.river, stageM: v.river.stageM, level: v.river.level };
      const water = { ...w.water, pumpedM3: null as unknown as number };
      v = { ...v, rain: w.rain, river, pumps: w.pumps, water };
    }
    sink.append(RECORD_FILES.views, JSON.stringify(v) + '\n');
    input.onStep?.(tS);
  }
  // 2. The real response's KPIs and cases; with a flood run, its water balance, peaks and maximum depth.
  const kpis = incidentKpis(log, log.durationS);
  const result = sim ? scenarioResult(sim, []) : undefined;
  const nonFinite = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  sink.writeFile(
    RECORD_FILES.kpis,
    JSON.stringify(
      {
        kpis,
        ledger: result?.ledger ?? null,
        stats: result?.stats ?? null,
        floodedAreaM2: result?.floodedAreaM2 ?? null,
        peakStageM: result?.peakStageM ?? null,
        hotspotPeaks: result?.hotspotPeaks ?? null,
        warnings: [
          ...log.unmatched.map((u) => `${u.file} row ${u.row}: order ${u.orderId} unmatched: ${u.reasons.join('; ')}`),
          ...input.source.skipped.map((p) => `${p.file} row ${p.row}, column ${p.column}: skipped: ${p.message}`),
          ...(result?.warnings ?? []),
        ],
      },
      nonFinite,
      1,
    ) + '\n',
  );
  sink.writeFile(
    RECORD_FILES.cases,
    csvTable(
      kpis.cases.map((row, i) => {
        const c = log.cases.filter((x) => x.openedS <= log.durationS)[i];
        const [lon, lat] = vctx.lonLat(c.order.xy[0], c.order.xy[1]);
        return {
          ...row,
          closedS: c.closedS,
          lon,
          lat,
          channel: c.order.channel,
          hotspot_id: c.match.hotspot?.id ?? '',
          road: c.match.road?.name ?? '',
          segment_id: c.match.road?.segmentId ?? '',
          truck: c.order.truck,
          reconstructed: c.order.reconstructed,
          log_row: `${c.order.file}:${c.order.row}`,
        };
      }),
    ),
  );
  if (sim && result) {
    const { district } = sim.twin;
    writeHotspotTable(sink, district.hotspots, result.hotspotPeaks, vctx.lonLat);
    writeMaxDepth(sink, sim.twin.grid, district.frame, result.maxDepthM, ctx.crsWkt);
  }
  if (input.planScenario) sink.writeFile(RECORD_FILES.planScenario, JSON.stringify(input.planScenario, null, 1) + '\n');
  manifest.complete = true;
  manifest.status = 'finished';
  manifest.wallClock.finishedAt = ctx.now();
  manifest.wallClock.seconds = Math.round(ctx.elapsedS() * 10) / 10;
  writeManifest();
  const out: RunView['kpis'] = {};
  for (const [k, v] of Object.entries(kpis)) if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
  return out;
}
