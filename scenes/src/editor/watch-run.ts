// After a run is started or forked: list it in the top bar's picker and show it in the 3D view, following it live.
import { getJson } from '../data/http.ts';
import { openServerRun } from '../data/session.ts';
import { appStore, clearNotice } from '../store/app-store.ts';

/** Adds the run to the picker, switches to the 3D twin and opens it (a live run is followed to its end). */
export async function watchRun(id: string): Promise<void> {
  await refreshRuns();
  appStore.setState({ mode: 'twin' });
  await openServerRun(id);
}

/** Re-reads the server's run list into the store (newest first). */
export async function refreshRuns(): Promise<void> {
  const rows =
    await getJson<{ id: string; scenario: string; status: string; durationS: number }[]>('/api/runs?limit=200');
  appStore.setState({
    runs: rows.map((r) => ({ id: r.id, scenario: r.scenario, status: r.status, durationS: r.durationS })),
  });
  // The server has runs now: the boot's "no runs yet" notice no longer holds.
  if (rows.length) clearNotice('noRuns');
}
