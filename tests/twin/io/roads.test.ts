// The road tag rules (class, drivability, one-way, layer, maxspeed, free speed) and the importers on the real
// bundled data: the Bund's Tilezen roads and the People's Square OSM export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TwinWarning } from '../../../twin/errors.ts';
import { parseOsmXml } from '../../../twin/io/osm.ts';
import {
  DEFAULT_FREE_SPEED_KMH,
  freeSpeedKmh,
  isDrivable,
  parseLayer,
  parseMaxSpeedKmh,
  parseOneway,
  roadClassOf,
  roadsFromGeoJson,
  roadsFromOsm,
  sourceIdOf,
} from '../../../twin/io/roads.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { sharedDataDir } from '../../helpers/golden.ts';

const ctx = (file: string, warnings: TwinWarning[] = []) => ({
  file,
  projector: projectorFor('EPSG:4326', createLocalFrame(121.5005, 31.2387)),
  opts: { warnings },
});

describe('road tag rules', () => {
  it('parses maxspeed in km/h, mph and knots, and gives up on words', () => {
    expect(parseMaxSpeedKmh('60')).toBe(60);
    expect(parseMaxSpeedKmh(' 50 km/h ')).toBe(50);
    expect(parseMaxSpeedKmh('60 mph')).toBeCloseTo(96.56, 2);
    expect(parseMaxSpeedKmh('10 knots')).toBeCloseTo(18.52, 2);
    expect(parseMaxSpeedKmh('50;40')).toBe(50);
    for (const v of ['none', 'walk', 'CN:urban', '', '0', undefined]) expect(parseMaxSpeedKmh(v)).toBeUndefined();
  });

  it('reads one-way from oneway, roundabouts and motorways', () => {
    expect(parseOneway({ oneway: 'yes' }, 'primary')).toBe(1);
    expect(parseOneway({ oneway: 'true' }, 'primary')).toBe(1);
    expect(parseOneway({ oneway: '1' }, 'primary')).toBe(1);
    expect(parseOneway({ oneway: '-1' }, 'primary')).toBe(-1);
    expect(parseOneway({ oneway: 'no' }, 'motorway')).toBe(0);
    expect(parseOneway({ junction: 'roundabout' }, 'tertiary')).toBe(1);
    expect(parseOneway({ junction: 'roundabout', oneway: 'no' }, 'tertiary')).toBe(0);
    expect(parseOneway({}, 'motorway')).toBe(1);
    expect(parseOneway({ oneway: 'reversible' }, 'primary')).toBe(0);
    expect(parseOneway({}, 'residential')).toBe(0);
  });

  it('gives untagged bridges layer 1 and tunnels -1', () => {
    expect(parseLayer(undefined, true, false)).toBe(1);
    expect(parseLayer(undefined, false, true)).toBe(-1);
    expect(parseLayer('2', true, false)).toBe(2);
    expect(parseLayer('x', false, false)).toBe(0);
  });

  it('lets motor vehicles on streets but not on paths, rail, ferries or closed roads', () => {
    for (const h of [
      'motorway_link',
      'trunk',
      'primary',
      'secondary',
      'tertiary',
      'residential',
      'service',
      'unclassified',
      'living_street',
    ])
      expect(isDrivable(h), h).toBe(true);
    for (const h of ['footway', 'path', 'steps', 'cycleway', 'pedestrian', 'track', 'rail', 'ferry', 'construction'])
      expect(isDrivable(h), h).toBe(false);
    expect(isDrivable('residential', { access: 'no' })).toBe(false);
    expect(isDrivable('service', { motor_vehicle: 'no' })).toBe(false);
    expect(isDrivable('service', { access: 'no', motor_vehicle: 'yes' })).toBe(true);
    expect(isDrivable('residential', { access: 'private' })).toBe(true);
  });

  it('prefers the tagged maxspeed to the class default, and the defaults follow CJJ 37 ranges', () => {
    expect(freeSpeedKmh({ highway: 'secondary', maxSpeedKmh: 35 })).toBe(35);
    expect(freeSpeedKmh({ highway: 'secondary' })).toBe(40);
    expect(roadClassOf('primary_link')).toBe('primary');
    expect(roadClassOf('living_street')).toBe('residential');
    // Expressway 60–100, arterial 40–60, sub-arterial 30–50, branch 20–40 km/h.
    expect(DEFAULT_FREE_SPEED_KMH.motorway).toBeGreaterThanOrEqual(60);
    expect(DEFAULT_FREE_SPEED_KMH.primary).toBeGreaterThanOrEqual(40);
    expect(DEFAULT_FREE_SPEED_KMH.primary).toBeLessThanOrEqual(60);
    expect(DEFAULT_FREE_SPEED_KMH.secondary).toBeGreaterThanOrEqual(30);
    expect(DEFAULT_FREE_SPEED_KMH.secondary).toBeLessThanOrEqual(50);
    expect(DEFAULT_FREE_SPEED_KMH.residential).toBeGreaterThanOrEqual(20);
    expect(DEFAULT_FREE_SPEED_KMH.residential).toBeLessThanOrEqual(40);
  });

  it('recovers the source id of a tile piece', () => {
    expect(sourceIdOf('177931018#2')).toBe('177931018');
    expect(sourceIdOf('177931018')).toBe('177931018');
    expect(sourceIdOf('way/5#x')).toBe('way/5#x');
  });
});

describe('road importers on the bundled data', () => {
  it('reads the Bund Tilezen layer: every line piece, names, bridges and tunnels', () => {
    const text = readFileSync(path.join(sharedDataDir, 'shanghai-bund', 'roads.geojson'), 'utf8');
    const fc = JSON.parse(text) as { features: { geometry: { type: string; coordinates: unknown[] } }[] };
    const pieces = fc.features.reduce(
      (n, f) => n + (f.geometry.type === 'LineString' ? 1 : f.geometry.coordinates.length),
      0,
    );
    const warnings: TwinWarning[] = [];
    const roads = roadsFromGeoJson(text, ctx('roads.geojson', warnings));
    expect(fc.features).toHaveLength(1778);
    expect(roads).toHaveLength(pieces);
    expect(warnings).toEqual([]);
    expect(new Set(roads.map((r) => r.id)).size).toBe(roads.length);
    const drivable = roads.filter((r) => r.drivable);
    expect(drivable.every((r) => r.roadClass !== 'path' && r.roadClass !== 'other')).toBe(true);
    expect(roads.filter((r) => r.highway === 'subway').length).toBe(0);
    expect(roads.some((r) => r.bridge && r.drivable)).toBe(true);
    expect(roads.some((r) => r.tunnel && r.drivable)).toBe(true);
    expect(roads.some((r) => r.name && r.nameEn)).toBe(true);
    // Every coordinate lies in the district, within a few kilometres of the origin.
    for (const r of roads) for (const [x, y] of r.coords) expect(Math.hypot(x, y)).toBeLessThan(3000);
  });

  it('reads the People’s Square OSM export: one segment per highway way', () => {
    const osm = parseOsmXml(
      readFileSync(path.join(sharedDataDir, 'shanghai-peoples-square', 'shanghai.osm'), 'utf8'),
      'shanghai.osm',
    );
    const roads = roadsFromOsm(osm, ctx('shanghai.osm'));
    expect(roads).toHaveLength(osm.ways.filter((w) => w.tags.highway).length);
    expect(roads.filter((r) => r.maxSpeedKmh !== undefined)).toHaveLength(
      osm.ways.filter((w) => w.tags.maxspeed).length,
    );
    expect(roads.filter((r) => r.oneway === 1)).toHaveLength(osm.ways.filter((w) => w.tags.oneway === 'yes').length);
    // The three ways tagged access=no are the only ones closed to motor vehicles.
    expect(
      roads
        .filter((r) => !r.drivable)
        .map((r) => r.id)
        .sort(),
    ).toEqual(
      osm.ways
        .filter((w) => w.tags.access === 'no')
        .map((w) => String(w.id))
        .sort(),
    );
  });
});
