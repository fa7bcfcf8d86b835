// What changes with the clock on the district: sensors coloured by alarm level, pump stations by state, hotspots,
// depots, open cases by stage, closed roads as red ribbons, and the pump trucks moving along their routes between
// control steps (positions written into the instanced mesh each frame, never through React state).
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  ConeGeometry,
  CylinderGeometry,
  SphereGeometry,
  type InstancedMesh,
} from 'three';
import { useStore } from 'zustand';
import { caseStage } from '../../../simulation/record/view-series.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import { clock } from '../clock/app-clock.ts';
import type { DistrictData } from '../data/district-data.ts';
import { appStore } from '../store/app-store.ts';
import { groundAt, toLocal, type XY } from './ground.ts';
import { ribbonGeometry } from './line-geometry.ts';
import { Markers, placeMarkers, type MarkerSpec } from './Markers.tsx';
import { truckPoseAt } from './truck-motion.ts';
import {
  CLOSED_ROAD_COLOUR,
  DEPOT_COLOUR,
  HOTSPOT_COLOUR,
  LEVEL_COLOURS,
  PUMP_COLOURS,
  STAGE_COLOURS,
  TRUCK_COLOURS,
} from './marker-colours.ts';

// Re-exported where the legend has always found them.
export { CLOSED_ROAD_COLOUR, LEVEL_COLOURS, STAGE_COLOURS, TRUCK_COLOURS };

const geo = {
  sensor: new CylinderGeometry(5, 5, 36, 10).translate(0, 18, 0),
  pump: new BoxGeometry(34, 18, 34).translate(0, 9, 0),
  hotspot: new ConeGeometry(11, 22, 4).rotateX(Math.PI).translate(0, 30, 0),
  depot: new BoxGeometry(30, 10, 30).translate(0, 5, 0),
  case: new SphereGeometry(14, 12, 8).translate(0, 56, 0),
  // A truck drawn about 4× life size so it reads at district scale; long axis along x (east at heading 0).
  truck: new BoxGeometry(36, 16, 16).translate(0, 9, 0),
};

/** Where the trucks were last drawn (local metres), for the test hooks. */
export let drawnTrucks: { id: string; x: number; y: number }[] = [];

export function LiveLayer({ district }: { district: DistrictData }) {
  const { frame, terrain, layers, roadEdges } = district;
  const view = useStore(appStore, (s) => s.view);
  const shown = useStore(appStore, (s) => s.layers);
  const at = (lonLat: readonly [number, number]): { x: number; y: number; z: number; xy: XY } => {
    const xy = toLocal(frame, lonLat);
    return { x: xy[0], y: groundAt(terrain, xy[0], xy[1]), z: -xy[1], xy };
  };
  const points = (name: 'sensors' | 'pumpStations' | 'hotspots' | 'depots') =>
    layers[name].features.map((f) => ({ id: f.id, ...at(f.geometry.coordinates as [number, number]) }));
  const sensorsAt = useMemo(() => points('sensors'), [layers]);
  const pumpsAt = useMemo(() => points('pumpStations'), [layers]);
  const hotspots = useMemo(() => points('hotspots').map((p) => ({ ...p, colour: HOTSPOT_COLOUR })), [layers]);
  const depots = useMemo(() => points('depots').map((p) => ({ ...p, colour: DEPOT_COLOUR })), [layers]);
  const edgeLine = useMemo(() => {
    const m = new Map<string, XY[]>();
    for (const f of roadEdges.features) {
      const xy = (f.geometry.coordinates as [number, number][]).map((p) => toLocal(frame, p));
      for (const k of String(f.properties.keys).split(',')) m.set(k, xy);
    }
    return m;
  }, [roadEdges, frame]);

  const sensors = useMemo<MarkerSpec[]>(() => {
    const level = new Map(view?.sensors.map((s) => [s.id, s.level]) ?? []);
    return sensorsAt.map((p) => ({ ...p, colour: LEVEL_COLOURS[level.get(p.id) ?? 'normal'] }));
  }, [sensorsAt, view]);
  const pumps = useMemo<MarkerSpec[]>(() => {
    const failed = new Set(view?.pumps.filter((p) => p.failed).map((p) => p.id) ?? []);
    return pumpsAt.map((p) => ({ ...p, colour: failed.has(p.id) ? PUMP_COLOURS.failed : PUMP_COLOURS.working }));
  }, [pumpsAt, view]);
  const cases = useMemo<MarkerSpec[]>(
    () => (view?.cases ?? []).map((c) => ({ id: c.id, ...at(c.lonLat), colour: STAGE_COLOURS[caseStage(c.state)] })),
    [view],
  );
  const closed = useMemo(() => {
    const lines = new Set<XY[]>();
    for (const k of view?.roads.closedEdgeKeys ?? []) {
      const l = edgeLine.get(k);
      if (l) lines.add(l);
    }
    return ribbonGeometry([...lines], terrain, 9, 1.2);
  }, [view, edgeLine, terrain]);
  const routes = useMemo(() => routeLines(view, at), [view]);

  const trucks = useRef<InstancedMesh>(null);
  const truckSpecs = useRef<MarkerSpec[]>([]);
  const headings = useRef(new Map<string, number>());
  const projected = useRef(new WeakMap<RunView, Map<string, { xy: XY; route: XY[] }>>());
  const local = (v: RunView) => {
    let m = projected.current.get(v);
    if (!m) {
      m = new Map(
        v.trucks.map((t) => [
          t.id,
          { xy: toLocal(frame, t.lonLat), route: t.routeLonLat.map((p) => toLocal(frame, p)) },
        ]),
      );
      projected.current.set(v, m);
    }
    return m;
  };
  useFrame(() => {
    const s = appStore.getState();
    const mesh = trucks.current;
    if (!mesh || !s.view || !s.meta) return;
    const a = local(s.view);
    const b = s.nextView ? local(s.nextView) : null;
    const f = (clock.currentS - s.step * s.meta.controlStepS) / s.meta.controlStepS;
    const specs = s.view.trucks.map((t) => {
      const pose = truckPoseAt(a.get(t.id)!, b?.get(t.id)?.xy ?? null, f, headings.current.get(t.id) ?? 0);
      headings.current.set(t.id, pose.headingRad);
      return {
        id: t.id,
        x: pose.x,
        y: groundAt(terrain, pose.x, pose.y),
        z: -pose.y,
        headingRad: pose.headingRad,
        colour: TRUCK_COLOURS[t.state] ?? '#f07c1b',
      };
    });
    truckSpecs.current = specs;
    drawnTrucks = specs.map((t) => ({ id: t.id, x: t.x, y: -t.z }));
    mesh.userData.ids = specs.map((t) => t.id);
    placeMarkers(mesh, specs);
  });

  return (
    <group>
      <mesh geometry={closed} renderOrder={2} visible={shown.roads}>
        <meshBasicMaterial color={CLOSED_ROAD_COLOUR} />
      </mesh>
      <group visible={shown.markers}>
        <Markers kind="sensor" markers={sensors} geometry={geo.sensor} capacity={sensorsAt.length} />
        <Markers kind="pumpStation" markers={pumps} geometry={geo.pump} capacity={pumpsAt.length} />
        <Markers kind="hotspot" markers={hotspots} geometry={geo.hotspot} capacity={hotspots.length} />
        <Markers kind="depot" markers={depots} geometry={geo.depot} capacity={depots.length} />
        <Markers kind="case" markers={cases} geometry={geo.case} capacity={200} />
      </group>
      <group visible={shown.trucks}>
        <Markers kind="truck" markers={truckSpecs.current} geometry={geo.truck} capacity={64} meshRef={trucks} />
        <lineSegments geometry={routes}>
          <lineBasicMaterial color="#f07c1b" />
        </lineSegments>
      </group>
    </group>
  );
}

/** The road each driving truck has ahead, as line segments a little over the ground. */
function routeLines(
  view: RunView | null,
  at: (p: readonly [number, number]) => { x: number; y: number; z: number },
): BufferGeometry {
  const pos: number[] = [];
  for (const t of view?.trucks ?? []) {
    const pts = [t.lonLat, ...t.routeLonLat].map(at);
    for (let i = 0; i + 1 < pts.length && t.routeLonLat.length; i++)
      pos.push(pts[i].x, pts[i].y + 2, pts[i].z, pts[i + 1].x, pts[i + 1].y + 2, pts[i + 1].z);
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
  return g;
}
