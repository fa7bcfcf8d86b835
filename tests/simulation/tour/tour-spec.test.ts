// The tour parser: the bundled tour reads and lasts 1–2 minutes; each kind of mistake is refused with its JSON path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTour } from '../../../simulation/tour/index.ts';
import { repoRoot } from '../../helpers/cli.ts';

const BUNDLED = join(repoRoot, 'datasets', 'shanghai-bund', 'tours', 'bund-typhoon.json');
interface RawSegment {
  [field: string]: unknown;
  fromS: number;
  speed: number;
  panels?: string[];
  caption: Record<string, string>;
  camera?: { at: number; position: number[]; target: number[] }[];
}
const raw = () => JSON.parse(readFileSync(BUNDLED, 'utf8')) as Record<string, unknown> & { segments: RawSegment[] };

/** The message of the error parseTour throws for `tour`. */
function refusal(tour: unknown): string {
  try {
    parseTour(tour, 'tour.json');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('parseTour accepted it');
}

describe('parseTour', () => {
  it('reads the bundled Bund tour: a typhoon-6h story of 1–2 minutes, captions in both languages', () => {
    const t = parseTour(raw(), 'bund-typhoon.json');
    expect(t.run).toEqual({ district: 'shanghai-bund', scenario: 'typhoon-6h' });
    expect(t.totalS).toBeGreaterThanOrEqual(60);
    expect(t.totalS).toBeLessThanOrEqual(120);
    for (const s of t.segments) {
      expect(s.caption.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(s.caption.en).toMatch(/^[\x20-\x7e“”—–]+$/);
      expect(s.durationS).toBeCloseTo((s.toS - s.fromS) / s.speed, 9);
    }
    // The story moves forward through the storm, each segment starting where the last ended.
    for (let i = 1; i < t.segments.length; i++) {
      expect(t.segments[i].fromS).toBe(t.segments[i - 1].toS);
      expect(t.segments[i].startS).toBeCloseTo(t.segments[i - 1].startS + t.segments[i - 1].durationS, 9);
    }
    expect(t.keyframes.map((k) => k.tourS)).toEqual([...t.keyframes.map((k) => k.tourS)].sort((a, b) => a - b));
    expect(t.keyframes[0].tourS).toBe(0);
  });

  it('names the JSON path of a bad field and the fix', () => {
    const cases: [(r: ReturnType<typeof raw>) => void, RegExp][] = [
      [(r) => (r.schema = 'rivertwin.tour/2'), /field "\/schema"/],
      [(r) => delete r.run, /field "\/run": is missing/],
      [(r) => (r.segments[2].speed = 0), /field "\/segments\/2\/speed".*1–3600/],
      [(r) => (r.segments[1].toS = r.segments[1].fromS), /field "\/segments\/1\/toS": .*not after fromS.*Fix/],
      [(r) => (r.segments[0].panels = ['rain', 'weather']), /field "\/segments\/0\/panels\/1"/],
      [(r) => (r.segments[0].panels = ['rain', 'river', 'kpis']), /field "\/segments\/0\/panels"/],
      [(r) => (r.segments[3].caption = { zh: '雨峰' }), /field "\/segments\/3\/caption\/en": is missing/],
      [(r) => (r.segments[0].camera![1].at = -0.5), /field "\/segments\/0\/camera\/1\/at"/],
      [(r) => (r.segments[0].camera![1].position = [1, 2]), /field "\/segments\/0\/camera\/1\/position"/],
      [
        (r) => {
          r.segments[0].camera![0].at = 1;
          r.segments[0].camera![1].at = 0.5;
        },
        /field "\/segments\/0\/camera\/1\/at": 0\.5 comes before the keyframe above it/,
      ],
      [(r) => (r.segments[1].camera![0].position[1] = -5), /field "\/segments\/1\/camera\/0\/position\/1".*not above/],
      [
        (r) => (r.segments[1].camera![0].position = [20000, 9000, 0]),
        /segments\/1\/camera\/0\/position".*m from its target/,
      ],
      [(r) => (r.segments[4].colour = 'red'), /field "\/segments\/4\/colour": unknown field.*caption/],
      [(r) => (r.segments = []), /field "\/segments"/],
      [(r) => r.segments.forEach((s) => delete s.camera), /no camera keyframe/],
    ];
    for (const [spoil, expected] of cases) {
      const r = raw();
      spoil(r);
      const msg = (() => {
        try {
          return refusal(r);
        } catch {
          return `accepted, expected ${expected}`;
        }
      })();
      expect(msg, msg).toMatch(expected);
      expect(msg).toMatch(/^simulation: tour\.json, field "/);
      expect(msg.split('\n')).toHaveLength(1);
    }
  });

  it('refuses what is not a tour at all', () => {
    expect(refusal(null)).toMatch(/tour\.json/);
    expect(refusal([1, 2])).toMatch(/tour\.json/);
  });
});
