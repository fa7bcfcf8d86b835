import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEIGHT_BY_KIND,
  defaultHeightForKind,
  inferBuildingHeight,
  parseLengthM,
} from '../../../twin/io/vector.ts';

describe('parseLengthM', () => {
  it.each([
    [12, 12],
    ['12', 12],
    ['12 m', 12],
    ['12.5m', 12.5],
    ['12,5', 12.5],
    ['12 metres', 12],
    ["40'", 12.192],
    ['40 ft', 12.192],
    ['12\'6"', 3.81],
  ])('reads %j as %f m', (input, metres) => {
    expect(parseLengthM(input)).toBeCloseTo(metres, 6);
  });

  it('returns undefined when absent and NaN when unreadable', () => {
    expect(parseLengthM(undefined)).toBeUndefined();
    expect(parseLengthM('  ')).toBeUndefined();
    expect(parseLengthM('tall')).toBeNaN();
    expect(parseLengthM('10;12')).toBeNaN();
  });
});

describe('inferBuildingHeight', () => {
  it('prefers the tagged height, then levels × 3 m (+ roof levels), then the default for the kind', () => {
    expect(inferBuildingHeight({ height: '24', levels: '3', kind: 'office' })).toEqual({
      heightM: 24,
      minHeightM: 0,
      heightSource: 'height',
    });
    expect(inferBuildingHeight({ levels: '5', roofLevels: '1', kind: 'office' })).toEqual({
      heightM: 18,
      minHeightM: 0,
      heightSource: 'levels',
    });
    expect(inferBuildingHeight({ kind: 'office' })).toEqual({ heightM: 30, minHeightM: 0, heightSource: 'default' });
    expect(inferBuildingHeight({ kind: 'Residential ' }).heightM).toBe(18);
    expect(inferBuildingHeight({ kind: 'spaceport' }).heightM).toBe(DEFAULT_HEIGHT_BY_KIND.yes.heightM);
  });

  it('honours min_height and building:min_level, keeping a default part above its bottom', () => {
    expect(inferBuildingHeight({ height: 102.97, minHeight: 89.87, kind: 'building_part' })).toEqual({
      heightM: 102.97,
      minHeightM: 89.87,
      heightSource: 'height',
    });
    expect(inferBuildingHeight({ levels: 10, minLevel: 4, kind: 'yes' })).toEqual({
      heightM: 30,
      minHeightM: 12,
      heightSource: 'levels',
    });
    const raised = inferBuildingHeight({ minHeight: 40, kind: 'yes' });
    expect(raised.heightSource).toBe('default');
    expect(raised.heightM).toBe(43);
  });

  it('treats a height of 0 as untagged', () => {
    expect(inferBuildingHeight({ height: 0, kind: 'shed' })).toEqual({
      heightM: 3,
      minHeightM: 0,
      heightSource: 'default',
    });
  });

  it('names the feature and field of an unreadable or impossible value', () => {
    const where = { file: 'b.geojson', feature: '3 (id 7)' };
    expect(() => inferBuildingHeight({ height: 'tall', kind: 'yes' }, where)).toThrow(
      /^twin: b\.geojson, feature 3 \(id 7\), field "height": height "tall" is not a positive length\. Fix: /,
    );
    expect(() => inferBuildingHeight({ height: 10, minHeight: 12, kind: 'yes' }, where)).toThrow(
      'field "height": height 10 m is not above min_height 12 m',
    );
    expect(() => inferBuildingHeight({ levels: 'five', kind: 'yes' }, where)).toThrow('field "building:levels"');
    expect(() => inferBuildingHeight({ minHeight: '-3', kind: 'yes' }, where)).toThrow('field "min_height"');
  });

  it('has a reason for every default and keeps defaults between 3 and 30 m', () => {
    for (const [kind, d] of Object.entries(DEFAULT_HEIGHT_BY_KIND)) {
      expect(d.reason.length, kind).toBeGreaterThan(5);
      expect(defaultHeightForKind(kind)).toBeGreaterThanOrEqual(3);
      expect(defaultHeightForKind(kind)).toBeLessThanOrEqual(30);
    }
  });
});
