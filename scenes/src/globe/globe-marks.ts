// What the globe draws of a district and a run, in WGS84 and without Cesium: the ground's rectangle, building
// prisms, closed roads, markers coloured as in the 3D view, and the trucks where the app clock puts them between
// control steps (the 3D view's truck-motion on local metres, converted back). Pure, so Node tests check it.
import { caseStage } from '../../../simulation/record/view-series.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import type { LayerCollection, LayerFeature } from '../../../twin/district/district-geojson.ts';
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import { localToWgs84, type LocalFrame } from '../../../twin/projection/local-frame.ts';
import type { EdgeLineCollection } from '../../../twin/road-graph/edge-lines.ts';
import { heightColour } from '../scene/buildings-geometry.ts';
import { toLocal, type XY } from '../scene/ground.ts';
import {
  DEPOT_COLOUR,
  HOTSPOT_COLOUR,
  LEVEL_COLOURS,
  PUMP_COLOURS,
  STAGE_COLOURS,
  TRUCK_COLOURS,
} from '../scene/marker-colours.ts';
import { truckPoseAt } from '../scene/truck-motion.ts';

/** A rectangle in degrees. */
export interface DegRect {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The WGS84 rectangle of a grid in local metres (south-west corner x0, y0): the corners' extremes. */
export function gridRect(
  frame: LocalFrame,
  g: { x0: number; y0: number; nx: number; ny: number; cellM: number },
): DegRect {
  const xs = [g.x0, g.x0 + g.nx * g.cellM];
  const ys = [g.y0, g.y0 + g.ny * g.cellM];
  const corners = xs.flatMap((x) => ys.map((y) => localToWgs84(frame, x, y)));
  return {
    west: Math.min(...corners.map((p) => p[0])),
    east: Math.max(...corners.map((p) => p[0])),
    south: Math.min(...corners.map((p) => p[1])),
    north: Math.max(...corners.map((p) => p[1])),
  };
}

/** The terrain's rectangle (the ground image covers it). */
export function terrainRect(frame: LocalFrame, t: TerrainMessage): DegRect {
  return gridRect(frame, t);
}

/** One building part: rings in degrees (outer first, then holes; no closing point), base and top (m), colour. */
export interface Prism {
  id: string;
  rings: XY[][];
  minM: number;
  heightM: number;
  colour: string;
}

/** Every building footprint as a prism from its base to its height, coloured by the 3D view's height bands. */
export function buildingPrisms(features: readonly LayerFeature[]): Prism[] {
  const out: Prism[] = [];
  for (const f of features) {
    const heightM = Number(f.properties.heightM) || 10;
    const minM = Number(f.properties.minHeightM) || 0;
    const polys =
      f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates]
        : f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates
          : [];
    const colour = `#${heightColour(heightM).getHexString()}`;
    polys.forEach((poly, i) => {
      const rings = poly.map((ring) => dropClosing(ring.map((p) => [p[0], p[1]] as XY)));
      if (rings[0]?.length >= 3 && heightM > minM)
        out.push({ id: polys.length > 1 ? `${f.id}#${i}` : f.id, rings, minM, heightM, colour });
    });
  }
  return out;
}

function dropClosing(ring: XY[]): XY[] {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 1 && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : ring;
}

/** A point marker: what it is (for picking), where (degrees, metres above the ground), its colour and shape. */
export interface Mark {
  kind: MarkKind;
  id: string;
  lon: number;
  lat: number;
  heightM: number;
  colour: string;
  /** Heading (radians counter-clockwise from east), for trucks. */
  headingRad?: number;
}

/** What a marker is (the store's Picked kinds; kept here so this file needs nothing of the browser app). */
export type MarkKind = 'sensor' | 'pumpStation' | 'hotspot' | 'truck' | 'case' | 'depot';

/** Icon shapes of the globe's markers. */
export type MarkShape = 'circle' | 'square' | 'diamond' | 'pin' | 'truck';

/** Shapes the globe draws markers with (one icon each, tinted by the marker's colour): a sensor in alarm and a new
 * case share a red, so their shapes differ. */
export const MARK_SHAPE: Record<MarkKind, MarkShape> = {
  sensor: 'circle',
  pumpStation: 'square',
  hotspot: 'diamond',
  depot: 'square',
  case: 'pin',
  truck: 'truck',
};

type PointLayers = Record<'sensors' | 'pumpStations' | 'hotspots' | 'depots', LayerCollection>;

/** Sensors by alarm level, pump stations by state, hotspots, depots and open cases by stage, as of `view`. */
export function assetMarks(layers: PointLayers, view: RunView | null): Mark[] {
  const level = new Map(view?.sensors.map((s) => [s.id, s.level]) ?? []);
  const failed = new Set(view?.pumps.filter((p) => p.failed).map((p) => p.id) ?? []);
  const at = (f: LayerFeature) => f.geometry.coordinates as XY;
  const out: Mark[] = [];
  for (const f of layers.sensors.features)
    out.push(mark('sensor', f.id, at(f), 6, LEVEL_COLOURS[level.get(f.id) ?? 'normal']));
  for (const f of layers.pumpStations.features)
    out.push(mark('pumpStation', f.id, at(f), 6, failed.has(f.id) ? PUMP_COLOURS.failed : PUMP_COLOURS.working));
  for (const f of layers.hotspots.features) out.push(mark('hotspot', f.id, at(f), 12, HOTSPOT_COLOUR));
  for (const f of layers.depots.features) out.push(mark('depot', f.id, at(f), 6, DEPOT_COLOUR));
  for (const c of view?.cases ?? []) out.push(mark('case', c.id, c.lonLat, 30, STAGE_COLOURS[caseStage(c.state)]));
  return out;
}

function mark(kind: MarkKind, id: string, p: readonly [number, number], heightM: number, colour: string): Mark {
  return { kind, id, lon: p[0], lat: p[1], heightM, colour };
}

/** A truck's place at a step in local metres, as truck-motion wants it. */
type TruckLocal = Map<string, { xy: XY; route: XY[] }>;

/** Local positions and routes of a view's trucks (cache per view: the clock asks every frame). */
export function trucksLocal(frame: LocalFrame, view: RunView): TruckLocal {
  return new Map(
    view.trucks.map((t) => [
      t.id,
      { xy: toLocal(frame, t.lonLat), route: t.routeLonLat.map((p) => toLocal(frame, p)) },
    ]),
  );
}

/**
 * The trucks at fraction `f` (0–1) of the step from `a` (the view's) to `b` (the next view's), along the road each
 * had ahead, as markers; `headings` keeps each truck's last heading for when it stands still.
 */
export function truckMarks(
  frame: LocalFrame,
  view: RunView,
  a: TruckLocal,
  b: TruckLocal | null,
  f: number,
  headings: Map<string, number>,
): Mark[] {
  return view.trucks.map((t) => {
    const pose = truckPoseAt(a.get(t.id)!, b?.get(t.id)?.xy ?? null, f, headings.get(t.id) ?? 0);
    headings.set(t.id, pose.headingRad);
    const [lon, lat] = localToWgs84(frame, pose.x, pose.y);
    return {
      kind: 'truck',
      id: t.id,
      lon,
      lat,
      heightM: 4,
      colour: TRUCK_COLOURS[t.state] ?? '#f07c1b',
      headingRad: pose.headingRad,
    };
  });
}

/** The road edges closed in `view`, as lines in degrees (one per drawn line, however many keys it carries). */
export function closedRoadLines(edges: EdgeLineCollection, view: RunView | null): XY[][] {
  const closed = new Set(view?.roads.closedEdgeKeys ?? []);
  if (closed.size === 0) return [];
  return edges.features
    .filter((f) =>
      String(f.properties.keys)
        .split(',')
        .some((k) => closed.has(k)),
    )
    .map((f) => (f.geometry.coordinates as [number, number][]).map((p) => [p[0], p[1]] as XY));
}
