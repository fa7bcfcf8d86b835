// The ensemble's one definition (TypeBox, i.e. JSON Schema): a base scenario, the axes it is varied along, crossed or
// sampled with a seed, and what to aggregate. Published as datasets/schemas/ensemble.schema.json; defaults live here.
import { Type, type Static } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
const list = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Array(item, { minItems: 1, maxItems: 1000, description });

/** Fleet KPIs whose distributions an ensemble can report (numbers in kpis.json; README "Fleet KPIs"). */
export const ENSEMBLE_KPIS = [
  'casesOpened',
  'casesDispatched',
  'casesServed',
  'casesUnserved',
  'casesCleared',
  'casesOpenAtEnd',
  'escalated',
  'meanToDispatchS',
  'meanToArriveS',
  'medianToArriveS',
  'meanToClearS',
  'caseHoursWaiting',
  'hotspotWaterHours',
  'pumpedM3',
  'roadKmHoursClosed',
  'meanReachableShare',
] as const;

/** KPIs where less is better: the only ones a fleet-size recommendation may be based on. */
export const LOWER_IS_BETTER_KPIS = [
  'casesUnserved',
  'casesOpenAtEnd',
  'escalated',
  'meanToDispatchS',
  'meanToArriveS',
  'medianToArriveS',
  'meanToClearS',
  'caseHoursWaiting',
  'hotspotWaterHours',
  'roadKmHoursClosed',
] as const;

export type EnsembleKpi = (typeof ENSEMBLE_KPIS)[number];

const literals = (names: readonly string[], description: string) =>
  Type.Union(
    names.map((n) => Type.Literal(n)),
    { description },
  );

const PumpFailure = Type.Object(
  { id: Type.String({ minLength: 1 }), atS: Type.Number({ minimum: 0, maximum: 30 * 86_400 }) },
  strict,
);

/** The axes an ensemble varies; each one's values, crossed with the others'. */
export const AXES_SCHEMA = Type.Object(
  {
    rain: Type.Optional(
      Type.Object(
        {
          returnPeriodsYears: Type.Optional(
            list(Type.Number({ minimum: 0.25, maximum: 1000 }), 'design storms: return periods (years)'),
          ),
          durationsMin: Type.Optional(
            list(Type.Number({ minimum: 5, maximum: 7 * 1440 }), 'design storms: durations (min), crossed with those'),
          ),
          presets: Type.Optional(list(Type.String({ minLength: 1 }), 'rain presets (rivertwin run --help lists them)')),
          afterStormS: Type.Optional(
            Type.Number({
              minimum: 0,
              maximum: 7 * 86_400,
              description: 'design-storm members run for the storm and this long after it (default: the base duration)',
            }),
          ),
        },
        { ...strict, description: 'Chicago design storms (every return period × every duration) and presets' },
      ),
    ),
    trackOffsetsM: Type.Optional(
      list(Type.Number({ minimum: -1e5, maximum: 1e5 }), 'a typhoon rain band’s track moved east (+) or west (m)'),
    ),
    river: Type.Optional(list(Type.String({ minLength: 1 }), "the district's river presets (district.json)")),
    fleetSize: Type.Optional(list(Type.Integer({ minimum: 0, maximum: 10_000 }), 'trucks (scenario fleet.size)')),
    prePosition: Type.Optional(list(Type.Boolean(), 'stage the trucks before the storm or not')),
    policy: Type.Optional(
      list(literals(['optimal', 'nearest', 'manual'], 'a dispatch policy'), 'dispatch policies (fleet.policy)'),
    ),
    pumpFailures: Type.Optional(
      list(Type.Array(PumpFailure), 'sets of pump stations failing at a time ([] = none fail)'),
    ),
    seeds: Type.Optional(list(Type.Integer({ minimum: 0, maximum: 2 ** 31 }), 'random seeds')),
  },
  { ...strict, minProperties: 1, description: 'what to vary; every value of each is crossed with the others' },
);

/** The ensemble (rivertwin.ensemble/1). */
export const EnsembleSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schema: Type.Optional(Type.Literal('rivertwin.ensemble/1')),
    name: Type.String({ minLength: 1, pattern: '^[a-z0-9][a-z0-9-]*$', description: 'lower-case id' }),
    title: Type.Optional(Type.String({ description: 'Chinese title' })),
    titleEn: Type.Optional(Type.String({ description: 'English title' })),
    description: Type.Optional(Type.String()),
    descriptionEn: Type.Optional(Type.String()),
    district: Type.Optional(
      Type.String({ minLength: 1, description: 'the district folder, relative to this file (the CLI needs it)' }),
    ),
    base: Type.Union(
      [
        Type.String({ description: "a scenario of the district's library" }),
        Type.Object({}, { additionalProperties: true, description: 'a scenario inline (rivertwin.scenario/1)' }),
      ],
      { description: 'the scenario every member starts from' },
    ),
    cellM: Type.Optional(Type.Number({ minimum: 1, maximum: 200, description: 'grid cell size for every member (m)' })),
    durationS: Type.Optional(Type.Number({ minimum: 60, maximum: 30 * 86_400, description: 'simulated time (s)' })),
    axes: AXES_SCHEMA,
    sampling: Type.Optional(
      Type.Union([
        Type.Object({ kind: Type.Literal('crossed') }, strict),
        Type.Object(
          {
            kind: Type.Literal('sampled'),
            members: Type.Integer({ minimum: 1, maximum: 100_000, description: 'members drawn from the crossing' }),
            seed: Type.Integer({ minimum: 0, maximum: 2 ** 31, description: 'seed of the draw' }),
          },
          strict,
        ),
      ]),
    ),
    aggregate: Type.Optional(
      Type.Object(
        {
          depthThresholdsM: Type.Optional(
            list(Type.Number({ exclusiveMinimum: 0, maximum: 20 }), 'per cell P(max depth > each) (m)'),
          ),
          quantiles: Type.Optional(list(Type.Number({ minimum: 0, maximum: 1 }), 'per cell quantiles of max depth')),
          kpis: Type.Optional(list(literals(ENSEMBLE_KPIS, 'a fleet KPI'), 'KPIs whose distributions to report')),
          recommend: Type.Optional(
            Type.Object(
              {
                kpi: Type.Optional(literals(LOWER_IS_BETTER_KPIS, 'a KPI where less is better')),
                quantile: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'of the KPI over storms' })),
                tolerance: Type.Optional(
                  Type.Number({ minimum: 0, maximum: 10, description: 'relative slack against the largest fleet' }),
                ),
                slack: Type.Optional(Type.Number({ minimum: 0, description: 'absolute slack, in the KPI’s unit' })),
                bootstrap: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'resamples' })),
                seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
              },
              strict,
            ),
          ),
        },
        strict,
      ),
    ),
  },
  { ...strict, $id: 'https://rivertwin.example/schemas/ensemble.schema.json', title: 'rivertwin ensemble' },
);

export type EnsembleInput = Static<typeof EnsembleSchema>;

/** Every default of an ensemble's aggregation, in one place. */
export const ENSEMBLE_DEFAULTS = Object.freeze({
  sampling: { kind: 'crossed' as const },
  depthThresholdsM: [0.15, 0.3, 0.5],
  quantiles: [0.5, 0.9],
  kpis: ['casesUnserved', 'meanToArriveS', 'hotspotWaterHours', 'caseHoursWaiting'] as EnsembleKpi[],
  recommend: {
    kpi: 'casesUnserved' as (typeof LOWER_IS_BETTER_KPIS)[number],
    quantile: 0.9,
    tolerance: 0.1,
    slack: 0,
    bootstrap: 200,
    seed: 1,
  },
});
