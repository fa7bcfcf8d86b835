// The globe's pure parts: the ground image (surface classes, flood in the four depth classes mixed between two frames,
// water bodies and unwritten cells left dry), the grid's rectangle in degrees, building prisms, markers coloured as
// in the 3D view, trucks moving along their road between steps, and closed roads.
import { describe, expect, it } from 'vitest';
import type { RunView } from '../../simulation/scenario/run-view.ts';
import type { LayerCollection, LayerFeature } from '../../twin/district/district-geojson.ts';
import { createLocalFrame, localToWgs84, wgs84ToLocal } from '../../twin/projection/local-frame.ts';
import type { EdgeLineCollection } from '../../twin/road-graph/edge-lines.ts';
import {
  assetMarks,
  buildingPrisms,
  closedRoadLines,
  gridRect,
  truckMarks,
  trucksLocal,
} from '../../scenes/src/globe/globe-marks.ts';
import { groundImage, waterAlpha } from '../../scenes/src/globe/ground-image.ts';
import { CLASS_COLOURS, depthClass, rgbOf } from '../../scenes/src/scene/depth-classes.ts';
import { HOTSPOT_COLOUR, PUMP_COLOURS } from '../../scenes/src/scene/marker-colours.ts';
import { SURFACE_COLOURS } from '../../scenes/src/scene/ground-material.ts';
import { LEVEL_COLOURS, STAGE_COLOURS } from '../../scenes/src/scene/marker-colours.ts';

const frame = createLocalFrame(121.5, 31.24);
const ll = (x: number, y: number) => localToWgs84(frame, x, y);

// Ground: 4 × 4 cells of 5 m (rows north to south), west column water, the rest paved. Frames: 2 × 2 cells of 10 m.
const terrain = {
  nx: 4,
  ny: 4,
  cellM: 5,
  x0: 0,
  y0: 0,
  bedM: new Float32Array(16).fill(4),
  surface: new Uint8Array([4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0]),
};
const grid = { nx: 2, ny: 2, cellM: 10, x0: 0, y0: 0 };
const px = (img: Uint8ClampedArray, r: number, c: number) =>
  Array.from(img.slice((r * 4 + c) * 4, (r * 4 + c) * 4 + 3));
const hexBytes = (hex: string) => rgbOf(hex).map((v) => Math.round(v * 255));
const near = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('the globe ground image', () => {
  it('paints the surface classes where dry, and each depth class over the ground as the 3D shader does', () => {
    const dry = groundImage(terrain, grid, null);
    expect(near(px(dry, 0, 0), hexBytes(SURFACE_COLOURS[4]))).toBeLessThanOrEqual(1);
    expect(near(px(dry, 0, 3), hexBytes(SURFACE_COLOURS[0]))).toBeLessThanOrEqual(1);
    // NW cell 0.1 m (class 0), NE 0.6 m (class 3), SW not written, SE 0.4 m (class 2), mixed half way to b.
    const a = new Uint16Array([100, 600, 65535, 400]);
    const b = new Uint16Array([100, 600, 65535, 400]);
    const wet = groundImage(terrain, grid, { a, b, mixF: 0.5, waterBody: new Uint8Array(4) });
    // River pixels keep their colour: the river's depth is not a flood.
    expect(px(wet, 0, 0)).toEqual(px(dry, 0, 0));
    // Unwritten cells are dry.
    expect(px(wet, 3, 1)).toEqual(px(dry, 3, 1));
    const cls3 = px(wet, 0, 3);
    const cls2 = px(wet, 3, 3);
    const cls0 = px(wet, 0, 1);
    const closest = (p: number[]) => {
      const d = CLASS_COLOURS.map((h) => near(p, hexBytes(h)));
      return d.indexOf(Math.min(...d));
    };
    expect(closest(cls3)).toBe(3);
    expect(closest(cls2)).toBe(2);
    expect(closest(cls0)).toBe(0);
    // Shallow water is lighter over the ground than deep water (its opacity is lower).
    expect(waterAlpha(0.1, depthClass(0.1))).toBeLessThan(waterAlpha(0.6, depthClass(0.6)));
    expect(depthClass(0.005)).toBe(-1);
    expect([0.1, 0.2, 0.4, 0.6].map(depthClass)).toEqual([0, 1, 2, 3]);
    // Fading in between 1 and 5 cm.
    expect(waterAlpha(0.02, 0)).toBeGreaterThan(0);
    expect(waterAlpha(0.02, 0)).toBeLessThan(waterAlpha(0.06, 0));
  });

  it('mixes the two frames by the clock and leaves water-body cells dry', () => {
    const a = new Uint16Array([0, 0, 0, 0]);
    const b = new Uint16Array([0, 800, 0, 0]);
    const at = (mixF: number) => px(groundImage(terrain, grid, { a, b, mixF, waterBody: new Uint8Array(4) }), 0, 3);
    const dry = px(groundImage(terrain, grid, null), 0, 3);
    expect(at(0)).toEqual(dry);
    expect(at(1)).not.toEqual(dry);
    // Half way: 0.4 m (class 2); all the way: 0.8 m (class 3).
    const d2 = CLASS_COLOURS.map((h) => near(at(0.5), hexBytes(h)));
    expect(d2.indexOf(Math.min(...d2))).toBe(2);
    const skip = new Uint8Array([0, 1, 0, 0]);
    expect(px(groundImage(terrain, grid, { a, b, mixF: 1, waterBody: skip }), 0, 3)).toEqual(dry);
  });
});

describe('the globe marks', () => {
  it('puts the grid rectangle around the local extent', () => {
    const r = gridRect(frame, { x0: -500, y0: -300, nx: 100, ny: 60, cellM: 10 });
    const [w, s] = ll(-500, -300);
    const [e, n] = ll(500, 300);
    expect(r.west).toBeCloseTo(w, 6);
    expect(r.south).toBeCloseTo(s, 6);
    expect(r.east).toBeCloseTo(e, 6);
    expect(r.north).toBeCloseTo(n, 6);
  });

  it('extrudes every building part to its height and drops the closing point', () => {
    const sq = (x: number): [number, number][] => [ll(x, 0), ll(x + 10, 0), ll(x + 10, 10), ll(x, 10), ll(x, 0)];
    const features: LayerFeature[] = [
      { type: 'Feature', id: 'b1', geometry: { type: 'Polygon', coordinates: [sq(0)] }, properties: { heightM: 30 } },
      {
        type: 'Feature',
        id: 'b2',
        geometry: { type: 'MultiPolygon', coordinates: [[sq(20)], [sq(40)]] },
        properties: { heightM: 120, minHeightM: 5 },
      },
    ];
    const p = buildingPrisms(features);
    expect(p.map((x) => x.id)).toEqual(['b1', 'b2#0', 'b2#1']);
    expect(p[0].rings[0]).toHaveLength(4);
    expect(p[1]).toMatchObject({ minM: 5, heightM: 120 });
    expect(p[0].colour).not.toBe(p[1].colour);
  });

  const point = (id: string, x: number, y: number): LayerFeature => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: ll(x, y) },
    properties: {},
  });
  const coll = (f: LayerFeature[]) => ({ type: 'FeatureCollection', features: f }) as unknown as LayerCollection;
  const view = {
    sensors: [{ id: 'S1', level: 'alarm' }],
    pumps: [{ id: 'P1', failed: true }],
    cases: [{ id: 'C1', state: 'dispatched', lonLat: ll(50, 50) }],
    trucks: [{ id: 'T1', state: 'enRoute', lonLat: ll(0, 0), routeLonLat: [ll(100, 0), ll(100, 100)] }],
    roads: { closedEdgeKeys: ['e2'] },
  } as unknown as RunView;

  it('colours sensors, pump stations, hotspots and cases as the 3D view does', () => {
    const layers = {
      sensors: coll([point('S1', 0, 0), point('S2', 10, 0)]),
      pumpStations: coll([point('P1', 0, 10)]),
      hotspots: coll([point('H1', 0, 20)]),
      depots: coll([point('D1', 0, 30)]),
    };
    const m = assetMarks(layers, view);
    const by = (id: string) => m.find((x) => x.id === id)!;
    expect(by('S1').colour).toBe(LEVEL_COLOURS.alarm);
    expect(by('S2').colour).toBe(LEVEL_COLOURS.normal);
    expect(by('P1').colour).toBe(PUMP_COLOURS.failed);
    expect(by('H1').colour).toBe(HOTSPOT_COLOUR);
    expect(by('C1')).toMatchObject({ kind: 'case', colour: STAGE_COLOURS.dispatched });
    expect(assetMarks(layers, null).find((x) => x.id === 'P1')!.colour).toBe(PUMP_COLOURS.working);
  });

  it('moves a truck along the road it had ahead as the clock goes through the step', () => {
    const next = { ...view, trucks: [{ ...view.trucks[0], lonLat: ll(100, 100), routeLonLat: [] }] } as RunView;
    const a = trucksLocal(frame, view);
    const b = trucksLocal(frame, next);
    const at = (f: number) => {
      const [t] = truckMarks(frame, view, a, b, f, new Map());
      return wgs84ToLocal(frame, t.lon, t.lat);
    };
    expect(at(0)[0]).toBeCloseTo(0, 3);
    // Half of the 200 m drive: at the corner (100, 0), not cut across the block.
    expect(at(0.5)[0]).toBeCloseTo(100, 3);
    expect(at(0.5)[1]).toBeCloseTo(0, 3);
    expect(at(1)[1]).toBeCloseTo(100, 3);
  });

  it('draws the road lines whose keys are closed', () => {
    const edges = {
      type: 'FeatureCollection',
      features: [
        { geometry: { type: 'LineString', coordinates: [ll(0, 0), ll(10, 0)] }, properties: { keys: 'e1' } },
        { geometry: { type: 'LineString', coordinates: [ll(0, 5), ll(10, 5)] }, properties: { keys: 'e2,e3' } },
      ],
    } as unknown as EdgeLineCollection;
    const lines = closedRoadLines(edges, view);
    expect(lines).toHaveLength(1);
    expect(lines[0][0][1]).toBeCloseTo(ll(0, 5)[1], 9);
    expect(closedRoadLines(edges, null)).toEqual([]);
  });
});
