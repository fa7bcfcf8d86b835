// An ensemble's map on the district: the ground mesh again, a little above it, textured with the map's classes
// (transparent where not coloured), so the probability or depth lies on the streets under the buildings. While it is
// shown, the run's water and trucks are hidden (their switches are given back on leaving).
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  BufferAttribute,
  DataTexture,
  LinearFilter,
  MeshBasicMaterial,
  NearestFilter,
  RGBAFormat,
  SRGBColorSpace,
  UnsignedByteType,
} from 'three';
import { useStore } from 'zustand';
import type { DistrictData } from '../data/district-data.ts';
import { terrainGeometry } from '../scene/terrain-geometry.ts';
import { appStore } from '../store/app-store.ts';
import { ensembleStore } from './ensemble-store.ts';
import { mapRgba } from './map-classes.ts';

declare global {
  interface Window {
    /** The map the layer last drew (`<ensemble id>/<map name>`), for tests. */
    __ensembleDrawn?: string;
  }
}

/** Metres the map floats over the ground, so it never fights the ground for depth. */
const LIFT_M = 0.4;

export default function EnsembleLayer({ district }: { district: DistrictData }) {
  const invalidate = useThree((s) => s.invalidate);
  const shown = useStore(ensembleStore, (s) => s.shown);
  const grid = useStore(ensembleStore, (s) => s.results?.grid ?? null);
  const base = useMemo(() => terrainGeometry(district.terrain), [district.terrain]);

  useEffect(() => {
    const before = appStore.getState().layers;
    appStore.setState({ layers: { ...before, water: false, trucks: false } });
    return () => {
      const now = appStore.getState().layers;
      appStore.setState({ layers: { ...now, water: before.water, trucks: before.trucks } });
    };
  }, []);

  // The ground's vertices with texture coordinates on the ensemble's grid.
  const geometry = useMemo(() => {
    if (!grid) return null;
    const g = base.clone();
    const pos = g.getAttribute('position');
    const uv = new Float32Array(pos.count * 2);
    for (let i = 0; i < pos.count; i++) {
      uv[i * 2] = (pos.getX(i) - grid.x0) / (grid.nx * grid.cellM);
      uv[i * 2 + 1] = (-pos.getZ(i) - grid.y0) / (grid.ny * grid.cellM);
    }
    g.setAttribute('uv', new BufferAttribute(uv, 2));
    return g;
  }, [base, grid]);

  const material = useMemo(() => {
    if (!shown || !grid) return null;
    const tex = new DataTexture(
      mapRgba(shown.kind, shown.values, grid.nx, grid.ny),
      grid.nx,
      grid.ny,
      RGBAFormat,
      UnsignedByteType,
    );
    tex.colorSpace = SRGBColorSpace;
    tex.magFilter = NearestFilter;
    tex.minFilter = LinearFilter;
    tex.needsUpdate = true;
    return new MeshBasicMaterial({ map: tex, transparent: true, depthWrite: false });
  }, [shown, grid]);

  useEffect(() => {
    invalidate();
    if (material && shown) {
      // After the frame with the new texture is drawn.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => (window.__ensembleDrawn = `${shown.ensembleId}/${shown.name}`)),
      );
    }
    return () => {
      material?.map?.dispose();
      material?.dispose();
    };
  }, [material, shown, invalidate]);

  useEffect(() => () => geometry?.dispose(), [geometry]);

  if (!geometry || !material) return null;
  return <mesh geometry={geometry} material={material} position={[0, LIFT_M, 0]} renderOrder={2} />;
}
