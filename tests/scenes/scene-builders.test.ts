// The app's builders without a screen: the ground mesh (coarse, walls filtered by the median), merged buildings
// reaching their heights, flood walls reaching their crest, frame cells that are water bodies, record zips read
// with or without a leading folder, the case board's stages and the dashboards' cursor at now.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { casesByStage, caseStage } from '../../simulation/record/view-series.ts';
import type { RunView } from '../../simulation/scenario/run-view.ts';
import type { LayerFeature } from '../../twin/district/district-geojson.ts';
import { createLocalFrame, localToWgs84 } from '../../twin/projection/local-frame.ts';
import { zipRecordSource } from '../../scenes/src/data/file-run.ts';
import { buildingsGeometry, heightColour } from '../../scenes/src/scene/buildings-geometry.ts';
import { waterBodyCells } from '../../scenes/src/scene/ground-material.ts';
import { wallsGeometry } from '../../scenes/src/scene/line-geometry.ts';
import { terrainGeometry } from '../../scenes/src/scene/terrain-geometry.ts';
import { riverOption } from '../../scenes/src/ui/chart-options.ts';

// A 10 × 10 grid of 5 m cells, ground at 4 m, a flood wall (8 m) along row 5, water in the west two columns.
const nx = 10;
const ny = 10;
const bedM = new Float32Array(nx * ny).fill(4);
for (let c = 0; c < nx; c++) bedM[5 * nx + c] = 8;
const surface = new Uint8Array(nx * ny);
for (let r = 0; r < ny; r++) surface[r * nx] = surface[r * nx + 1] = 4;
const terrain = { nx, ny, cellM: 5, x0: 0, y0: 0, bedM, surface };
const frame = createLocalFrame(121.5, 31.24);
const ll = (x: number, y: number) => localToWgs84(frame, x, y);

describe('scene builders', () => {
  it('builds the ground from the bed elevation, with a one-cell wall filtered out', () => {
    const g = terrainGeometry(terrain, 2);
    const y = g.getAttribute('position').array.filter((_, i) => i % 3 === 1);
    expect(Math.max(...y)).toBe(4);
    expect(g.index!.count).toBe((Math.floor(9 / 2) + 1) ** 2 * 6);
  });

  it('extrudes buildings to their heights on the ground, coloured by height', () => {
    const square = (x: number, y: number, s: number) => [
      ll(x, y),
      ll(x + s, y),
      ll(x + s, y + s),
      ll(x, y + s),
      ll(x, y),
    ];
    const features: LayerFeature[] = [
      {
        type: 'Feature',
        id: 'b1',
        geometry: { type: 'Polygon', coordinates: [square(10, 10, 10)] },
        properties: { heightM: 30 },
      },
      {
        type: 'Feature',
        id: 'b2',
        geometry: { type: 'Polygon', coordinates: [square(30, 30, 8)] },
        properties: { heightM: 120 },
      },
    ];
    const g = buildingsGeometry(features, frame, terrain);
    const y = g.getAttribute('position').array.filter((_, i) => i % 3 === 1);
    expect(Math.max(...y)).toBeCloseTo(124, 3);
    expect(Math.min(...y)).toBeCloseTo(4, 3);
    // 4 walls × 2 triangles + 2 roof triangles, per building.
    expect(g.getAttribute('position').count).toBe(2 * (4 * 6 + 6));
    expect(heightColour(120).getHexString()).not.toBe(heightColour(10).getHexString());
  });

  it('stands flood walls from the ground to their crest', () => {
    const wall: LayerFeature = {
      type: 'Feature',
      id: 'w',
      geometry: { type: 'LineString', coordinates: [ll(20, 5), ll(20, 40)] },
      properties: { crestM: 6.2 },
    };
    const g = wallsGeometry(
      [
        {
          feature: wall,
          xy: [
            [20, 5],
            [20, 40],
          ],
        },
      ],
      terrain,
    );
    const y = g.getAttribute('position').array.filter((_, i) => i % 3 === 1);
    expect(Math.max(...y)).toBeCloseTo(6.2, 5);
  });

  it("finds the frame cells that are mostly water body on the ground's surface classes", () => {
    const cells = waterBodyCells(terrain, { nx: 5, ny: 5, cellM: 10, x0: 0, y0: 0 });
    expect([...cells.slice(0, 5)]).toEqual([1, 0, 0, 0, 0]);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('reads a record zip with its files in a folder or at the top, and refuses a zip without a manifest', () => {
    const files = {
      'manifest.json': strToU8('{}'),
      'frames/depth/c/0/0/0': strToU8('x'),
      'frames/depth/c/1/0/0': strToU8('y'),
    };
    for (const zip of [
      zipSync(files),
      zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [`run-1/${k}`, v]))),
    ]) {
      const src = zipRecordSource(zip, 'r.zip');
      expect(src.readFile('manifest.json')).not.toBeNull();
      expect(src.readFile('missing')).toBeNull();
      expect(src.list('frames/depth/c')).toEqual([]);
      expect(src.list('frames/depth/c/0/0')).toEqual(['0']);
    }
    expect(() => zipRecordSource(zipSync({ 'a.txt': strToU8('a') }), 'x.zip')).toThrow(/no manifest\.json/);
    expect(() => zipRecordSource(strToU8('not a zip'), 'y.zip')).toThrow(/not a zip file/);
  });

  it('puts cases on the board by stage, the closed ones counted from the cases opened', () => {
    expect(['open', 'dispatched', 'arrived', 'pumping', 'cleared'].map(caseStage)).toEqual([
      'found',
      'dispatched',
      'arrived',
      'handling',
      'closed',
    ]);
    const view = {
      cases: [{ state: 'open' }, { state: 'pumping' }, { state: 'cleared' }],
      kpis: { casesOpened: 7 },
    } as unknown as RunView;
    expect(casesByStage(view)).toEqual({ found: 1, dispatched: 0, arrived: 0, handling: 1, closed: 5 });
  });

  it('draws the river stage with the wall crest and warning level, and a cursor at now', () => {
    const series = { tS: [0, 60, 120], riverStageM: [4, 4.5, 4.6], wallCrestM: 5.2, riverWarningM: 4.55 };
    const o = riverOption(series as never, 60, (k) => k) as {
      series: { markLine?: { data: { xAxis?: number; yAxis?: number }[] } }[];
    };
    expect(o.series[0].markLine!.data).toEqual([{ xAxis: 60 }]);
    expect(o.series[1].markLine!.data.map((d) => d.yAxis)).toEqual([5.2, 4.55]);
  });
});
