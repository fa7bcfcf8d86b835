// Places a screen asks to mark on the district (the drill desk's cases where time was lost): a tall orange column
// over each, drawn larger than life so it reads from afar; clicking one selects the case for the details panel.
import { useMemo } from 'react';
import { CylinderGeometry } from 'three';
import { useStore } from 'zustand';
import type { DistrictData } from '../data/district-data.ts';
import { appStore } from '../store/app-store.ts';
import { groundAt, toLocal } from './ground.ts';
import { Markers } from './Markers.tsx';

/** Beacons: orange, apart from the case stages' colours. */
export const HIGHLIGHT_COLOUR = '#ff6a00';

/** A column 240 m tall, wider at the top so it reads from a bird's-eye view too. */
const beacon = new CylinderGeometry(22, 9, 240, 12).translate(0, 120, 0);

export function Highlights({ district }: { district: DistrictData }) {
  const highlights = useStore(appStore, (s) => s.highlights);
  const markers = useMemo(
    () =>
      highlights.map((h) => {
        const [x, y] = toLocal(district.frame, h.lonLat);
        return { id: h.id, x, y: groundAt(district.terrain, x, y), z: -y, colour: HIGHLIGHT_COLOUR };
      }),
    [highlights, district],
  );
  if (markers.length === 0) return null;
  return <Markers kind="case" markers={markers} geometry={beacon} capacity={Math.max(8, markers.length)} />;
}
