// The local frame as GIS tools see it: one parameter record behind the proj4 string, the WKT and the GeoKeys,
// checked against the twin's own conversions and, where installed, against GDAL's reading of the WKT.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createLocalFrame,
  localFrameGeoKeys,
  localFrameName,
  localFrameProj4,
  localFrameWkt,
  localToWgs84,
  lonLatOf,
  wgs84ToLocal,
  type WktDialect,
} from '../../../twin/projection/index.ts';
import { gdal, gdalMissing, gdalSuite } from '../../helpers/gdal.ts';

const bund = createLocalFrame(121.5005, 31.2387);
const southWest = createLocalFrame(-58.3816, -34.6037);

describe('local frame CRS', () => {
  it('is the definition the twin converts with', () => {
    const conv = proj4('EPSG:4326', localFrameProj4(bund));
    for (const [lon, lat] of [
      [121.49, 31.25],
      [121.52, 31.22],
    ]) {
      expect(conv.forward([lon, lat])).toEqual(wgs84ToLocal(bund, lon, lat));
    }
    expect(localFrameProj4(bund)).toBe(
      '+proj=tmerc +lat_0=31.2387 +lon_0=121.5005 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
    );
  });

  it('names the origin with its hemispheres', () => {
    expect(localFrameName(bund)).toBe('rivertwin local frame 31.2387N 121.5005E');
    expect(localFrameName(southWest)).toBe('rivertwin local frame 34.6037S 58.3816W');
  });

  it('writes ESRI WKT on one line and WKT2 with the frame parameters and no EPSG identifiers', () => {
    const esri = localFrameWkt(bund);
    expect(esri).not.toContain('\n');
    expect(esri).toMatch(/^PROJCS\["rivertwin_local_frame_31\.2387N_121\.5005E",GEOGCS\["GCS_WGS_1984"/);
    expect(esri).toContain('PARAMETER["Central_Meridian",121.5005]');
    expect(esri).toContain('PARAMETER["Latitude_Of_Origin",31.2387]');
    const wkt2 = localFrameWkt(southWest, 'wkt2');
    expect(wkt2).toMatch(/^PROJCRS\["rivertwin local frame 34\.6037S 58\.3816W",/);
    expect(wkt2).toContain('PARAMETER["Longitude of natural origin",-58.3816,');
    for (const wkt of [esri, wkt2]) expect(wkt).not.toMatch(/EPSG/);
  });

  it('lists GeoKeys in key order with the frame parameters as doubles', () => {
    const keys = localFrameGeoKeys(southWest);
    expect(keys.map((k) => k.id)).toEqual([...keys.map((k) => k.id)].sort((a, b) => a - b));
    const byName = Object.fromEntries(keys.map((k) => [k.name, k]));
    expect(byName.ProjectedCSTypeGeoKey.value).toBe(32767);
    expect(byName.ProjCoordTransGeoKey.value).toBe(1);
    expect(byName.ProjNatOriginLongGeoKey).toMatchObject({ type: 'double', value: -58.3816 });
    expect(byName.ProjNatOriginLatGeoKey).toMatchObject({ type: 'double', value: -34.6037 });
    expect(byName.ProjScaleAtNatOriginGeoKey).toMatchObject({ type: 'double', value: 1 });
  });

  it('gives output positions to 7 decimals, within a centimetre of the exact ones', () => {
    const xy: [number, number] = [1234.567, -890.123];
    const [lon, lat] = lonLatOf(bund, xy);
    expect(lon.toString().split('.')[1].length).toBeLessThanOrEqual(7);
    expect(lat.toString().split('.')[1].length).toBeLessThanOrEqual(7);
    const [x, y] = wgs84ToLocal(bund, lon, lat);
    expect(Math.hypot(x - xy[0], y - xy[1])).toBeLessThan(0.01);
    const exact = localToWgs84(bund, ...xy);
    expect(Math.abs(lon - exact[0])).toBeLessThanOrEqual(5e-8);
  });
});

describe.skipIf(gdalMissing !== undefined)(gdalSuite('GDAL reads the local frame WKT'), () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rivertwin-frame-wkt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const frame of [bund, southWest]) {
    for (const dialect of ['esri', 'wkt2'] as WktDialect[]) {
      it(`${dialect} for ${localFrameName(frame)} as the twin's proj4 definition`, () => {
        const file = path.join(dir, `${dialect}-${frame.originLon}.prj`);
        writeFileSync(file, localFrameWkt(frame, dialect));
        expect(gdal('gdalsrsinfo', ['-o', 'proj4', file]).trim()).toBe(localFrameProj4(frame));
      });
    }
  }
});
