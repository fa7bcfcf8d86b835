// Point markers as one instanced mesh per kind (sensors, pump stations, hotspots, depots, cases, trucks): placed and
// coloured from arrays, hover and click report the instance's id to the store for the details panel.
import type { ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Color, Object3D, type BufferGeometry, type InstancedMesh } from 'three';
import { appStore, type Picked } from '../store/app-store.ts';

/** One marker: id, position (scene metres: x east, y up, z = −north), colour, heading (radians from east). */
export interface MarkerSpec {
  id: string;
  x: number;
  y: number;
  z: number;
  colour: string;
  headingRad?: number;
}

const scratch = new Object3D();
const colour = new Color();

/** Writes markers into an instanced mesh (positions, headings, colours) and sets how many are drawn. */
export function placeMarkers(mesh: InstancedMesh, markers: readonly MarkerSpec[]): void {
  const n = Math.min(markers.length, mesh.instanceMatrix.count);
  for (let i = 0; i < n; i++) {
    const m = markers[i];
    scratch.position.set(m.x, m.y, m.z);
    scratch.rotation.set(0, m.headingRad ?? 0, 0);
    scratch.updateMatrix();
    mesh.setMatrixAt(i, scratch.matrix);
    mesh.setColorAt(i, colour.set(m.colour));
  }
  mesh.count = n;
  mesh.instanceMatrix.needsUpdate = true;
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  mesh.computeBoundingSphere();
}

export function Markers({
  kind,
  markers,
  geometry,
  capacity,
  meshRef,
}: {
  kind: Picked['kind'];
  markers: readonly MarkerSpec[];
  geometry: BufferGeometry;
  capacity: number;
  meshRef?: React.RefObject<InstancedMesh | null>;
}) {
  const own = useRef<InstancedMesh>(null);
  const ref = meshRef ?? own;
  const args = useMemo(() => [geometry, undefined, Math.max(1, capacity)] as const, [geometry, capacity]);
  useLayoutEffect(() => {
    if (ref.current) placeMarkers(ref.current, markers);
  }, [markers, ref]);
  const pick = (e: ThreeEvent<PointerEvent | MouseEvent>): Picked | null => {
    const id = e.instanceId === undefined ? undefined : ref.current?.userData.ids?.[e.instanceId];
    return id ? { kind, id } : null;
  };
  useLayoutEffect(() => {
    if (ref.current) ref.current.userData.ids = markers.map((m) => m.id);
  }, [markers, ref]);
  return (
    <instancedMesh
      ref={ref}
      args={args as unknown as [BufferGeometry, undefined, number]}
      frustumCulled={false}
      onPointerOver={(e) => {
        e.stopPropagation();
        appStore.setState({ hover: pick(e) });
      }}
      onPointerOut={() => appStore.setState({ hover: null })}
      onClick={(e) => {
        e.stopPropagation();
        appStore.setState({ selected: pick(e) });
      }}
    >
      <meshLambertMaterial />
    </instancedMesh>
  );
}
