import { describe, expect, it } from 'vitest';
import { waterFromGeoJson, waterFromOsm, waterKindOf } from '../../../twin/io/vector.ts';
import { contextFor, describeGolden, osmFromFixture } from './vector-golden.ts';

describeGolden('water', (c, warnings) =>
  c.params.format === 'osm'
    ? waterFromOsm(osmFromFixture(c.readInput('osm.json')), contextFor(c, 'district.osm', warnings))
    : waterFromGeoJson(c.readInput('water.geojson'), contextFor(c, 'water.geojson', warnings)),
);

describe('waterKindOf', () => {
  it('recognises Shanghai rivers and creeks by name when the kind is plain water', () => {
    expect(waterKindOf('water', '黄浦江')).toBe('river');
    expect(waterKindOf('water', undefined, 'Suzhou River')).toBe('river');
    expect(waterKindOf('water', '虹口港')).toBe('canal');
    expect(waterKindOf('water')).toBe('water');
    expect(waterKindOf('riverbank')).toBe('river');
    expect(waterKindOf('reservoir')).toBe('lake');
    expect(waterKindOf('swimming_pool')).toBeUndefined();
  });
});
