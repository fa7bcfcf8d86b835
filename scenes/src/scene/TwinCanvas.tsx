// The 3D view: one react-three-fiber canvas drawn on demand (the clock invalidates it while it plays), a map-style
// camera whose pose goes into deep links, the district and what moves on it. It renders each frame itself to time
// it, and sets window.__twin for tests and the bench (projection of local points, draw calls, frame times).
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { MapControls } from '@react-three/drei/core/MapControls';
import { lazy, Suspense, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Vector3, type PerspectiveCamera } from 'three';
import { onTick } from '../clock/app-clock.ts';
import type { DistrictData } from '../data/district-data.ts';
import { appStore } from '../store/app-store.ts';
import type { CameraPose } from '../store/deep-link.ts';
import { DistrictLayer } from './DistrictLayer.tsx';
import { drawnTrucks, LiveLayer } from './LiveLayer.tsx';
import { Highlights } from './Highlights.tsx';
import { groundAt, terrainCentre } from './ground.ts';

const EnsembleLayer = lazy(() => import('../ensemble/EnsembleLayer.tsx'));

/** Test hooks on window (set when the app runs with ?test=1 or in the bench). */
export interface TwinTestHooks {
  /** Screen pixel (CSS px from the canvas's top left) of a local point (x east, y north, elevation m). */
  project(x: number, y: number, elevationM: number): [number, number];
  stats(): { drawCalls: number; triangles: number; frameMs: number[] };
  /** The trucks as last drawn (local metres). */
  trucks(): { id: string; x: number; y: number }[];
  /** Renders one frame now and resolves with how long it took (ms), the GPU finished. */
  renderNow(): Promise<number>;
}

declare global {
  interface Window {
    __twin?: TwinTestHooks;
    __firstFrame?: boolean;
    /** performance.now() (ms since navigation) when the first frame with a run's state was drawn. */
    __firstFrameMs?: number;
  }
}

/** The camera the district opens with: from the south-east, looking at its centre. */
export function defaultPose(d: DistrictData): CameraPose {
  const c = terrainCentre(d.terrain);
  const g = groundAt(d.terrain, c.x, c.y);
  const r = Math.max(c.widthM, c.heightM);
  return { position: [c.x + r * 0.25, g + r * 0.62, -c.y + r * 0.78], target: [c.x, g, -c.y] };
}

function Renderer({ test }: { test: boolean }) {
  const { gl, scene, camera, invalidate, size } = useThree();
  const times = useRef<number[]>([]);
  const first = useRef(true);
  useEffect(() => onTick(() => invalidate()), [invalidate]);
  useEffect(() => {
    if (!test) return;
    const v = new Vector3();
    window.__twin = {
      project(x, y, e) {
        v.set(x, e, -y).project(camera);
        return [((v.x + 1) / 2) * size.width, ((1 - v.y) / 2) * size.height];
      },
      trucks: () => drawnTrucks,
      stats: () => ({
        drawCalls: gl.info.render.calls,
        triangles: gl.info.render.triangles,
        frameMs: [...times.current],
      }),
      renderNow: () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          gl.render(scene, camera);
          const ctx = gl.getContext();
          ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, new Uint8Array(4));
          resolve(performance.now() - t0);
        }),
    };
  }, [test, gl, scene, camera, size]);
  // Priority 1: this frame callback draws the scene (R3F stops its own render), so each frame can be timed.
  useFrame(() => {
    const t0 = performance.now();
    gl.render(scene, camera);
    const ms = performance.now() - t0;
    times.current.push(ms);
    if (times.current.length > 240) times.current.shift();
    if (first.current && appStore.getState().view) {
      first.current = false;
      const now = performance.now();
      appStore.setState({ firstFrameMs: now });
      window.__firstFrameMs = now;
      window.__firstFrame = true;
    }
  }, 1);
  return null;
}

function CameraRig({ pose }: { pose: CameraPose }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const controls = useRef<React.ComponentRef<typeof MapControls>>(null);
  const target = useMemo(() => new Vector3(...pose.target), [pose]);
  useEffect(() => {
    camera.position.set(...pose.position);
    camera.lookAt(target);
    controls.current?.target.copy(target);
    controls.current?.update();
  }, [camera, pose, target]);
  return (
    <MapControls
      ref={controls}
      makeDefault
      target={target}
      maxPolarAngle={Math.PI * 0.48}
      minDistance={50}
      maxDistance={12_000}
      onEnd={() => {
        const t = controls.current?.target;
        if (!t) return;
        appStore.setState({ camera: { position: camera.position.toArray(), target: t.toArray() } });
      }}
    />
  );
}

/** The canvas for a district; `test` keeps the drawing buffer for pixel reads and sets the hooks; `children` are
 * drawn in the scene too (a mode's own camera or layers). */
export function TwinCanvas({
  district,
  pose,
  test,
  children,
}: {
  district: DistrictData;
  pose: CameraPose;
  test: boolean;
  children?: ReactNode;
}) {
  const mode = useStore(appStore, (s) => s.mode);
  return (
    <Canvas
      frameloop="demand"
      flat
      dpr={test ? 1 : [1, 2]}
      gl={{ preserveDrawingBuffer: test, antialias: !test }}
      camera={{ fov: 40, near: 5, far: 30_000, position: pose.position }}
      onPointerMissed={() => appStore.setState({ selected: null })}
    >
      <color attach="background" args={['#dfe7ec']} />
      <hemisphereLight args={['#ffffff', '#8a8f95', 1.6]} />
      <directionalLight position={[-800, 1500, -600]} intensity={1.4} />
      <DistrictLayer district={district} />
      <LiveLayer district={district} />
      <Highlights district={district} />
      {mode === 'ensemble' && (
        <Suspense fallback={null}>
          <EnsembleLayer district={district} />
        </Suspense>
      )}
      <CameraRig pose={pose} />
      <Renderer test={test} />
      {children}
    </Canvas>
  );
}
