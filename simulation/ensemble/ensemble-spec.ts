// An ensemble spec: checked against the published schema (ensemble-schema.ts) with the JSON path of the first bad
// field, then its defaults filled in; what needs the district (river presets, fleet size) is checked in members.ts.
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { SimulationError } from '../errors.ts';
import { RAIN_PRESETS } from '../rain/index.ts';
import {
  ENSEMBLE_DEFAULTS,
  EnsembleSchema,
  type EnsembleInput,
  type EnsembleKpi,
  type LOWER_IS_BETTER_KPIS,
} from './ensemble-schema.ts';

/** How a fleet size is recommended (README "Ensembles"). */
export interface RecommendRule {
  kpi: (typeof LOWER_IS_BETTER_KPIS)[number];
  quantile: number;
  tolerance: number;
  slack: number;
  bootstrap: number;
  seed: number;
}

/** A checked ensemble, every default filled in. */
export interface EnsembleSpec {
  schema: 'rivertwin.ensemble/1';
  name: string;
  title?: string;
  titleEn?: string;
  description?: string;
  descriptionEn?: string;
  /** The district folder as written (relative to the spec file); the server takes the district from the request. */
  district?: string;
  /** A library scenario name, or a scenario object. */
  base: string | Record<string, unknown>;
  cellM?: number;
  durationS?: number;
  axes: EnsembleInput['axes'];
  sampling: { kind: 'crossed' } | { kind: 'sampled'; members: number; seed: number };
  aggregate: { depthThresholdsM: number[]; quantiles: number[]; kpis: EnsembleKpi[]; recommend: RecommendRule };
}

/**
 * Validates an ensemble (parsed JSON) and fills its defaults.
 * @param input what to call it in messages (a file name)
 * @throws SimulationError (SIM_ERR_SCENARIO) naming the JSON path of the first bad field and what it takes
 */
export function parseEnsemble(raw: unknown, input = 'ensemble'): EnsembleSpec {
  const fail = (path: string, what: string, hint?: string): never => {
    throw new SimulationError(what, { input, field: path || '/' }, hint, 'SIM_ERR_SCENARIO');
  };
  const problem = schemaProblem(EnsembleSchema, raw);
  if (problem) fail(problem.path, problem.message, problem.hint);
  const r = raw as EnsembleInput;
  const rain = r.axes.rain;
  if (rain) {
    const names = new Set(RAIN_PRESETS.map((p) => p.name));
    rain.presets?.forEach(
      (p, i) =>
        names.has(p) ||
        fail(`/axes/rain/presets/${i}`, `unknown rain preset "${p}"`, `use one of ${[...names].join(', ')}`),
    );
    if (!rain.returnPeriodsYears !== !rain.durationsMin)
      fail(
        rain.durationsMin ? '/axes/rain/returnPeriodsYears' : '/axes/rain/durationsMin',
        'is missing',
        'design storms need both return periods and durations (every one crossed with every other)',
      );
    if (!rain.returnPeriodsYears && !rain.presets)
      fail('/axes/rain', 'names no storm', 'give returnPeriodsYears and durationsMin, or presets');
  }
  const d = ENSEMBLE_DEFAULTS;
  const a = r.aggregate ?? {};
  return {
    schema: 'rivertwin.ensemble/1',
    name: r.name,
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.titleEn !== undefined ? { titleEn: r.titleEn } : {}),
    ...(r.description !== undefined ? { description: r.description } : {}),
    ...(r.descriptionEn !== undefined ? { descriptionEn: r.descriptionEn } : {}),
    ...(r.district !== undefined ? { district: r.district } : {}),
    base: structuredClone(r.base as EnsembleSpec['base']),
    ...(r.cellM !== undefined ? { cellM: r.cellM } : {}),
    ...(r.durationS !== undefined ? { durationS: r.durationS } : {}),
    axes: structuredClone(r.axes),
    sampling: structuredClone(r.sampling ?? d.sampling),
    aggregate: {
      depthThresholdsM: [...(a.depthThresholdsM ?? d.depthThresholdsM)],
      quantiles: [...(a.quantiles ?? d.quantiles)],
      kpis: [...((a.kpis as EnsembleKpi[] | undefined) ?? d.kpis)],
      recommend: { ...d.recommend, ...(a.recommend as Partial<RecommendRule> | undefined) },
    },
  };
}

/** The first thing wrong with `value` against `schema`: its JSON path, what is wrong and what the field takes. */
export function schemaProblem(
  schema: TSchema,
  value: unknown,
): { path: string; message: string; hint?: string } | null {
  const e = Value.Errors(schema, value).First();
  if (!e) return null;
  const sub = e.schema;
  if (e.message.startsWith('Unexpected property')) {
    const parent = e.path
      .split('/')
      .slice(1, -1)
      .reduce<TSchema | undefined>((s, p) => {
        if (!s) return undefined;
        return s.type === 'array' ? (s.items as TSchema) : (s.properties as Record<string, TSchema> | undefined)?.[p];
      }, schema);
    const fields = Object.keys((parent?.properties as object | undefined) ?? {});
    return { path: e.path, message: 'unknown field', hint: `fields here are ${fields.join(', ')}` };
  }
  const here = e.path
    .split('/')
    .slice(1)
    .reduce<unknown>((v, p) => (v as Record<string, unknown> | null)?.[p], value);
  // A union told apart by `kind` (sampling): report inside the member the kind names.
  const kinds = (sub.anyOf as TSchema[] | undefined)?.filter((m) => m.properties?.kind?.const !== undefined);
  if (kinds?.length) {
    const kind = (here as { kind?: unknown } | null)?.kind;
    const member = kinds.find((m) => m.properties.kind.const === kind);
    if (!member)
      return {
        path: `${e.path}/kind`,
        message: `unknown kind ${JSON.stringify(kind)}`,
        hint: `use one of ${kinds.map((m) => m.properties.kind.const).join(', ')}`,
      };
    const inner = schemaProblem(member, here);
    if (inner) return { ...inner, path: e.path + inner.path };
  }
  const options = (sub.anyOf as TSchema[] | undefined)?.map((m) => m.const).filter((c) => c !== undefined);
  const hint = options?.length
    ? `use one of ${options.join(', ')}`
    : typeof sub.description === 'string'
      ? `${e.path.slice(e.path.lastIndexOf('/') + 1)}: ${sub.description}`
      : undefined;
  if (e.message.startsWith('Expected required property')) return { path: e.path, message: 'is missing', hint };
  return { path: e.path, message: `${JSON.stringify(here) ?? 'nothing'}: ${e.message.toLowerCase()}`, hint };
}
