// The globe while it is open: the viewer and the district's layers, kept on the app's one clock (Cesium's clock is
// set from it, never runs itself), the store's run state (view, depth frames, selection, layer switches) and picking
// into the store's selection, so switching between the 3D view and the globe keeps the time and what is selected.
import { Cartesian2, ScreenSpaceEventHandler, ScreenSpaceEventType, SceneTransforms, type CesiumWidget } from 'cesium';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import { clock, onTick } from '../clock/app-clock.ts';
import type { DistrictData } from '../data/district-data.ts';
import type { FrameGridInfo } from '../data/run-source.ts';
import { waterBodyCells } from '../scene/ground-material.ts';
import { appStore, type AppState, type Picked } from '../store/app-store.ts';
import { ASSET_ICON_PX, GlobeLayers } from './globe-layers.ts';
import {
  assetMarks,
  buildingPrisms,
  closedRoadLines,
  MARK_SHAPE,
  terrainRect,
  truckMarks,
  trucksLocal,
  type Mark,
} from './globe-marks.ts';
import { createViewer, flyToDistrict, globeTimeS, setGlobeTime } from './globe-viewer.ts';
import { groundImage } from './ground-image.ts';

/** Test hooks on window while the globe is open (?test=1). */
export interface GlobeTestHooks {
  /** True once the camera has arrived over the district and the buildings are built. */
  ready: boolean;
  tilesLoaded(): boolean;
  /** Simulated time (s) Cesium's clock reads. */
  timeS(): number;
  /** Window pixel (CSS px) of a drawn marker's icon centre, or null when it is not drawn or off screen. */
  screenOf(kind: Picked['kind'], id: string): [number, number] | null;
  /** Markers drawn now. */
  drawn(): Picked[];
  /** How many times the ground image was redrawn (it follows the depth frames and the clock). */
  groundDraws(): number;
  /** Moves the camera at once to look at the district from `rangeM` away (the opening view's angle). */
  lookFrom(rangeM: number): Promise<void>;
  /** Renders a frame now; resolves with how long it took (ms), the frame finished. */
  renderNow(): Promise<number>;
}

declare global {
  interface Window {
    __globe?: GlobeTestHooks;
  }
}

/** An open globe: fly back over the district, or close it (the viewer and its listeners go). */
export interface GlobeSession {
  flyHome(): void;
  close(): void;
}

/** How finely the water follows the clock between two control steps (redraws per step). */
const WATER_STEPS_PER_STEP = 8;

/** Opens the globe in `host` (credits in `credits`) and flies to the district. */
export function openGlobe(
  host: HTMLElement,
  credits: HTMLElement,
  district: DistrictData,
  test: boolean,
): GlobeSession {
  const viewer: CesiumWidget = createViewer(host, credits, district.info.attribution, test);
  const layers = new GlobeLayers(viewer, district, buildingPrisms(district.layers.buildings.features));
  const localOf = new WeakMap<RunView, ReturnType<typeof trucksLocal>>();
  const local = (v: RunView) => {
    let m = localOf.get(v);
    if (!m) localOf.set(v, (m = trucksLocal(district.frame, v)));
    return m;
  };
  const headings = new Map<string, number>();
  let waterBody: { grid: FrameGridInfo; cells: Uint8Array } | null = null;
  let groundKey = '';
  let groundFrames: [Uint16Array | null, Uint16Array | null] = [null, null];
  let groundDraws = 0;
  let drawnAssets: Mark[] = [];
  let drawnTrucks: Mark[] = [];
  let ready = false;

  const stepFraction = (s: AppState, step: number) =>
    s.meta ? Math.min(1, Math.max(0, (clock.currentS - step * s.meta.controlStepS) / s.meta.controlStepS)) : 0;

  const drawGround = (s: AppState) => {
    const m = s.meta;
    const wet = s.layers.water && m && s.frameA && s.frameStep >= 0;
    const q = wet ? Math.round(stepFraction(s, s.frameStep) * WATER_STEPS_PER_STEP) / WATER_STEPS_PER_STEP : 0;
    const key = wet ? `${s.frameStep}:${q}:${m.id}` : 'dry';
    // Redrawn when the step, the place in it (to 1/8), the run or the frames themselves change.
    if (key === groundKey && groundFrames[0] === s.frameA && groundFrames[1] === s.frameB) return;
    groundKey = key;
    groundFrames = [s.frameA, s.frameB];
    if (wet && waterBody?.grid !== m.grid)
      waterBody = { grid: m.grid, cells: waterBodyCells(district.terrain, m.grid) };
    const water = wet ? { a: s.frameA!, b: s.frameB, mixF: q, waterBody: waterBody!.cells } : null;
    const grid = m?.grid ?? { nx: 0, ny: 0, cellM: 1, x0: 0, y0: 0 };
    layers.setGround(groundImage(district.terrain, grid, water));
    groundDraws++;
  };
  const drawTrucks = (s: AppState) => {
    if (!s.view || !s.meta) return layers.setTrucks((drawnTrucks = []));
    const f = stepFraction(s, s.step);
    drawnTrucks = truckMarks(district.frame, s.view, local(s.view), s.nextView ? local(s.nextView) : null, f, headings);
    layers.setTrucks(drawnTrucks);
  };
  const drawView = (s: AppState) => {
    layers.setAssets((drawnAssets = assetMarks(district.layers, s.view)));
    layers.setClosedRoads(closedRoadLines(district.roadEdges, s.view));
    drawTrucks(s);
  };

  const s0 = appStore.getState();
  drawGround(s0);
  drawView(s0);
  layers.setSelected(s0.selected);
  layers.setShown(s0.layers);
  setGlobeTime(viewer, clock.currentS);

  const unsubscribe = appStore.subscribe((s, prev) => {
    if (s.view !== prev.view || s.nextView !== prev.nextView) drawView(s);
    if (s.frameA !== prev.frameA || s.frameB !== prev.frameB || s.layers !== prev.layers || s.meta !== prev.meta)
      drawGround(s);
    if (s.selected !== prev.selected) layers.setSelected(s.selected);
    if (s.layers !== prev.layers) layers.setShown(s.layers);
  });
  const stopTick = onTick((tS) => {
    setGlobeTime(viewer, tS);
    const s = appStore.getState();
    drawGround(s);
    drawTrucks(s);
  });

  // Picking sets the store's selection and hover (the details panel reads them, in every view).
  const handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
  const pickAt = (pos: Cartesian2): Picked | null => {
    const hit = viewer.scene.pick(pos) as { id?: Partial<Picked> } | undefined;
    return hit?.id?.kind && hit.id.id ? { kind: hit.id.kind, id: hit.id.id } : null;
  };
  handler.setInputAction((e: { position: Cartesian2 }) => {
    appStore.setState({ selected: pickAt(e.position) });
  }, ScreenSpaceEventType.LEFT_CLICK);
  // Hover picks at most every 120 ms (a pick is a render pass, slow in software), at the pointer's last place.
  let moveTimer = 0;
  let lastMove = new Cartesian2();
  handler.setInputAction((e: { endPosition: Cartesian2 }) => {
    lastMove = Cartesian2.clone(e.endPosition, lastMove);
    if (moveTimer) return;
    moveTimer = window.setTimeout(() => {
      moveTimer = 0;
      if (viewer.isDestroyed()) return;
      const hover = pickAt(lastMove);
      const prev = appStore.getState().hover;
      if (hover?.id !== prev?.id || hover?.kind !== prev?.kind) appStore.setState({ hover });
    }, 120);
  }, ScreenSpaceEventType.MOUSE_MOVE);

  const rect = terrainRect(district.frame, district.terrain);
  void flyToDistrict(viewer, rect, test ? 1.5 : 3).then(async () => {
    while (!viewer.isDestroyed() && !layers.buildings.ready) await new Promise((r) => setTimeout(r, 100));
    ready = !viewer.isDestroyed();
    viewer.scene.requestRender();
  });

  if (test) {
    const all = () => [...drawnAssets, ...drawnTrucks];
    window.__globe = {
      get ready() {
        return ready;
      },
      tilesLoaded: () => viewer.scene.globe.tilesLoaded,
      timeS: () => globeTimeS(viewer),
      screenOf(kind, id) {
        const m = all().find((x) => x.kind === kind && x.id === id);
        if (!m) return null;
        const p = layers.positionOf(m);
        const w = SceneTransforms.worldToWindowCoordinates(viewer.scene, p);
        // The icon's centre: a pin stands on its point, the others are centred on the place.
        return w ? [w.x, w.y - (MARK_SHAPE[kind] === 'pin' ? ASSET_ICON_PX / 2 : 0)] : null;
      },
      drawn: () => layers.drawn(),
      lookFrom: (rangeM) => flyToDistrict(viewer, rect, 0, rangeM),
      groundDraws: () => groundDraws,
      renderNow: () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          viewer.scene.requestRender();
          viewer.render();
          // Reading a pixel waits for the GPU (here the CPU) to finish the frame, so the time is the frame's.
          const gl = viewer.canvas.getContext('webgl2');
          gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          resolve(performance.now() - t0);
        }),
    };
  }

  return {
    flyHome: () => void flyToDistrict(viewer, rect, 1.5),
    close() {
      unsubscribe();
      stopTick();
      handler.destroy();
      window.clearTimeout(moveTimer);
      if (test) delete window.__globe;
      // A hover from the globe would outlive its marker on screen; the selection stays (it is shared).
      if (appStore.getState().hover) appStore.setState({ hover: null });
      viewer.destroy();
    },
  };
}
