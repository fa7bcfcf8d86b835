// The presentation tour's one definition (TypeBox, i.e. JSON Schema): which run it replays, and its segments — a
// stretch of simulated time at a speed, a caption in Chinese and English, the panels shown and the camera keyframes.
import { Type, type Static } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;

/** Panels a tour segment may show beside the 3D view: the app's dashboards, by id. */
export const TOUR_PANELS = ['rain', 'river', 'sensors', 'cases', 'fleet', 'kpis'] as const;
export type TourPanel = (typeof TOUR_PANELS)[number];

/** Slowest and fastest replay speeds a segment may ask for (simulated s per wall s): the app clock's range. */
export const TOUR_MIN_SPEED = 1;
export const TOUR_MAX_SPEED = 3600;

const Vec3 = (description: string) =>
  Type.Tuple([Type.Number(), Type.Number(), Type.Number()], { description, minItems: 3, maxItems: 3 });

const Text = (description: string) =>
  Type.Object(
    {
      zh: Type.String({ minLength: 1, maxLength: 400, description: 'Chinese' }),
      en: Type.String({ minLength: 1, maxLength: 400, description: 'English' }),
    },
    { ...strict, description },
  );

/** A camera keyframe in the 3D scene's terms (deep-link `cam=`): metres, x east, y up, z south of the origin. */
export const KeyframeSchema = Type.Object(
  {
    at: Type.Number({ minimum: 0, maximum: 1, description: "fraction (0–1) of the segment's wall time" }),
    position: Vec3('camera position [x east, y up, z south] (m)'),
    target: Vec3('the point looked at [x, y, z] (m)'),
  },
  strict,
);

export const SegmentSchema = Type.Object(
  {
    fromS: Type.Number({ minimum: 0, description: 'simulated time the segment starts at (s)' }),
    toS: Type.Number({ minimum: 0, description: 'simulated time it ends at (s), after fromS' }),
    speed: Type.Number({
      minimum: TOUR_MIN_SPEED,
      maximum: TOUR_MAX_SPEED,
      description: `replay speed, simulated s per wall s (${TOUR_MIN_SPEED}–${TOUR_MAX_SPEED})`,
    }),
    title: Type.Optional(Text('a short heading over the caption')),
    caption: Text('what the visitor reads during the segment'),
    panels: Type.Optional(
      Type.Array(Type.Union(TOUR_PANELS.map((p) => Type.Literal(p))), {
        maxItems: 2,
        uniqueItems: true,
        description: `dashboards shown (at most 2): ${TOUR_PANELS.join(', ')}`,
      }),
    ),
    camera: Type.Optional(Type.Array(KeyframeSchema, { maxItems: 20, description: 'camera keyframes, `at` rising' })),
  },
  strict,
);

export const TourSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schema: Type.Literal('rivertwin.tour/1', { description: 'always rivertwin.tour/1' }),
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'lower-case id, e.g. bund-typhoon' }),
    title: Type.String({ minLength: 1, description: 'Chinese title' }),
    titleEn: Type.String({ minLength: 1, description: 'English title' }),
    run: Type.Object(
      {
        district: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'the district id' }),
        scenario: Type.String({
          pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$',
          description: "a scenario of the district's library, by name; a run of it is replayed",
        }),
        cellM: Type.Optional(
          Type.Number({ minimum: 2, maximum: 200, description: 'cell size (m) when the run must be made' }),
        ),
      },
      { ...strict, description: 'the run the tour replays' },
    ),
    segments: Type.Array(SegmentSchema, { minItems: 1, maxItems: 50, description: 'the story, in order' }),
  },
  strict,
);

export type TourKeyframe = Static<typeof KeyframeSchema>;
export type TourSegmentInput = Static<typeof SegmentSchema>;
export type TourInput = Static<typeof TourSchema>;
