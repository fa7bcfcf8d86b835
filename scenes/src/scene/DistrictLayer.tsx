// The district's fixed parts and its water: the ground (whose material paints the depth frames, two of them mixed
// by the clock's place in the control step), the merged buildings, road lines, flood walls and the water bodies
// lifted to the river stage. Depth textures are refilled when the store's frames change, not every frame.
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { DoubleSide, type Mesh } from 'three';
import { useStore } from 'zustand';
import { clock } from '../clock/app-clock.ts';
import type { DistrictData } from '../data/district-data.ts';
import { appStore } from '../store/app-store.ts';
import { buildingsGeometry } from './buildings-geometry.ts';
import {
  depthRect,
  depthTexture,
  groundMaterial,
  surfaceTexture,
  uploadDepth,
  waterBodyCells,
} from './ground-material.ts';
import { localLines, roadLinesGeometry, wallsGeometry, waterBodiesGeometry } from './line-geometry.ts';
import { terrainGeometry } from './terrain-geometry.ts';

export function DistrictLayer({ district }: { district: DistrictData }) {
  const { terrain, frame, layers } = district;
  const meta = useStore(appStore, (s) => s.meta);
  const shown = useStore(appStore, (s) => s.layers);
  const grid = meta?.grid ?? { nx: 1, ny: 1, cellM: 1, x0: 0, y0: 0 };
  const gridKey = `${grid.nx}x${grid.ny}@${grid.cellM},${grid.x0},${grid.y0}`;

  const ground = useMemo(() => terrainGeometry(terrain), [terrain]);
  const surface = useMemo(() => surfaceTexture(terrain), [terrain]);
  // The textures follow the frame grid's shape (gridKey), not every new meta object.
  const depth = useMemo(
    () => ({ a: depthTexture(grid), b: depthTexture(grid), waterBody: waterBodyCells(terrain, grid) }),
    [gridKey, terrain],
  );
  const material = useMemo(() => groundMaterial(terrain, surface, depth.a, depth.b, grid), [terrain, surface, depth]);
  const buildings = useMemo(
    () => buildingsGeometry(layers.buildings.features, frame, terrain),
    [layers, frame, terrain],
  );
  const roads = useMemo(
    () =>
      roadLinesGeometry(
        localLines(
          layers.roads.features.filter((f) => f.properties.drivable !== false),
          frame,
        ),
        terrain,
      ),
    [layers, frame, terrain],
  );
  const walls = useMemo(
    () => wallsGeometry(localLines(layers.floodWalls.features, frame), terrain),
    [layers, frame, terrain],
  );
  const waterBodies = useMemo(() => waterBodiesGeometry(layers.water.features, frame), [layers, frame]);
  const waterRef = useRef<Mesh>(null);

  useEffect(() => {
    material.uniforms.depthRect.value = depthRect(grid);
  }, [material, gridKey]);

  useEffect(() => {
    const fill = (s: ReturnType<typeof appStore.getState>) => {
      if (s.frameA) uploadDepth(depth.a, s.frameA, depth.waterBody);
      if (s.frameB) uploadDepth(depth.b, s.frameB, depth.waterBody);
    };
    fill(appStore.getState());
    return appStore.subscribe((s, prev) => {
      if (s.frameA !== prev.frameA || s.frameB !== prev.frameB) fill(s);
    });
  }, [depth]);

  useEffect(() => () => material.dispose(), [material]);

  useFrame(() => {
    const s = appStore.getState();
    const m = s.meta;
    if (m && s.frameStep >= 0) {
      const f = (clock.currentS - s.frameStep * m.controlStepS) / m.controlStepS;
      material.uniforms.mixF.value = Math.min(1, Math.max(0, f));
    }
    material.uniforms.showWater.value = s.layers.water ? 1 : 0;
    if (waterRef.current) {
      const a = s.view?.river.stageM;
      const b = s.nextView?.river.stageM ?? a;
      const f = material.uniforms.mixF.value as number;
      waterRef.current.position.y = a === undefined ? 3 : a + ((b ?? a) - a) * f;
    }
  });

  return (
    <group>
      <mesh geometry={ground} material={material} />
      <mesh ref={waterRef} geometry={waterBodies} renderOrder={1}>
        <meshLambertMaterial color="#5d8aa6" side={DoubleSide} transparent opacity={0.92} />
      </mesh>
      <mesh geometry={buildings} visible={shown.buildings}>
        <meshLambertMaterial vertexColors side={DoubleSide} />
      </mesh>
      <lineSegments geometry={roads} visible={shown.roads}>
        <lineBasicMaterial color="#ffffff" transparent opacity={0.55} />
      </lineSegments>
      <mesh geometry={walls}>
        <meshLambertMaterial color="#7d8084" side={DoubleSide} />
      </mesh>
    </group>
  );
}
