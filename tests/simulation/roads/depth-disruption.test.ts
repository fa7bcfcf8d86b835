import { describe, expect, it } from 'vitest';
import {
  CAR,
  PREGNOLATO_MIN_SPEED_KMH,
  PREGNOLATO_VERTEX_MM,
  PUMP_TRUCK,
  pregnolatoSpeedKmh,
  wadingSpeedKmh,
} from '../../../simulation/roads/index.ts';

describe('Pregnolato depth–disruption curve', () => {
  it('follows v = 0.0009 w² − 0.5529 w + 86.9448 km/h below its vertex', () => {
    expect(pregnolatoSpeedKmh(0)).toBeCloseTo(86.9448, 10);
    expect(pregnolatoSpeedKmh(100)).toBeCloseTo(9 - 55.29 + 86.9448, 10);
    expect(pregnolatoSpeedKmh(200)).toBeCloseTo(36 - 110.58 + 86.9448, 10);
  });

  it('has no real root: it bottoms out near 307 mm at about 2.03 km/h and is held there, never negative or NaN', () => {
    expect(PREGNOLATO_VERTEX_MM).toBeCloseTo(307.1667, 3);
    expect(PREGNOLATO_MIN_SPEED_KMH).toBeCloseTo(2.0286, 3);
    let previous = Infinity;
    for (let w = -50; w <= 2000; w += 0.5) {
      const v = pregnolatoSpeedKmh(w);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(previous);
      previous = v;
    }
    expect(pregnolatoSpeedKmh(1000)).toBe(PREGNOLATO_MIN_SPEED_KMH);
    expect(pregnolatoSpeedKmh(Number.NaN)).toBeCloseTo(86.9448, 10);
  });

  it('is capped by the free-flow speed and stops each class at its wading depth', () => {
    expect(wadingSpeedKmh(0, 40, CAR)).toBe(40);
    expect(wadingSpeedKmh(0.05, 40, CAR)).toBe(40);
    expect(wadingSpeedKmh(0.2, 40, CAR)).toBeCloseTo(12.3648, 4);
    expect(wadingSpeedKmh(0.299, 40, CAR)).toBeGreaterThan(0);
    expect(wadingSpeedKmh(0.3, 40, CAR)).toBe(0);
    expect(wadingSpeedKmh(0.3, 40, PUMP_TRUCK)).toBeGreaterThan(2);
    expect(wadingSpeedKmh(0.45, 40, PUMP_TRUCK)).toBe(PREGNOLATO_MIN_SPEED_KMH);
    expect(wadingSpeedKmh(0.5, 40, PUMP_TRUCK)).toBe(0);
    expect(wadingSpeedKmh(0, 60, { id: 'heavy', closureDepthM: 0.5, maxSpeedKmh: 50 })).toBe(50);
  });
});
