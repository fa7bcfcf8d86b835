// The app's pure parts: the one simulated clock (speed, range, steps, follow-live), deep links round-tripping,
// the depth classes, and trucks moving along the road they had ahead between control steps.
import { describe, expect, it } from 'vitest';
import { formatClock, SimClock } from '../../scenes/src/clock/sim-clock.ts';
import { formatDeepLink, parseDeepLink, parseTime } from '../../scenes/src/store/deep-link.ts';
import { depthClass } from '../../scenes/src/scene/depth-classes.ts';
import { nearestOnPath, truckPoseAt } from '../../scenes/src/scene/truck-motion.ts';

describe('SimClock', () => {
  it('advances simulated time by wall time × multiplier, only while playing, and stops at the end', () => {
    const c = new SimClock({ startS: 0, stopS: 600, multiplier: 60 });
    c.tick(0);
    c.tick(1000);
    expect(c.currentS).toBe(0);
    c.play();
    c.tick(1000);
    c.tick(3000);
    expect(c.currentS).toBe(60);
    c.tick(8000);
    c.tick(9000);
    c.tick(10_000);
    c.tick(11_000);
    c.tick(12_000);
    c.tick(13_000);
    c.tick(14_000);
    c.tick(15_000);
    c.tick(16_000);
    c.tick(17_000);
    expect(c.currentS).toBe(600);
    expect(c.snapshot().playing).toBe(false);
  });

  it('clamps the multiplier to 1×–3600× and times to the range', () => {
    const c = new SimClock({ startS: 100, stopS: 200, currentS: 5 });
    expect(c.currentS).toBe(100);
    c.setMultiplier(1e6);
    expect(c.snapshot().multiplier).toBe(3600);
    c.setMultiplier(0);
    expect(c.snapshot().multiplier).toBe(1);
    c.setTime(1e9);
    expect(c.currentS).toBe(200);
  });

  it('steps by control steps onto step boundaries, and follows a growing live range', () => {
    const c = new SimClock({ startS: 0, stopS: 3600, currentS: 90 });
    c.step(1, 60);
    expect(c.currentS).toBe(120);
    c.step(-1, 60);
    expect(c.currentS).toBe(60);
    c.step(-1, 60);
    expect(c.currentS).toBe(0);
    c.setFollowLive(true);
    expect(c.currentS).toBe(3600);
    c.setRange(0, 4200);
    c.tick(0);
    expect(c.currentS).toBe(4200);
    c.setTime(100);
    expect(c.snapshot().followLive).toBe(false);
    c.setRange(0, 4800);
    expect(c.currentS).toBe(100);
  });

  it('formats simulated time as a clock', () => {
    expect(formatClock(4985)).toBe('01:23:05');
  });
});

describe('deep links', () => {
  it('carries the mode and drops an unknown or default one', () => {
    expect(parseDeepLink('?mode=twin')).toEqual({});
    expect(parseDeepLink('?mode=nonsense')).toEqual({});
    expect(formatDeepLink({ mode: 'twin' })).toBe('');
  });

  it('round-trip run, time, dashboard, camera and language', () => {
    const link = {
      run: 'run-abc_1',
      t: 5400,
      view: 'river' as const,
      cam: { position: [10, 800, -1200] as [number, number, number], target: [0, 0, -5] as [number, number, number] },
      lang: 'en' as const,
    };
    expect(parseDeepLink(formatDeepLink(link))).toEqual(link);
  });

  it('ignores what is malformed instead of failing', () => {
    expect(parseDeepLink('?run=../etc&t=soon&view=nope&cam=1,2,3&lang=fr')).toEqual({});
    expect(parseTime('01:30')).toBe(5400);
    expect(parseTime('90m')).toBe(5400);
    expect(parseTime('1.5h')).toBe(5400);
  });
});

describe('depth classes', () => {
  it('puts depths in the four alarm classes, dry below 1 cm', () => {
    expect([0, 0.005, 0.01, 0.149, 0.15, 0.29, 0.3, 0.49, 0.5, 2].map(depthClass)).toEqual([
      -1, -1, 0, 0, 1, 1, 2, 2, 3, 3,
    ]);
    expect(depthClass(NaN)).toBe(-1);
  });
});

describe('truck motion between control steps', () => {
  const earlier = {
    xy: [0, 0] as const,
    route: [
      [100, 0],
      [100, 100],
    ] as const,
  };

  it('follows the road ahead (round the corner), not the straight line', () => {
    const mid = truckPoseAt(earlier, [100, 100], 0.75);
    expect(mid.x).toBeCloseTo(100);
    expect(mid.y).toBeCloseTo(50);
    expect(mid.headingRad).toBeCloseTo(Math.PI / 2);
    const start = truckPoseAt(earlier, [100, 100], 0);
    expect([start.x, start.y]).toEqual([0, 0]);
  });

  it('goes straight when rerouted off that road, and stands still without a later position', () => {
    const off = truckPoseAt(earlier, [0, 200], 0.5);
    expect([off.x, off.y]).toEqual([0, 100]);
    const gone = truckPoseAt(earlier, null, 0.5);
    expect([gone.x, gone.y]).toEqual([0, 0]);
  });

  it('measures the distance along a path to its nearest point', () => {
    expect(
      nearestOnPath(
        [
          [0, 0],
          [100, 0],
          [100, 100],
        ],
        [110, 30],
      ),
    ).toEqual({ alongM: 130, distM: 10 });
  });
});
