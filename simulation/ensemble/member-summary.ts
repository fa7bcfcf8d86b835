// What an ensemble says beyond maps: per hotspot the distribution of peak depth and first-wet time, per fleet option
// the distribution of each KPI, over the members that finished (a failed member is listed, never counted).
import type { EnsembleKpi } from './ensemble-schema.ts';
import { distribution, tidy, type Distribution } from './distribution.ts';

/** A member as the aggregation sees it. */
export interface MemberOutcome {
  id: string;
  values: Record<string, string | number | boolean>;
  scenario: string;
  status: 'completed' | 'failed';
  error?: string;
  /** Final KPIs (kpis.json `kpis`; NaN written as null). */
  kpis?: Record<string, number | null>;
  /** Per hotspot (kpis.json `hotspotPeaks`), in the district's order. */
  hotspots?: { id: string; name: string; kind: string; peakDepthM: number | null; firstWetS: number | null }[];
}

/** Per hotspot over the finished members. */
export interface HotspotSummary {
  id: string;
  name: string;
  kind: string;
  /** Peak depth (m). */
  peakDepthM: Distribution;
  /** Share of members in which the hotspot got wet at all. */
  wetShare: number | null;
  /** First-wet time (s from the run start) over the members where it got wet. */
  firstWetS: Distribution;
}

/** The axes that describe the fleet (not the storm). */
export const FLEET_AXES = ['fleetSize', 'prePosition', 'policy'] as const;

/** A fleet option (one combination of fleet axes) and the distribution of each KPI over the storms it met. */
export interface FleetOptionSummary {
  option: string;
  values: Record<string, string | number | boolean>;
  members: number;
  kpis: Record<string, Distribution>;
}

export function completed(members: readonly MemberOutcome[]): MemberOutcome[] {
  return members.filter((m) => m.status === 'completed');
}

/** Per hotspot distributions, over the completed members. */
export function hotspotSummaries(members: readonly MemberOutcome[]): HotspotSummary[] {
  const done = completed(members);
  const first = done[0]?.hotspots ?? [];
  return first.map((h, k) => {
    const peaks = done.map((m) => m.hotspots?.[k]?.peakDepthM ?? null);
    const wet = done.map((m) => m.hotspots?.[k]?.firstWetS ?? null);
    const counted = peaks.filter((p) => p !== null).length;
    return {
      id: h.id,
      name: h.name,
      kind: h.kind,
      peakDepthM: distribution(peaks),
      wetShare: counted ? tidy(wet.filter((w) => w !== null).length / done.length) : null,
      firstWetS: distribution(wet),
    };
  });
}

/** How a fleet option reads: "4 trucks, pre-positioned, optimal dispatch"; "the base fleet" with no fleet axis. */
export function fleetOptionLabel(values: Record<string, string | number | boolean>): string {
  const parts: string[] = [];
  if ('fleetSize' in values) parts.push(`${values.fleetSize} trucks`);
  if ('prePosition' in values) parts.push(values.prePosition ? 'pre-positioned' : 'from depots');
  if ('policy' in values) parts.push(`${values.policy} dispatch`);
  return parts.length ? parts.join(', ') : 'the base fleet';
}

/** The fleet axes' values of a member. */
export function fleetValues(m: MemberOutcome): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const a of FLEET_AXES) if (a in m.values) out[a] = m.values[a];
  return out;
}

/** Per fleet option (in the order options first appear among the members), each KPI's distribution. */
export function fleetOptionSummaries(members: readonly MemberOutcome[], kpis: EnsembleKpi[]): FleetOptionSummary[] {
  const groups = new Map<string, { values: Record<string, string | number | boolean>; list: MemberOutcome[] }>();
  for (const m of members) {
    const values = fleetValues(m);
    const key = JSON.stringify(values);
    const g = groups.get(key) ?? { values, list: [] };
    g.list.push(m);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ values, list }) => {
    const done = completed(list);
    return {
      option: fleetOptionLabel(values),
      values,
      members: done.length,
      kpis: Object.fromEntries(kpis.map((k) => [k, distribution(done.map((m) => m.kpis?.[k] ?? null))])),
    };
  });
}
