// The ensemble view's data from the server: finished ensembles (GET /api/ensembles), one's results
// (/results: grid, maps, counts, fleet-size curves) and a map's values as float32 (/grids/:name), into its store.
import { getBytes, getJson } from '../data/http.ts';
import { ensembleStore, type EnsembleListed, type EnsembleResults } from './ensemble-store.ts';
import type { MapKind } from './map-classes.ts';

/** A map's name (file without .tif) and kind. */
export function mapNameOf(file: string): string {
  return file.replace(/\.tif$/, '');
}

export function mapKindOf(m: { thresholdM?: number }): MapKind {
  return m.thresholdM !== undefined ? 'probability' : 'depth';
}

/** Lists the ensembles whose outputs are written, newest first; chooses the first when none is chosen. */
export async function loadEnsembleList(): Promise<void> {
  try {
    const all = await getJson<EnsembleListed[]>('/api/ensembles');
    const list = all.filter((e) => e.outputs.includes('ensemble.json'));
    ensembleStore.setState({ list, error: null });
    const chosen = ensembleStore.getState().selected;
    if (!chosen && list.length) await chooseEnsemble(list[0].id);
  } catch (e) {
    ensembleStore.setState({ list: [], error: (e as Error).message });
  }
}

/** Reads an ensemble's results and shows its first map (or the map of the same name it showed before). */
export async function chooseEnsemble(id: string): Promise<void> {
  ensembleStore.setState({ selected: id, results: null, shown: null });
  try {
    const results = await getJson<EnsembleResults>(`/api/ensembles/${encodeURIComponent(id)}/results`);
    if (ensembleStore.getState().selected !== id) return;
    ensembleStore.setState({ results, error: null });
    const names = results.maps.map((m) => mapNameOf(m.file));
    const keep = ensembleStore.getState().mapName;
    const name = keep && names.includes(keep) ? keep : names[0];
    if (name) await chooseMap(name);
  } catch (e) {
    ensembleStore.setState({ error: (e as Error).message });
  }
}

/** Fetches one map's values and shows it. */
export async function chooseMap(name: string): Promise<void> {
  const { selected, results } = ensembleStore.getState();
  ensembleStore.setState({ mapName: name });
  const map = results?.maps.find((m) => mapNameOf(m.file) === name);
  if (!selected || !results?.grid || !map) return;
  try {
    const bytes = await getBytes(`/api/ensembles/${encodeURIComponent(selected)}/grids/${encodeURIComponent(name)}`);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    const s = ensembleStore.getState();
    if (s.selected !== selected || s.mapName !== name) return;
    ensembleStore.setState({ shown: { ensembleId: selected, name, kind: mapKindOf(map), values }, error: null });
  } catch (e) {
    ensembleStore.setState({ error: (e as Error).message });
  }
}
