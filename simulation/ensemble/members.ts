// An ensemble's members: the base scenario with one value of every axis, the axes crossed (last axis fastest) or a
// seeded draw without replacement from that crossing; each member's scenario checked as any scenario is.
import { SimulationError } from '../errors.ts';
import { mulberry32 } from '../random.ts';
import { parseScenario, type ScenarioSpec } from '../scenario/index.ts';
import type { EnsembleSpec } from './ensemble-spec.ts';

/** What members are checked against: the district's river presets and how many trucks it has. */
export interface DistrictFacts {
  riverPresets: string[];
  fleetSize: number;
}

/** One value of an axis: how it reads, and what it does to the member's scenario (a JSON object). */
interface AxisValue {
  label: string | number | boolean;
  apply(raw: Record<string, unknown>): void;
}

/** One member: its id, the value it takes on every axis, and its checked scenario. */
export interface EnsembleMember {
  id: string;
  /** Axis name → the value's label (`rain: "chicago-50y-180min"`, `fleetSize: 4`, …). */
  values: Record<string, string | number | boolean>;
  scenario: ScenarioSpec;
}

/** The axes in the order they are crossed (the last varies fastest, so one storm's fleet options sit together). */
export const AXIS_ORDER = [
  'rain',
  'trackOffsetsM',
  'river',
  'pumpFailures',
  'seeds',
  'policy',
  'prePosition',
  'fleetSize',
] as const;

/** Where an axis's value sits in a member's `values` (the plural axis names read singular there). */
export const AXIS_KEY: Record<(typeof AXIS_ORDER)[number], string> = {
  rain: 'rain',
  trackOffsetsM: 'trackOffsetM',
  river: 'river',
  pumpFailures: 'pumpFailures',
  seeds: 'seed',
  policy: 'policy',
  prePosition: 'prePosition',
  fleetSize: 'fleetSize',
};

/**
 * The members of an ensemble.
 * @param baseRaw the base scenario as written (a library scenario already read), not yet validated
 * @param input what to call the ensemble in messages
 * @throws SimulationError naming the JSON path of an axis value the district lacks, or a member's bad scenario field
 */
export function ensembleMembers(
  spec: EnsembleSpec,
  baseRaw: Record<string, unknown>,
  facts: DistrictFacts,
  input = 'ensemble',
): EnsembleMember[] {
  const fail = (path: string, what: string, hint: string): never => {
    throw new SimulationError(what, { input, field: path }, hint, 'SIM_ERR_SCENARIO');
  };
  const axes = spec.axes;
  const values: { key: string; list: AxisValue[] }[] = [];
  const fleet = (field: string, v: unknown) => (raw: Record<string, unknown>) => {
    raw.fleet = { ...(raw.fleet as object | undefined), [field]: v };
  };
  for (const axis of AXIS_ORDER) {
    const key = AXIS_KEY[axis];
    let list: AxisValue[] | undefined;
    if (axis === 'rain' && axes.rain) list = rainValues(axes.rain);
    if (axis === 'trackOffsetsM' && axes.trackOffsetsM)
      list = axes.trackOffsetsM.map((dx, i) => ({
        label: dx,
        apply: (raw) => {
          const rain = raw.rain as { kind?: string; track?: { x: number }[] };
          if (rain?.kind !== 'typhoon')
            fail(
              `/axes/trackOffsetsM/${i}`,
              `moves a typhoon's track, but the rain is "${rain?.kind}"`,
              'use a base scenario with a typhoon rain band',
            );
          rain.track = rain.track!.map((p) => ({ ...p, x: p.x + dx }));
        },
      }));
    if (axis === 'river' && axes.river)
      list = axes.river.map((name, i) => {
        if (!facts.riverPresets.includes(name))
          fail(
            `/axes/river/${i}`,
            `unknown river preset "${name}"`,
            `use one of ${facts.riverPresets.join(', ') || '(the district has none)'}`,
          );
        return { label: name, apply: (raw) => void (raw.river = name) };
      });
    if (axis === 'pumpFailures' && axes.pumpFailures)
      list = axes.pumpFailures.map((set) => ({
        label: set.length ? set.map((f) => `${f.id}@${f.atS}s`).join('+') : 'none',
        apply: (raw) => void (raw.pumpFailures = structuredClone(set)),
      }));
    if (axis === 'seeds' && axes.seeds)
      list = axes.seeds.map((s) => ({ label: s, apply: (raw) => void (raw.seed = s) }));
    if (axis === 'policy' && axes.policy) list = axes.policy.map((p) => ({ label: p, apply: fleet('policy', p) }));
    if (axis === 'prePosition' && axes.prePosition)
      list = axes.prePosition.map((b) => ({ label: b, apply: fleet('prePosition', b) }));
    if (axis === 'fleetSize' && axes.fleetSize)
      list = axes.fleetSize.map((n, i) => {
        if (n > facts.fleetSize)
          fail(
            `/axes/fleetSize/${i}`,
            `${n} trucks, but the district has ${facts.fleetSize}`,
            `give sizes from 0 to ${facts.fleetSize}`,
          );
        return { label: n, apply: fleet('size', n) };
      });
    if (list) values.push({ key, list });
  }
  const total = values.reduce((n, a) => n * a.list.length, 1);
  let picks: number[];
  if (spec.sampling.kind === 'sampled') {
    if (spec.sampling.members > total)
      fail(
        '/sampling/members',
        `${spec.sampling.members} members, but the axes cross to ${total}`,
        `draw at most ${total}, or cross them`,
      );
    picks = drawWithoutReplacement(total, spec.sampling.members, spec.sampling.seed);
  } else picks = Array.from({ length: total }, (_v, i) => i);
  const width = String(picks.length).length;
  return picks.map((flat, m) => {
    const id = `m${String(m + 1).padStart(Math.max(3, width), '0')}`;
    const raw = structuredClone(baseRaw);
    if (spec.cellM !== undefined) raw.cellM = spec.cellM;
    if (spec.durationS !== undefined) raw.durationS = spec.durationS;
    const chosen: EnsembleMember['values'] = {};
    let rest = flat;
    const idx = new Array<number>(values.length);
    for (let a = values.length - 1; a >= 0; a--) {
      idx[a] = rest % values[a].list.length;
      rest = Math.floor(rest / values[a].list.length);
    }
    values.forEach((axis, a) => {
      const v = axis.list[idx[a]];
      v.apply(raw);
      chosen[axis.key] = v.label;
    });
    const labels = Object.entries(chosen).map(([k, v]) => `${k} ${v}`);
    raw.name = `${spec.name} ${id}${labels.length ? `: ${labels.join(', ')}` : ''}`;
    return { id, values: chosen, scenario: parseScenario(raw, `${input} member ${id}`) };
  });
}

function rainValues(rain: NonNullable<EnsembleSpec['axes']['rain']>): AxisValue[] {
  const out: AxisValue[] = [];
  for (const p of rain.returnPeriodsYears ?? [])
    for (const d of rain.durationsMin ?? [])
      out.push({
        label: `chicago-${p}y-${d}min`,
        apply: (raw) => {
          raw.rain = { kind: 'chicago', returnPeriodYears: p, durationMin: d };
          if (rain.afterStormS !== undefined) raw.durationS = d * 60 + rain.afterStormS;
        },
      });
  for (const name of rain.presets ?? [])
    out.push({ label: name, apply: (raw) => void (raw.rain = { kind: 'preset', name }) });
  return out;
}

/** `k` distinct indices of [0, n), drawn with a seeded partial Fisher–Yates shuffle, in ascending order. */
export function drawWithoutReplacement(n: number, k: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const vi = swapped.get(i) ?? i;
    const vj = swapped.get(j) ?? j;
    out.push(vj);
    swapped.set(j, vi);
  }
  return out.sort((a, b) => a - b);
}
