// The scenario's one definition (TypeBox, i.e. JSON Schema): every field with its units, bounds and default. The CLI,
// the HTTP API and the browser's scenario editor validate against it; datasets/schemas/scenario.schema.json is it,
// published. Defaults live here and nowhere else.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { EVENT_CLOSURE_REASONS } from '../roads/index.ts';

const num = (description: string, min: number, max: number) => Type.Number({ description, minimum: min, maximum: max });
const strict = { additionalProperties: false } as const;
const XY = Type.Tuple([Type.Number(), Type.Number()], {
  description: 'local metres east, north of the district origin',
});
const Points = Type.Array(Type.Tuple([Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })]), {
  description: 'rows [time (s), rate (mm/h) from that time on]',
});

/** The rain kinds, one schema each (the union is told apart by `kind`). */
export const RAIN_SCHEMAS: Record<string, TSchema> = {
  uniform: Type.Object(
    {
      kind: Type.Literal('uniform'),
      rateMmPerH: num('rain rate (mm/h)', 0, 500),
      durationS: num('how long it rains (s)', 0, 30 * 86_400),
      startS: Type.Optional(num('start (s from the run start)', 0, 30 * 86_400)),
    },
    strict,
  ),
  chicago: Type.Object(
    {
      kind: Type.Literal('chicago'),
      returnPeriodYears: num('return period (years) of the design storm', 0.25, 1000),
      durationMin: num('storm duration (min)', 5, 7 * 1440),
      peakPosition: Type.Optional(num('peak position r (default 0.367)', 0, 1)),
      stepMin: Type.Optional(num('block length (min, default 5)', 1, 60)),
      startS: Type.Optional(num('start (s)', 0, 30 * 86_400)),
      depthMm: Type.Optional(num('rescale the storm to this total depth (mm)', 0, 2000)),
      idf: Type.Optional(
        Type.Object(
          {
            a: Type.Number(),
            c: Type.Number(),
            bMin: Type.Number(),
            n: Type.Number(),
            minReturnPeriodYears: Type.Optional(Type.Number()),
            maxReturnPeriodYears: Type.Optional(Type.Number()),
          },
          { ...strict, description: 'storm formula q = A(1 + C lg P)/(t + b)^n; Shanghai’s by default' },
        ),
      ),
    },
    strict,
  ),
  series: Type.Object(
    {
      kind: Type.Literal('series'),
      points: Type.Optional(Points),
      csv: Type.Optional(Type.String({ description: 'CSV text with header time_s,mm_per_h' })),
      startS: Type.Optional(num('shift every time by this (s)', 0, 30 * 86_400)),
    },
    strict,
  ),
  stations: Type.Object(
    {
      kind: Type.Literal('stations'),
      stations: Type.Optional(
        Type.Array(
          Type.Object(
            { id: Type.String({ minLength: 1 }), x: Type.Number(), y: Type.Number(), points: Points },
            strict,
          ),
        ),
      ),
      csv: Type.Optional(Type.String({ description: 'CSV with header station_id,x,y,time_s,mm_per_h' })),
      method: Type.Optional(Type.Union([Type.Literal('idw'), Type.Literal('thiessen')])),
      power: Type.Optional(num('IDW power', 0.5, 6)),
      neighbours: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    },
    strict,
  ),
  typhoon: Type.Object(
    {
      kind: Type.Literal('typhoon'),
      track: Type.Array(Type.Object({ timeS: Type.Number(), x: Type.Number(), y: Type.Number() }, strict), {
        minItems: 2,
      }),
      peakMmPerH: num('peak rate in the band (mm/h)', 0, 500),
      radiusMaxRainM: num('radius of the heaviest rain (m)', 0, 1e6),
      centreRatio: Type.Optional(Type.Number()),
      efoldM: Type.Optional(Type.Number()),
      spiralAmplitude: Type.Optional(Type.Number()),
      spiralArms: Type.Optional(Type.Number()),
      spiralPitchDeg: Type.Optional(Type.Number()),
      subStepS: Type.Optional(Type.Number()),
    },
    strict,
  ),
  preset: Type.Object(
    {
      kind: Type.Literal('preset'),
      name: Type.String({ description: 'a rain preset (rivertwin run --help lists them)' }),
      startS: Type.Optional(num('shift the preset by this (s)', 0, 30 * 86_400)),
    },
    strict,
  ),
};

const Tide = Type.Object(
  {
    kind: Type.Literal('tide'),
    meanM: num('mean level (m, the district datum)', -50, 50),
    amplitudeM: num('half the tidal range (m)', 0, 10),
    highTideAtS: num('time of a high tide (s from the run start)', -1e7, 1e7),
    periodS: Type.Optional(num('tide period (s, default M2 44,712)', 3600, 1e6)),
    surge: Type.Optional(
      Type.Object(
        {
          peakM: num('surge peak (m)', 0, 10),
          atS: num('surge peak time (s)', -1e7, 1e7),
          widthS: num('full width at half height (s)', 60, 1e6),
        },
        strict,
      ),
    ),
  },
  strict,
);

/** The river stage kinds and the presets by name (a string). */
export const RIVER_SCHEMAS: Record<string, TSchema> = {
  tide: Tide,
  constant: Type.Object({ kind: Type.Literal('constant'), stageM: num('stage (m)', -50, 50) }, strict),
  series: Type.Object(
    {
      kind: Type.Literal('series'),
      timesS: Type.Array(num('time (s from the run start), ascending', -1e7, 1e7), { minItems: 1 }),
      stageM: Type.Array(num('stage (m, the district datum)', -50, 50), { minItems: 1 }),
    },
    strict,
  ),
};

const truckId = Type.String({ minLength: 1, description: 'a truck id of the fleet' });
const atS = num('when it applies (s from the run start): the first control step at or after', 0, 30 * 86_400);
const cmd = (kind: string, fields: Record<string, TSchema>) =>
  Type.Object({ atS, kind: Type.Literal(kind), id: Type.Optional(Type.String()), ...fields }, strict);
const roadReason = Type.Union(
  EVENT_CLOSURE_REASONS.map((r) => Type.Literal(r)),
  { description: 'why the road is closed' },
);

/** Operator commands at set times, one schema per kind. */
export const COMMAND_SCHEMAS: Record<string, TSchema> = {
  dispatch: cmd('dispatch', { truckId, caseId: Type.String({ minLength: 1 }) }),
  dispatchToSite: cmd('dispatchToSite', {
    truckId,
    xy: XY,
    exposure: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  }),
  recall: cmd('recall', { truckId, depotId: Type.Optional(Type.String()) }),
  hold: cmd('hold', { truckId }),
  release: cmd('release', { truckId }),
  report: cmd('report', { xy: XY, exposure: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) }),
  stage: cmd('stage', { truckId, xy: XY }),
  outOfService: cmd('outOfService', { truckId, reason: Type.Optional(Type.String()) }),
  returnToService: cmd('returnToService', { truckId }),
  closeRoad: cmd('closeRoad', {
    ref: Type.String({ description: 'graph edge key or road segment id' }),
    reason: roadReason,
  }),
  openRoad: cmd('openRoad', { ref: Type.String(), reason: Type.Optional(roadReason) }),
  failPump: cmd('failPump', { stationId: Type.String({ minLength: 1 }), reason: Type.Optional(Type.String()) }),
  restorePump: cmd('restorePump', { stationId: Type.String({ minLength: 1 }), reason: Type.Optional(Type.String()) }),
};

/** The scenario (rivertwin.scenario/1). */
export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schema: Type.Optional(Type.Literal('rivertwin.scenario/1')),
    name: Type.Optional(Type.String({ description: 'what the run is called' })),
    title: Type.Optional(Type.String({ description: 'Chinese title' })),
    titleEn: Type.Optional(Type.String({ description: 'English title' })),
    description: Type.Optional(Type.String({ description: 'Chinese description' })),
    descriptionEn: Type.Optional(Type.String({ description: 'English description' })),
    durationS: num('simulated time (s)', 60, 30 * 86_400),
    controlStepS: Type.Optional(num('fleet and sensor control step (s, default 60)', 1, 3600)),
    cellM: Type.Optional(num('grid cell size (m, default the district’s)', 1, 200)),
    rain: Type.Union(Object.values(RAIN_SCHEMAS), { description: 'the storm, told apart by kind' }),
    river: Type.Optional(
      Type.Union(
        [
          Type.String({ description: "one of the district's river presets (district.json river.presets)" }),
          ...Object.values(RIVER_SCHEMAS),
        ],
        {
          description: "the river stage held at the walls (default the district's river.default)",
        },
      ),
    ),
    sewerStorageMm: Type.Optional(
      num('sewer storage upstream of each pump station (mm over its catchment, default 10)', 0, 500),
    ),
    pumpFailures: Type.Optional(
      Type.Array(
        Type.Object({ id: Type.String({ minLength: 1 }), atS: num('when it fails (s)', 0, 30 * 86_400) }, strict),
      ),
    ),
    fleet: Type.Optional(
      Type.Object(
        {
          policy: Type.Optional(
            Type.Union([Type.Literal('optimal'), Type.Literal('nearest'), Type.Literal('manual')], {
              description: 'optimal (assignment by priority, default), nearest, or manual (operators dispatch)',
            }),
          ),
          setupS: Type.Optional(num('set-up time on site before pumping (s, default 600)', 0, 7200)),
          prePosition: Type.Optional(
            Type.Boolean({ description: 'stage the trucks before the storm (default false)' }),
          ),
          size: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 10_000,
              description:
                "use this many of the district's trucks, taken in turn from each depot in fleet-list order (default all)",
            }),
          ),
          depots: Type.Optional(
            Type.Array(Type.String({ minLength: 1 }), {
              minItems: 1,
              uniqueItems: true,
              description: "take trucks only from these depots (the district's depot ids; default every depot)",
            }),
          ),
        },
        strict,
      ),
    ),
    commands: Type.Optional(
      Type.Array(Type.Union(Object.values(COMMAND_SCHEMAS)), { description: 'operator commands at set times' }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31, description: 'random seed (default 1)' })),
    theta: Type.Optional(num('q-centred weighting θ of the flood engine (default 1)', 0.5, 1)),
    localTimeStep: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 6,
        description:
          'local time stepping levels of the flood engine: cells step up to 2^k times the CFL step by the depth around them (default 4; 0 is one global step)',
      }),
    ),
  },
  { ...strict, $id: 'https://rivertwin.example/schemas/scenario.schema.json', title: 'rivertwin scenario' },
);

/** A scenario as written in a file or sent to the API. */
export type ScenarioInput = Static<typeof ScenarioSchema>;

/** Every default of a scenario, in one place (the CLI and files get the same). */
export const SCENARIO_DEFAULTS = Object.freeze({
  schema: 'rivertwin.scenario/1' as const,
  name: 'unnamed scenario',
  controlStepS: 60,
  sewerStorageMm: 10,
  pumpFailures: [] as { id: string; atS: number }[],
  fleet: { policy: 'optimal' as const, setupS: 600, prePosition: false },
  commands: [] as never[],
  seed: 1,
  theta: 1,
});

/**
 * What `rivertwin run <district>` runs when given no scenario: a 5-year 3-hour storm at 10 m cells (about a minute on
 * the Bund). Everything it leaves out comes from SCENARIO_DEFAULTS, as for a file.
 */
export const QUICK_SCENARIO = Object.freeze({
  name: 'chicago-5y-3h',
  durationS: 10_800,
  cellM: 10,
  rain: { kind: 'preset', name: 'chicago-5y-3h' },
});
