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
    expect(m.drainage.defaultCapacityMmPerH).toBe(36);
    expect(m.lenient).toBe(false);
    expect(m.sources.map((s) => s.format)).toEqual(['geojson', 'osm-pbf']);
    expect(formatFromFileName('N31E121.hgt.zip')).toBe('hgt');
    expect(formatFromFileName('delft.city.json')).toBe('cityjson');
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
    [{ ...base, grid: { cellM: 0 } }, /field "grid\.cellM": grid\.cellM 0 is not a cell size/],
    [{ ...base, origin: { lon: 300, lat: 31 } }, /field "origin"/],
  ])('rejects %j with a message naming the field', (raw, message) => {
    expect(() => parseManifest(raw, 'x/district.json')).toThrow(message);
  });
});
