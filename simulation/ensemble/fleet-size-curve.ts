// The fleet-size curve: a KPI against the number of trucks over every storm, with a recommendation — the smallest
// fleet whose q-quantile of the KPI is within the tolerance of the largest fleet's — and its uncertainty from a
// seeded bootstrap that resamples, for each size, the storms it met (README "Ensembles").
import { mulberry32 } from '../random.ts';
import type { EnsembleKpi } from './ensemble-schema.ts';
import type { RecommendRule } from './ensemble-spec.ts';
import { distribution, finiteSorted, quantileSorted, tidy, type Distribution } from './distribution.ts';
import { completed, fleetOptionLabel, type MemberOutcome } from './member-summary.ts';

/** One point of the curve. */
export interface CurvePoint {
  trucks: number;
  members: number;
  /** The rule's KPI at the rule's quantile over the storms. */
  atQuantile: number | null;
  kpis: Record<string, Distribution>;
}

/** What the rule recommends and how sure it is. */
export interface Recommendation {
  trucks: number | null;
  /** The rule in words, with its numbers. */
  rule: string;
  /** The KPI value a size must reach (null when no size had members). */
  target: number | null;
  bootstrap: {
    resamples: number;
    seed: number;
    /** Share of resamples recommending each size ("4": 0.83). */
    shares: Record<string, number>;
    /** 5th and 95th percentiles of the recommended size over resamples. */
    low: number | null;
    high: number | null;
  };
}

/** A curve for one combination of the other fleet axes (pre-positioning, policy). */
export interface FleetSizeCurve {
  fixed: Record<string, string | number | boolean>;
  label: string;
  kpi: string;
  quantile: number;
  points: CurvePoint[];
  recommendation: Recommendation;
}

/** The curves of an ensemble with a fleetSize axis (none without one). */
export function fleetSizeCurves(
  members: readonly MemberOutcome[],
  kpis: EnsembleKpi[],
  rule: RecommendRule,
): FleetSizeCurve[] {
  const sized = members.filter((m) => typeof m.values.fleetSize === 'number');
  const families = new Map<string, { fixed: Record<string, string | number | boolean>; list: MemberOutcome[] }>();
  for (const m of sized) {
    const fixed: Record<string, string | number | boolean> = {};
    if ('prePosition' in m.values) fixed.prePosition = m.values.prePosition;
    if ('policy' in m.values) fixed.policy = m.values.policy;
    const key = JSON.stringify(fixed);
    const f = families.get(key) ?? { fixed, list: [] };
    f.list.push(m);
    families.set(key, f);
  }
  const shown = [...new Set([rule.kpi, ...kpis])];
  return [...families.values()].map(({ fixed, list }) => {
    const sizes = [...new Set(list.map((m) => m.values.fleetSize as number))].sort((a, b) => a - b);
    const samples = sizes.map((s) =>
      completed(list.filter((m) => m.values.fleetSize === s)).map((m) => m.kpis?.[rule.kpi] ?? null),
    );
    const points: CurvePoint[] = sizes.map((trucks, i) => {
      const done = completed(list.filter((m) => m.values.fleetSize === trucks));
      return {
        trucks,
        members: done.length,
        atQuantile: tidy(quantileSorted(finiteSorted(samples[i]), rule.quantile)),
        kpis: Object.fromEntries(shown.map((k) => [k, distribution(done.map((m) => m.kpis?.[k] ?? null))])),
      };
    });
    return {
      fixed,
      label: Object.keys(fixed).length ? fleetOptionLabel(fixed) : 'all fleet options',
      kpi: rule.kpi,
      quantile: rule.quantile,
      points,
      recommendation: recommend(sizes, samples.map(finiteSorted), rule),
    };
  });
}

/** The rule on per-size samples (each ascending): the smallest size within tolerance of the largest size's value. */
function choose(
  sizes: number[],
  sorted: number[][],
  rule: RecommendRule,
): { trucks: number | null; target: number | null } {
  const at = sorted.map((s) => quantileSorted(s, rule.quantile));
  let ref = -1;
  for (let i = sizes.length - 1; i >= 0; i--)
    if (Number.isFinite(at[i])) {
      ref = i;
      break;
    }
  if (ref < 0) return { trucks: null, target: null };
  const target = at[ref] * (1 + rule.tolerance) + rule.slack;
  // A tiny epsilon so that a size equal to the target within rounding counts.
  const i = at.findIndex((v) => Number.isFinite(v) && v <= target + 1e-9 * Math.max(1, Math.abs(target)));
  return { trucks: sizes[i], target };
}

function recommend(sizes: number[], sorted: number[][], rule: RecommendRule): Recommendation {
  const base = choose(sizes, sorted, rule);
  const rng = mulberry32(rule.seed);
  const picks: number[] = [];
  const counts = new Map<number, number>();
  for (let b = 0; b < rule.bootstrap; b++) {
    const resampled = sorted.map((s) => Float64Array.from(s, () => s[rng.int(s.length)]).sort());
    const r = choose(
      sizes,
      resampled.map((a) => Array.from(a)),
      rule,
    );
    if (r.trucks === null) continue;
    picks.push(r.trucks);
    counts.set(r.trucks, (counts.get(r.trucks) ?? 0) + 1);
  }
  picks.sort((a, b) => a - b);
  const nearestRank = (q: number) =>
    picks.length ? picks[Math.min(picks.length - 1, Math.floor(q * picks.length))] : null;
  const pct = (q: number) => `${Math.round(q * 100)}th percentile`;
  return {
    trucks: base.trucks,
    rule: `the smallest fleet whose ${pct(rule.quantile)} of ${rule.kpi} over the storms is at most the largest fleet's × ${1 + rule.tolerance}${rule.slack ? ` + ${rule.slack}` : ''}`,
    target: base.target === null ? null : tidy(base.target),
    bootstrap: {
      resamples: rule.bootstrap,
      seed: rule.seed,
      shares: Object.fromEntries(
        [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([s, c]) => [String(s), tidy(c / rule.bootstrap)!]),
      ),
      low: nearestRank(0.05),
      high: nearestRank(0.95),
    },
  };
}
