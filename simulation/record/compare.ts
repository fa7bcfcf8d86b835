// Two finished records of the same district and grid side by side: the KPIs with their differences, each hotspot's
// peak depth and first-wet time, and the difference of maximum depth cell by cell. Differences are B − A: A is the
// reference (baseline, a fork's parent), B the run being judged. Pure: reads only what readRecordResults gives.
import { SimulationError } from '../errors.ts';
import type { RecordManifest } from './record-format.ts';
import type { RecordResults } from './record-results.ts';

/** A depth difference smaller than this (m) is noise, not a change: it is neither wetter nor drier. */
export const DEPTH_DIFFERENCE_NOISE_M = 0.02;

/** One compared KPI: name, unit, whether lower is better (null: neither, e.g. cases dispatched), decimals kept. */
export interface KpiDescriptor {
  name: string;
  unit: string;
  lowerIsBetter: boolean | null;
  digits: number;
}

/**
 * The KPIs compared, in the order shown. Directions follow the README's definitions: every one is defined so that it
 * cannot read better when the response is worse; means over served cases only are left out for that reason.
 */
export const COMPARED_KPIS: readonly KpiDescriptor[] = [
  { name: 'casesOpened', unit: 'cases', lowerIsBetter: true, digits: 0 },
  { name: 'casesDispatched', unit: 'cases', lowerIsBetter: null, digits: 0 },
  { name: 'casesServed', unit: 'cases', lowerIsBetter: false, digits: 0 },
  { name: 'casesUnserved', unit: 'cases', lowerIsBetter: true, digits: 0 },
  { name: 'casesCleared', unit: 'cases', lowerIsBetter: false, digits: 0 },
  { name: 'casesOpenAtEnd', unit: 'cases', lowerIsBetter: true, digits: 0 },
  { name: 'escalated', unit: 'cases', lowerIsBetter: true, digits: 0 },
  { name: 'meanToDispatchS', unit: 's', lowerIsBetter: true, digits: 0 },
  { name: 'meanToArriveS', unit: 's', lowerIsBetter: true, digits: 0 },
  { name: 'medianToArriveS', unit: 's', lowerIsBetter: true, digits: 0 },
  { name: 'meanToClearS', unit: 's', lowerIsBetter: true, digits: 0 },
  { name: 'caseHoursWaiting', unit: 'h', lowerIsBetter: true, digits: 2 },
  { name: 'hotspotWaterHours', unit: 'h', lowerIsBetter: true, digits: 2 },
  { name: 'pumpedM3', unit: 'm³', lowerIsBetter: null, digits: 0 },
  { name: 'roadKmHoursClosed', unit: 'km·h', lowerIsBetter: true, digits: 2 },
  { name: 'meanReachableShare', unit: 'share', lowerIsBetter: false, digits: 3 },
  { name: 'floodedAreaM2', unit: 'm²', lowerIsBetter: true, digits: 0 },
  { name: 'peakStageM', unit: 'm', lowerIsBetter: null, digits: 2 },
];

/** One KPI of both records; `difference` is B − A; `better` says which is better, null when neither can be. */
export interface KpiComparison extends KpiDescriptor {
  a: number | null;
  b: number | null;
  difference: number | null;
  better: 'a' | 'b' | 'same' | null;
}

/** One hotspot in both records (null on a side that does not have it, or where the water never reached it). */
export interface HotspotComparison {
  id: string;
  name: string;
  peakA: number | null;
  peakB: number | null;
  /** B − A (m). */
  peakDifferenceM: number | null;
  firstWetA: number | null;
  firstWetB: number | null;
  /** B − A (s): negative when the water came earlier in B. */
  firstWetDifferenceS: number | null;
}

/** The difference of maximum depth, B − A, on the shared grid (row 0 north). */
export interface DepthDifference {
  nx: number;
  ny: number;
  cellM: number;
  x0: number;
  y0: number;
  differenceM: Float32Array;
  /** Cells deeper in B / shallower in B by more than the noise, and their areas (m²). */
  wetterCells: number;
  drierCells: number;
  wetterAreaM2: number;
  drierAreaM2: number;
  /** The largest rise and fall (m, the fall as a negative number; 0 when none). */
  maxRiseM: number;
  maxFallM: number;
}

/** A comparison of two records. */
export interface RecordComparison {
  a: { runId: string; scenario: string; name: string };
  b: { runId: string; scenario: string; name: string };
  district: string;
  kpis: KpiComparison[];
  hotspots: HotspotComparison[];
  maxDepth: DepthDifference;
  /** Things worth knowing that do not stop the comparison (e.g. the district's data changed between the runs). */
  warnings: string[];
}

/** One side of a comparison: the record's manifest, what it ended with, and what to call it. */
export interface ComparedRecord {
  manifest: RecordManifest;
  results: RecordResults;
  name: string;
}

/**
 * Compares B against A.
 * @throws SimulationError when the records are of different districts or grids
 */
export function compareRecords(a: ComparedRecord, b: ComparedRecord): RecordComparison {
  const da = a.manifest.district;
  const db = b.manifest.district;
  const where = { input: `records ${a.name} and ${b.name}` };
  if (da.id !== db.id)
    throw new SimulationError(
      `they are of different districts (${da.id} and ${db.id})`,
      where,
      'compare two runs of the same district',
    );
  const ga = a.manifest.grid;
  const gb = b.manifest.grid;
  const grid = (g: typeof ga) => `${g.nx} × ${g.ny} cells of ${g.cellM} m from (${g.x0}, ${g.y0})`;
  if (ga.nx !== gb.nx || ga.ny !== gb.ny || ga.cellM !== gb.cellM || ga.x0 !== gb.x0 || ga.y0 !== gb.y0)
    throw new SimulationError(
      `their grids differ (${grid(ga)}; ${grid(gb)})`,
      where,
      'compare runs made at the same cell size (run both with the same --cell)',
    );
  const warnings: string[] = [];
  if (da.contentHash !== db.contentHash)
    warnings.push(`the district's data changed between the runs (content hashes differ): ${da.id}`);
  const side = (r: ComparedRecord) => ({ runId: r.manifest.runId, scenario: r.manifest.scenario.name, name: r.name });
  return {
    a: side(a),
    b: side(b),
    district: da.id,
    kpis: COMPARED_KPIS.map((d) => kpiComparison(d, kpiValue(a.results, d.name), kpiValue(b.results, d.name))),
    hotspots: hotspotComparisons(a.results, b.results),
    maxDepth: depthDifference(a.results, b.results),
    warnings,
  };
}

function kpiValue(r: RecordResults, name: string): number | null {
  const v =
    name === 'floodedAreaM2' || name === 'peakStageM' ? r[name] : (r.kpis as unknown as Record<string, unknown>)[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const roundTo = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

function kpiComparison(d: KpiDescriptor, rawA: number | null, rawB: number | null): KpiComparison {
  const a = rawA === null ? null : roundTo(rawA, d.digits);
  const b = rawB === null ? null : roundTo(rawB, d.digits);
  const difference = a !== null && b !== null ? roundTo(b - a, d.digits) : null;
  let better: KpiComparison['better'] = null;
  if (difference !== null && d.lowerIsBetter !== null)
    better = difference === 0 ? 'same' : difference < 0 === d.lowerIsBetter ? 'b' : 'a';
  return { ...d, a, b, difference, better };
}

function hotspotComparisons(a: RecordResults, b: RecordResults): HotspotComparison[] {
  const byId = new Map(b.hotspotPeaks.map((h) => [h.id, h]));
  const ids = [...new Set([...a.hotspotPeaks.map((h) => h.id), ...b.hotspotPeaks.map((h) => h.id)])];
  const inA = new Map(a.hotspotPeaks.map((h) => [h.id, h]));
  const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return ids.map((id) => {
    const ha = inA.get(id);
    const hb = byId.get(id);
    const peakA = num(ha?.peakDepthM);
    const peakB = num(hb?.peakDepthM);
    const firstWetA = num(ha?.firstWetS);
    const firstWetB = num(hb?.firstWetS);
    return {
      id,
      name: ha?.name ?? hb?.name ?? id,
      peakA,
      peakB,
      peakDifferenceM: peakA !== null && peakB !== null ? roundTo(peakB - peakA, 4) : null,
      firstWetA,
      firstWetB,
      firstWetDifferenceS: firstWetA !== null && firstWetB !== null ? firstWetB - firstWetA : null,
    };
  });
}

function depthDifference(a: RecordResults, b: RecordResults): DepthDifference {
  const ra = a.maxDepth;
  const rb = b.maxDepth;
  const n = ra.nx * ra.ny;
  const differenceM = new Float32Array(n);
  let wetterCells = 0;
  let drierCells = 0;
  let maxRiseM = 0;
  let maxFallM = 0;
  for (let i = 0; i < n; i++) {
    // A cell without data on either side (nodata, negative) counts as no change.
    const va = ra.values[i];
    const vb = rb.values[i];
    const d = va >= 0 && vb >= 0 ? vb - va : 0;
    differenceM[i] = d;
    if (d > DEPTH_DIFFERENCE_NOISE_M) wetterCells++;
    else if (d < -DEPTH_DIFFERENCE_NOISE_M) drierCells++;
    if (d > maxRiseM) maxRiseM = d;
    if (d < maxFallM) maxFallM = d;
  }
  const cellArea = ra.cellM * ra.cellM;
  return {
    nx: ra.nx,
    ny: ra.ny,
    cellM: ra.cellM,
    x0: ra.x0,
    y0: ra.y0,
    differenceM,
    wetterCells,
    drierCells,
    wetterAreaM2: wetterCells * cellArea,
    drierAreaM2: drierCells * cellArea,
    maxRiseM,
    maxFallM,
  };
}
