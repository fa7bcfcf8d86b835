// Aggregates an ensemble's member records into its outputs: ensemble.json (members, hotspot and fleet distributions,
// fleet-size curves) and the per-cell maps as georeferenced GeoTIFFs (twin/io/geotiff-write.ts, the district's local
// transverse Mercator), read only from the records, so any queue that produced the same records gives the same bytes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cellStats,
  ensembleMaps,
  ensembleResult,
  type EnsembleResult,
  type MemberOutcome,
} from '../../simulation/ensemble/index.ts';
import { RECORD_FILES, type RecordManifest } from '../../simulation/record/record-format.ts';
import { encodeGeoTiff } from '../../twin/io/geotiff-write.ts';
import { parseGeoTiff } from '../../twin/io/geotiff.ts';
import { buildTwin } from '../../twin/district/build-twin.ts';
import { buildEnsembleReportHtml, type EnsembleReportInput } from '../report/ensemble/index.ts';
import type { LoadedEnsemble } from './load-ensemble.ts';
import type { MemberState } from './ensemble-runner.ts';

/** Where member `id`'s record goes, relative to the output folder. */
export const memberRecordPath = (id: string): string => `members/${id}`;

/** The file names an ensemble writes (relative to its folder). */
export const ENSEMBLE_RESULT_FILE = 'ensemble.json';

/** The ensemble report in a language (relative to the ensemble's folder). */
export const ensembleReportFile = (lang: 'zh' | 'en'): string => `report.${lang}.html`;

/**
 * Reads the records of the completed members and writes ensemble.json and the maps into `outDir`.
 * @returns the result and the files written (relative to outDir)
 */
export async function writeEnsembleOutputs(
  loaded: LoadedEnsemble,
  states: readonly MemberState[],
  outDir: string,
): Promise<{ result: EnsembleResult; files: string[] }> {
  mkdirSync(outDir, { recursive: true });
  // Folders a killed worker left half written.
  const membersDir = join(outDir, 'members');
  if (existsSync(membersDir))
    for (const f of readdirSync(membersDir))
      if (f.includes('.part-')) rmSync(join(membersDir, f), { recursive: true, force: true });
  const outcomes: MemberOutcome[] = [];
  const depths: Float32Array[] = [];
  let grid: EnsembleResult['grid'] = null;
  let first: RecordManifest | null = null;
  for (const [i, m] of loaded.members.entries()) {
    const s = states[i];
    const base = { id: m.id, values: m.values, scenario: m.scenario.name };
    if (s.status !== 'completed') {
      outcomes.push({
        ...base,
        status: 'failed',
        error: s.status === 'cancelled' ? 'cancelled' : (s.error ?? s.status),
      });
      continue;
    }
    const dir = join(outDir, memberRecordPath(m.id));
    const manifest = JSON.parse(readFileSync(join(dir, RECORD_FILES.manifest), 'utf8')) as RecordManifest;
    const { nx, ny, cellM, x0, y0 } = manifest.grid;
    grid ??= { nx, ny, cellM, x0, y0 };
    first ??= manifest;
    const k = JSON.parse(readFileSync(join(dir, RECORD_FILES.kpis), 'utf8')) as {
      kpis: Record<string, unknown>;
      hotspotPeaks: NonNullable<MemberOutcome['hotspots']>;
    };
    const kpis: Record<string, number | null> = {};
    for (const [key, v] of Object.entries(k.kpis)) if (typeof v === 'number' || v === null) kpis[key] = v;
    const tif = await parseGeoTiff(new Uint8Array(readFileSync(join(dir, RECORD_FILES.maxDepthTif))), dir);
    depths.push(Float32Array.from(tif.raster.values));
    outcomes.push({ ...base, status: 'completed', kpis, hotspots: k.hotspotPeaks });
  }
  const result = ensembleResult(
    loaded.spec,
    { id: loaded.district.manifest.id, contentHash: loaded.contentHash },
    grid,
    outcomes,
    memberRecordPath,
  );
  const files: string[] = [];
  let mapValues: Float32Array[] = [];
  if (grid && depths.length) {
    const { depthThresholdsM, quantiles } = loaded.spec.aggregate;
    const stats = cellStats(depths, depthThresholdsM, quantiles);
    const maps = ensembleMaps(loaded.spec);
    mapValues = [...stats.exceedance, ...stats.depthQuantiles];
    mapValues.forEach((values, i) => {
      writeFileSync(
        join(outDir, maps[i].file),
        encodeGeoTiff({ ...grid!, values }, loaded.district.frame, { compression: 'deflate' }),
      );
      files.push(maps[i].file);
    });
  }
  writeFileSync(join(outDir, ENSEMBLE_RESULT_FILE), JSON.stringify(result, null, 1) + '\n');
  files.unshift(ENSEMBLE_RESULT_FILE);
  const input: EnsembleReportInput = {
    result,
    spec: loaded.spec,
    maps: mapValues,
    twin: buildTwin(loaded.district, { cellM: grid?.cellM ?? loaded.district.manifest.grid.cellM }),
    district: first
      ? first.district
      : {
          name: loaded.district.manifest.name,
          nameEn: loaded.district.manifest.nameEn ?? loaded.district.manifest.name,
          terrain: '',
          modelledAssets: true,
          attribution: loaded.district.manifest.attribution ?? '',
        },
    codeVersion: first?.codeVersion ?? '',
  };
  for (const lang of ['zh', 'en'] as const) {
    writeFileSync(join(outDir, ensembleReportFile(lang)), buildEnsembleReportHtml(lang, input));
    files.push(ensembleReportFile(lang));
  }
  return { result, files };
}
