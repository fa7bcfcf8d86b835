// The results a finished record holds (kpis.json and the maximum-depth grid), read back as typed values for reports
// and comparisons. Pure: bytes come through the RecordSource; a record without results is refused by name.
import { strFromU8 } from 'fflate';
import { parseEsriAscii } from '../../twin/io/esri-ascii.ts';
import type { Raster } from '../../twin/types.ts';
import { SimulationError } from '../errors.ts';
import type { FleetKpis } from '../fleet/index.ts';
import type { MassLedger } from '../hydro/index.ts';
import { RECORD_FILES, type RecordSource } from './record-format.ts';
import type { RecordReplay } from './replay.ts';

/** A hotspot's peak as the record keeps it: `firstWetS` is null when the water never reached it. */
export interface RecordedHotspotPeak {
  id: string;
  name: string;
  kind: string;
  peakDepthM: number;
  firstWetS: number | null;
}

/** What a finished run wrote at its end. */
export interface RecordResults {
  kpis: FleetKpis;
  /** Water balance of the whole run (m³). */
  ledger: MassLedger;
  /** Land area (m²) deeper than the district's road-water alarm depth at its maximum. */
  floodedAreaM2: number;
  /** Peak river stage (m, the district datum). */
  peakStageM: number;
  hotspotPeaks: RecordedHotspotPeak[];
  warnings: string[];
  /** Maximum depth over the run (m), row 0 north, on the record's grid. */
  maxDepth: Raster;
}

/**
 * Reads kpis.json and max-depth.asc of a complete record.
 * @throws SimulationError naming the record when it is incomplete or the files are missing or damaged
 */
export function readRecordResults(replay: RecordReplay, source: RecordSource): RecordResults {
  const where = { input: `record ${source.name}` };
  const kpiBytes = source.readFile(RECORD_FILES.kpis);
  const asc = source.readFile(RECORD_FILES.maxDepthAsc);
  if (!replay.complete || !kpiBytes || !asc)
    throw new SimulationError(
      `has no results yet (${RECORD_FILES.kpis} and ${RECORD_FILES.maxDepthAsc} are written when a run ends)`,
      where,
      replay.stops || 'give the folder of a finished run',
    );
  let parsed: Omit<RecordResults, 'maxDepth'>;
  try {
    parsed = JSON.parse(strFromU8(kpiBytes)) as Omit<RecordResults, 'maxDepth'>;
  } catch {
    throw new SimulationError(`${RECORD_FILES.kpis} is not valid JSON`, where, 'the record is damaged; run it again');
  }
  if (!parsed?.kpis || !parsed.ledger || !Array.isArray(parsed.hotspotPeaks))
    throw new SimulationError(
      `${RECORD_FILES.kpis} lacks kpis, ledger or hotspotPeaks`,
      where,
      'the record is damaged; run it again',
    );
  const maxDepth = parseEsriAscii(strFromU8(asc), `${source.name}/${RECORD_FILES.maxDepthAsc}`);
  const g = replay.manifest.grid;
  if (maxDepth.nx !== g.nx || maxDepth.ny !== g.ny)
    throw new SimulationError(
      `${RECORD_FILES.maxDepthAsc} is ${maxDepth.nx} × ${maxDepth.ny} cells but the manifest's grid is ${g.nx} × ${g.ny}`,
      where,
      'the record is damaged; run it again',
    );
  return {
    kpis: parsed.kpis,
    ledger: parsed.ledger,
    floodedAreaM2: parsed.floodedAreaM2,
    peakStageM: parsed.peakStageM,
    hotspotPeaks: parsed.hotspotPeaks,
    warnings: parsed.warnings ?? [],
    maxDepth,
  };
}
