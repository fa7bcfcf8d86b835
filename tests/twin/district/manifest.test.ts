import { describe, expect, it } from 'vitest';
import { formatFromFileName, parseManifest } from '../../../twin/district/index.ts';

const base = {
  schema: 'rivertwin.district/1',
  id: 'demo',
  name: '演示',
  sources: [{ role: 'buildings', file: 'b.geojson' }],
};

describe('district manifest', () => {
  it('fills defaults and infers formats from file names', () => {
    const m = parseManifest({
      ...base,
      sources: [...base.sources, { roles: ['roads', 'water'], file: 'map.osm.pbf' }],
    });
    expect(m.crs).toBe('EPSG:4326');
    expect(m.grid.cellM).toBe(5);
    // No other city's numbers fill what the manifest leaves out: a run refuses it by name instead.
    expect(m.drainage.defaultCapacityMmPerH).toBeUndefined();
    expect(m.river).toBeUndefined();
    expect(m.alarms).toBeUndefined();
    expect(m.lenient).toBe(false);
    expect(m.sources.map((s) => s.format)).toEqual(['geojson', 'osm-pbf']);
    expect(formatFromFileName('N31E121.hgt.zip')).toBe('hgt');
    expect(formatFromFileName('delft.city.json')).toBe('cityjson');
    expect(formatFromFileName('Zuid-Holland.osm.bz2')).toBe('osm-xml');
    expect(formatFromFileName('map.osm.gz')).toBe('osm-xml');
    expect(formatFromFileName('buildings.geojson.gz')).toBe('geojson');
  });

  it('keeps a declared format, lets a *.json serve any JSON role until its content is read, and reads clip and crs', () => {
    const m = parseManifest({
      ...base,
      crs: 'EPSG:28992',
      clip: [4.35, 52.0, 4.37, 52.01],
      sources: [
        { roles: ['roads', 'buildings'], file: 'map.pbf', format: 'osm-xml' },
        { role: 'buildings', file: 'buildings.json' },
      ],
    });
    expect(m.sources.map((s) => [s.format, s.formatDeclared])).toEqual([
      ['osm-xml', true],
      ['json', false],
    ]);
    expect(m.crsDeclared).toBe(true);
    expect(m.clip).toEqual({ bbox: [4.35, 52.0, 4.37, 52.01] });
    expect(parseManifest({ ...base, clip: 'area.geojson' }).clip).toEqual({ file: 'area.geojson' });
    expect(parseManifest(base).crsDeclared).toBe(false);
  });

  it.each([
    [{ ...base, schema: 'v0' }, /field "schema": unknown schema "v0"/],
    [{ ...base, id: 'Bad Id' }, /field "id": missing or invalid id/],
    [{ ...base, sources: [] }, /field "sources": no sources/],
    [
      { ...base, sources: [{ role: 'bridges', file: 'b.geojson' }] },
      /field "sources\[0\]\.role": unknown role "bridges"/,
    ],
    [{ ...base, sources: [{ role: 'terrain', file: 'b.geojson' }] }, /a geojson file cannot provide terrain/],
    [
      { ...base, sources: [{ role: 'buildings', file: '../etc/passwd.geojson' }] },
      /"file" must be a path inside the district folder/,
    ],
    [{ ...base, sources: [{ role: 'buildings', file: 'b.xyz' }] }, /cannot tell the format of b\.xyz/],
    [
      { ...base, sources: [{ role: 'buildings', file: 'b.xyz' }] },
      /field "sources\[0\]\.format": .*Fix: set "format" on this source to one of geojson, osm-xml, osm-pbf, cityjson/,
    ],
    [
      { ...base, sources: [{ role: 'buildings', file: 'b.geojson', format: 'shapefile' }] },
      /field "sources\[0\]\.format": unknown format "shapefile" for b\.geojson\. Fix: "format" is one of geojson, /,
    ],
    [{ ...base, sources: [{ role: 'terrain', file: 'dem.json' }] }, /a json file cannot provide terrain/],
    [
      { ...base, clip: [4.4, 52, 4.3, 52.1] },
      /field "clip": clip \[4\.4,52,4\.3,52\.1\] is not a longitude\/latitude box/,
    ],
    [{ ...base, clip: '../area.geojson' }, /field "clip": "clip" file must be a path inside the district folder/],
    [{ ...base, grid: { cellM: 0 } }, /field "grid\.cellM": grid\.cellM 0 is not a cell size/],
    [{ ...base, origin: { lon: 300, lat: 31 } }, /field "origin"/],
  ])('rejects %j with a message naming the field', (raw, message) => {
    expect(() => parseManifest(raw, 'x/district.json')).toThrow(message);
  });
});

describe('a district is its own place', () => {
  const alarms = { hotspotDepthM: 0.2, roadDepthM: 0.1, carClosureDepthM: 0.3, underpassClosureDepthM: 0.25 };
  it('reads river presets, alarms, flat ground and drainage as stated', () => {
    const river = { datum: 'NAP', presets: { high: { kind: 'constant', stageM: 1.1 } }, warningM: 1.5 };
    const m = parseManifest({
      ...base,
      river,
      alarms,
      terrain: { flat: { elevationM: 2 } },
      drainage: { defaultCapacityMmPerH: 20 },
    });
    expect(m.river).toEqual({ ...river, default: 'high' });
    expect(m.alarms).toEqual(alarms);
    expect(m.terrain).toEqual({ flat: { elevationM: 2 } });
    expect(m.drainage.defaultCapacityMmPerH).toBe(20);
  });

  it.each([
    [{ river: { presets: { a: { kind: 'constant', stageM: 1 } } } }, /field "river.datum"/],
    [{ river: { datum: 'NAP', presets: {} } }, /field "river.presets": the river names no stages/],
    [{ river: { datum: 'NAP', presets: { a: 3 } } }, /field "river.presets.a"/],
    [
      { river: { datum: 'NAP', presets: { a: { kind: 'constant' }, b: { kind: 'constant' } }, default: 'c' } },
      /field "river.default".*Fix: one of a, b/,
    ],
    [{ alarms: { ...alarms, roadDepthM: undefined } }, /field "alarms.roadDepthM": is missing/],
    [{ alarms: { ...alarms, hotspotDepthM: -1 } }, /field "alarms.hotspotDepthM"/],
    [{ alarms: { ...alarms, colour: 1 } }, /field "alarms.colour": unknown field/],
    [{ terrain: { flat: 2 } }, /field "terrain.flat.elevationM"/],
  ])('refuses %j naming the field', (extra, pattern) => {
    expect(() => parseManifest({ ...base, ...extra })).toThrow(pattern);
  });
});
