// The tour's timeline: wall time to segment and simulated time and back, and the camera flown between keyframes —
// through each keyframe exactly, eased (no jump, no speed at a keyframe), held before the first and after the last.
import { describe, expect, it } from 'vitest';
import { cameraAt, easeInOut, parseTour, tourMoment, tourTimeOf } from '../../../simulation/tour/index.ts';

const tour = parseTour({
  schema: 'rivertwin.tour/1',
  name: 'two-parts',
  title: '两段',
  titleEn: 'Two parts',
  run: { district: 'shanghai-bund', scenario: 'typhoon-6h' },
  segments: [
    {
      fromS: 0,
      toS: 1200,
      speed: 60,
      caption: { zh: '一', en: 'one' },
      camera: [
        { at: 0.25, position: [0, 1000, 1000], target: [0, 0, 0] },
        { at: 1, position: [1000, 2000, 1000], target: [100, 0, 0] },
      ],
    },
    {
      fromS: 3600,
      toS: 7200,
      speed: 360,
      caption: { zh: '二', en: 'two' },
      camera: [{ at: 0.5, position: [-1000, 1000, 0], target: [0, 0, -100] }],
    },
  ],
});

describe('tour timeline', () => {
  it('places segments one after another in wall time', () => {
    expect(tour.segments.map((s) => [s.startS, s.durationS])).toEqual([
      [0, 20],
      [20, 10],
    ]);
    expect(tour.totalS).toBe(30);
    expect(tour.keyframes.map((k) => k.tourS)).toEqual([5, 20, 25]);
  });

  it('maps wall time to segment and simulated time, and back', () => {
    expect(tourMoment(tour, 0)).toEqual({ tourS: 0, index: 0, simS: 0 });
    expect(tourMoment(tour, 10)).toEqual({ tourS: 10, index: 0, simS: 600 });
    expect(tourMoment(tour, 20)).toEqual({ tourS: 20, index: 1, simS: 3600 });
    expect(tourMoment(tour, 25)).toEqual({ tourS: 25, index: 1, simS: 5400 });
    expect(tourMoment(tour, 30)).toEqual({ tourS: 30, index: 1, simS: 7200 });
    expect(tourMoment(tour, 99)).toEqual({ tourS: 30, index: 1, simS: 7200 });
    expect(tourMoment(tour, -4).tourS).toBe(0);
    for (const t of [0, 3.3, 12.5, 19.99, 20, 27.1, 30]) {
      const m = tourMoment(tour, t);
      expect(tourTimeOf(tour, m.index, m.simS)).toBeCloseTo(t, 9);
    }
    // A time outside its segment is held to the segment's ends.
    expect(tourTimeOf(tour, 0, 99_999)).toBe(20);
    expect(tourTimeOf(tour, 1, 0)).toBe(20);
  });

  it('flies the camera through every keyframe, eased, held at both ends', () => {
    for (const k of tour.keyframes) expect(cameraAt(tour, k.tourS)).toEqual({ position: k.position, target: k.target });
    expect(cameraAt(tour, 0)).toEqual(cameraAt(tour, 5));
    expect(cameraAt(tour, 30)).toEqual(cameraAt(tour, 25));
    // Half way between two keyframes in time is half way in space (the ease is symmetric) …
    expect(cameraAt(tour, 12.5).position).toEqual([500, 1500, 1000]);
    // … and the flight starts slowly: a tenth of the time covers less than a tenth of the way.
    const early = cameraAt(tour, 5 + 1.5).position[0];
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(100);
    // No jump anywhere: small steps in time give small steps in space.
    let prev = cameraAt(tour, 0).position;
    for (let t = 0.05; t <= 30; t += 0.05) {
      const p = cameraAt(tour, t).position;
      expect(Math.hypot(p[0] - prev[0], p[1] - prev[1], p[2] - prev[2])).toBeLessThan(40);
      prev = p;
    }
  });

  it('eases in and out', () => {
    expect([easeInOut(-1), easeInOut(0), easeInOut(0.5), easeInOut(1), easeInOut(2)]).toEqual([0, 0, 0.5, 1, 1]);
    expect(easeInOut(0.01)).toBeLessThan(0.001);
  });

  it('writes into the pose it is given', () => {
    const out = { position: [0, 0, 0] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
    expect(cameraAt(tour, 20, out)).toBe(out);
    expect(out.position).toEqual([1000, 2000, 1000]);
  });
});
