// Reading a presentation tour: checked against its schema (tour-schema.ts) and across fields, each problem one line
// naming its JSON path and the fix, then placed on a wall-clock timeline that the app, the tour video and tests share.
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { SimulationError } from '../errors.ts';
import { TourSchema, type TourInput, type TourKeyframe, type TourSegmentInput } from './tour-schema.ts';

/** Nearest and farthest the app's camera controls allow between the camera and what it looks at (m). */
export const CAMERA_MIN_DISTANCE_M = 50;
export const CAMERA_MAX_DISTANCE_M = 12_000;

/** A segment placed on the tour's wall-clock timeline. */
export interface TourSegment extends TourSegmentInput {
  /** Wall time from the tour's start at which the segment starts (s). */
  startS: number;
  /** Its wall duration: (toS − fromS) / speed (s). */
  durationS: number;
}

/** A camera keyframe placed on the tour's timeline. */
export interface PlacedKeyframe {
  /** Wall time from the tour's start (s). */
  tourS: number;
  position: [number, number, number];
  target: [number, number, number];
}

/** A checked tour. */
export interface Tour extends Omit<TourInput, 'segments' | '$schema'> {
  segments: TourSegment[];
  /** Every camera keyframe of every segment, in time order. */
  keyframes: PlacedKeyframe[];
  /** Wall duration of the whole tour (s). */
  totalS: number;
}

/**
 * Checks a tour (parsed JSON) and places it on its timeline.
 * @param input what to call it in messages (a file name)
 * @throws SimulationError naming the JSON path of the first bad field and the fix
 */
export function parseTour(raw: unknown, input = 'tour'): Tour {
  const bad = (path: string, what: string, hint?: string): never => {
    throw new SimulationError(what, { input, field: path || '/' }, hint, 'SIM_ERR_INPUT');
  };
  const problem = firstProblem(TourSchema, raw);
  if (problem) bad(problem.path, problem.message, problem.hint);
  const t = raw as TourInput;
  const segments: TourSegment[] = [];
  const keyframes: PlacedKeyframe[] = [];
  let startS = 0;
  t.segments.forEach((s, i) => {
    const at = `/segments/${i}`;
    if (s.toS <= s.fromS) bad(`${at}/toS`, `${s.toS} s is not after fromS (${s.fromS} s)`, 'give toS > fromS');
    const durationS = (s.toS - s.fromS) / s.speed;
    (s.camera ?? []).forEach((k, j) => {
      const prev = s.camera![j - 1];
      if (prev && k.at < prev.at)
        bad(`${at}/camera/${j}/at`, `${k.at} comes before the keyframe above it (${prev.at})`, 'keep `at` rising');
      checkPose(k, `${at}/camera/${j}`, bad);
      keyframes.push({ tourS: startS + k.at * durationS, position: [...k.position], target: [...k.target] });
    });
    segments.push({ ...structuredClone(s), startS, durationS });
    startS += durationS;
  });
  if (keyframes.length === 0)
    bad('/segments/0/camera', 'the tour has no camera keyframe', 'give the first segment a keyframe at 0');
  const { $schema: _schema, segments: _segments, ...head } = structuredClone(t);
  return { ...head, segments, keyframes, totalS: startS };
}

function checkPose(k: TourKeyframe, at: string, bad: (path: string, what: string, hint?: string) => never): void {
  const [px, py, pz] = k.position;
  const [tx, ty, tz] = k.target;
  if (py <= ty) bad(`${at}/position/1`, `the camera (y ${py} m) is not above its target (y ${ty} m)`, 'raise it');
  const d = Math.hypot(px - tx, py - ty, pz - tz);
  if (d < CAMERA_MIN_DISTANCE_M || d > CAMERA_MAX_DISTANCE_M)
    bad(
      `${at}/position`,
      `the camera is ${Math.round(d)} m from its target`,
      `keep it ${CAMERA_MIN_DISTANCE_M}–${CAMERA_MAX_DISTANCE_M} m away, as the app's controls do`,
    );
}

/** The first thing wrong with `value` against `schema`, with its JSON path, or null. */
function firstProblem(schema: TSchema, value: unknown): { path: string; message: string; hint?: string } | null {
  const e = Value.Errors(schema, value).First();
  if (!e) return null;
  const here = pointer(value, e.path);
  if (e.message.startsWith('Unexpected property')) {
    const fields = Object.keys(parentSchema(schema, e.path)?.properties ?? {});
    return { path: e.path, message: 'unknown field', hint: `fields here are ${fields.join(', ')}` };
  }
  const desc = typeof e.schema.description === 'string' ? e.schema.description : undefined;
  const hint = desc ? `${e.path.slice(e.path.lastIndexOf('/') + 1) || 'the tour'}: ${desc}` : undefined;
  if (e.message.startsWith('Expected required property')) return { path: e.path, message: 'is missing', hint };
  return { path: e.path, message: `${JSON.stringify(here) ?? 'nothing'}: ${e.message.toLowerCase()}`, hint };
}

function parentSchema(schema: TSchema, path: string): { properties?: Record<string, TSchema> } | undefined {
  let s: TSchema | undefined = schema;
  for (const p of path.split('/').slice(1, -1)) {
    if (!s) return undefined;
    s = s.type === 'array' ? (s.items as TSchema) : (s.properties as Record<string, TSchema> | undefined)?.[p];
  }
  return s as { properties?: Record<string, TSchema> } | undefined;
}

function pointer(value: unknown, path: string): unknown {
  let v = value;
  for (const p of path.split('/').slice(1))
    v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[p];
  return v;
}
