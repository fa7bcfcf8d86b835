// The ensemble view's state, in a vanilla store of its own (the app's store stays as it is): the finished ensembles
// on the server, the one chosen, its results, the map shown and its values. The panel writes it; the layer on the
// district reads it.
import { createStore } from 'zustand/vanilla';
import type { MapKind } from './map-classes.ts';

/** An ensemble as GET /api/ensembles lists it. */
export interface EnsembleListed {
  id: string;
  name: string;
  status: string;
  members: number;
  outputs: string[];
  createdAt: string;
}

/** A map of the ensemble (ensemble.json `maps`). */
export interface EnsembleMapInfo {
  file: string;
  thresholdM?: number;
  quantile?: number;
}

/** What the view reads of ensemble.json. */
export interface EnsembleResults {
  ensemble: string;
  title?: string;
  titleEn?: string;
  grid: { nx: number; ny: number; cellM: number; x0: number; y0: number } | null;
  counts: { members: number; completed: number; failed: number };
  maps: EnsembleMapInfo[];
  fleetSizeCurves: {
    kpi: string;
    recommendation: { trucks: number | null; bootstrap: { low: number | null; high: number | null } };
  }[];
}

/** A map's values on the results' grid (row 0 north). */
export interface ShownMap {
  ensembleId: string;
  name: string;
  kind: MapKind;
  values: Float32Array;
}

export interface EnsembleState {
  list: EnsembleListed[] | null;
  selected: string | null;
  results: EnsembleResults | null;
  /** The map chosen (its file name without .tif). */
  mapName: string | null;
  shown: ShownMap | null;
  error: string | null;
}

export const ensembleStore = createStore<EnsembleState>()(() => ({
  list: null,
  selected: null,
  results: null,
  mapName: null,
  shown: null,
  error: null,
}));
