// The surface table in code equals datasets/surface-parameters.json, every number there has a source, and road
// widths follow the documented rules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SURFACE_PARAMETERS,
  parseSurfaceParameters,
  roadWidthM,
  SurfaceClass,
} from '../../../twin/grid/index.ts';
import type { RoadSegment } from '../../../twin/types.ts';
import { repoRoot } from '../../helpers/golden.ts';

const jsonPath = path.join(repoRoot, 'datasets/surface-parameters.json');

describe('surface parameters', () => {
  it('the code copy equals datasets/surface-parameters.json', () => {
    const parsed = parseSurfaceParameters(JSON.parse(readFileSync(jsonPath, 'utf8')), 'surface-parameters.json');
    expect(parsed).toEqual({
      ...DEFAULT_SURFACE_PARAMETERS,
      greenKinds: [...DEFAULT_SURFACE_PARAMETERS.greenKinds].sort(),
      pavedKinds: [...DEFAULT_SURFACE_PARAMETERS.pavedKinds].sort(),
    });
  });

  it('has roads smoother than paving, paving smoother than green', () => {
    const n = DEFAULT_SURFACE_PARAMETERS.surfaces.map((s) => s.manningN);
    expect(n[SurfaceClass.Road]).toBeLessThan(n[SurfaceClass.Paved]);
    expect(n[SurfaceClass.Paved]).toBeLessThan(n[SurfaceClass.Green]);
  });

  it('names the field of a number without a source or out of range', () => {
    const doc = JSON.parse(readFileSync(jsonPath, 'utf8'));
    doc.surfaces.road.manningN = { value: 0.013 };
    expect(() => parseSurfaceParameters(doc, 's.json')).toThrow(
      /s\.json, field "surfaces\.road\.manningN": the value has no source/,
    );
    doc.surfaces.road.manningN = { value: 3, source: 'x' };
    expect(() => parseSurfaceParameters(doc, 's.json')).toThrow(
      /field "surfaces\.road\.manningN": expected \{ "value": number in 0\.005–0\.5/,
    );
    doc.surfaces.road.manningN = { value: 0.013, source: 'x' };
    doc.surfaces.green.infiltration = 'sponge';
    expect(() => parseSurfaceParameters(doc, 's.json')).toThrow(
      /field "surfaces\.green\.infiltration": infiltration "sponge"/,
    );
  });

  it('draws roads by class, halves one-way roads, skips bridges, tunnels, rail and ferries', () => {
    const road = (over: Partial<RoadSegment>): RoadSegment => ({
      id: 'r',
      highway: 'primary',
      roadClass: 'primary',
      drivable: true,
      oneway: 0,
      bridge: false,
      tunnel: false,
      layer: 0,
      coords: [],
      ...over,
    });
    expect(roadWidthM(road({}))).toBe(14);
    expect(roadWidthM(road({ oneway: 1 }))).toBe(7);
    expect(roadWidthM(road({ roadClass: 'service', highway: 'service', oneway: -1 }))).toBe(3.5);
    expect(roadWidthM(road({ drivable: false, highway: 'footway', roadClass: 'path' }))).toBe(3);
    expect(roadWidthM(road({ bridge: true }))).toBe(0);
    expect(roadWidthM(road({ tunnel: true }))).toBe(0);
    expect(roadWidthM(road({ highway: 'ferry', drivable: false, roadClass: 'other' }))).toBe(0);
    expect(roadWidthM(road({ highway: 'rail', drivable: false, roadClass: 'other' }))).toBe(0);
  });
});
