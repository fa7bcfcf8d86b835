// The ensemble's result as one JSON value (ensemble.json): the members and how each ended, the maps written beside it,
// per hotspot and per fleet option distributions and the fleet-size curves. No wall-clock field and no path outside
// the output folder, so the same members give the same bytes on any queue.
import type { EnsembleSpec } from './ensemble-spec.ts';
import { fleetSizeCurves, type FleetSizeCurve } from './fleet-size-curve.ts';
import {
  completed,
  fleetOptionSummaries,
  hotspotSummaries,
  type FleetOptionSummary,
  type HotspotSummary,
  type MemberOutcome,
} from './member-summary.ts';

export const ENSEMBLE_RESULT_SCHEMA = 'rivertwin.ensemble-result/1';

/** A map of the ensemble, written as a GeoTIFF beside ensemble.json. */
export interface EnsembleMap {
  file: string;
  what: string;
  unit: string;
  thresholdM?: number;
  quantile?: number;
}

/** ensemble.json. */
export interface EnsembleResult {
  schema: typeof ENSEMBLE_RESULT_SCHEMA;
  ensemble: string;
  title?: string;
  titleEn?: string;
  district: { id: string; contentHash: string };
  grid: { nx: number; ny: number; cellM: number; x0: number; y0: number } | null;
  counts: { members: number; completed: number; failed: number };
  members: {
    id: string;
    values: MemberOutcome['values'];
    scenario: string;
    status: string;
    error?: string;
    record: string;
  }[];
  maps: EnsembleMap[];
  hotspots: HotspotSummary[];
  fleetOptions: FleetOptionSummary[];
  fleetSizeCurves: FleetSizeCurve[];
}

/** The files and meanings of an ensemble's maps (names in centimetres and percent, e.g. prob-depth-gt-15cm.tif). */
export function ensembleMaps(spec: EnsembleSpec): EnsembleMap[] {
  return [
    ...spec.aggregate.depthThresholdsM.map((t) => ({
      file: `prob-depth-gt-${cm(t)}cm.tif`,
      what: `share of members whose maximum depth passed ${cm(t)} cm`,
      unit: '1',
      thresholdM: t,
    })),
    ...spec.aggregate.quantiles.map((q) => ({
      file: `max-depth-p${pct(q)}.tif`,
      what: `${pct(q)}th percentile over members of the maximum depth`,
      unit: 'm',
      quantile: q,
    })),
  ];
}

const cm = (m: number) => String(Math.round(m * 1000) / 10).replace('.', '_');
const pct = (q: number) => String(Math.round(q * 1000) / 10).replace('.', '_');

/** Composes ensemble.json from the spec, the members' outcomes (in member order) and the grid they ran on. */
export function ensembleResult(
  spec: EnsembleSpec,
  district: EnsembleResult['district'],
  grid: EnsembleResult['grid'],
  members: readonly MemberOutcome[],
  recordOf: (id: string) => string,
): EnsembleResult {
  const done = completed(members).length;
  return {
    schema: ENSEMBLE_RESULT_SCHEMA,
    ensemble: spec.name,
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.titleEn ? { titleEn: spec.titleEn } : {}),
    district,
    grid,
    counts: { members: members.length, completed: done, failed: members.length - done },
    members: members.map((m) => ({
      id: m.id,
      values: m.values,
      scenario: m.scenario,
      status: m.status,
      ...(m.error ? { error: m.error } : {}),
      record: recordOf(m.id),
    })),
    maps: done ? ensembleMaps(spec) : [],
    hotspots: hotspotSummaries(members),
    fleetOptions: fleetOptionSummaries(members, spec.aggregate.kpis),
    fleetSizeCurves: fleetSizeCurves(members, spec.aggregate.kpis, spec.aggregate.recommend),
  };
}
