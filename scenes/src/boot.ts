// Starting the app: the deep link read, the language set, the server asked for (online) or the district pack
// loaded beside a static build (offline), then the run of the link, the newest run, or a choice.
import { clock, kickClock } from './clock/app-clock.ts';
import { API_URLS, loadDistrict, packUrls } from './data/district-data.ts';
import { FileRun } from './data/file-run.ts';
import { getJson } from './data/http.ts';
import { openRun, openServerRun } from './data/session.ts';
import { appStore, clearNotice, showNotice } from './store/app-store.ts';
import { formatDeepLink, parseDeepLink, type DeepLink } from './store/deep-link.ts';

/** True when a rivertwin server answers beside the page. */
async function serverHere(): Promise<boolean> {
  try {
    const res = await fetch('/api/health', { cache: 'no-store' });
    return res.ok && (res.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}

/** Loads the district and the run the link names (or lists runs to choose from). */
export async function boot(link: DeepLink): Promise<void> {
  const online = await serverHere();
  appStore.setState({ offline: !online, dashboard: link.view ?? null, mode: link.mode ?? 'twin' });
  appStore.setState({ kiosk: !!link.kiosk && link.mode === 'tour', tour: link.tour ?? null });
  if (!online) {
    const base = new URL('.', location.href).pathname;
    try {
      appStore.setState({ district: await loadDistrict(packUrls(base)) });
    } catch (e) {
      showNotice({ key: 'error', params: { message: (e as Error).message } });
    }
    appStore.setState({ phase: 'pick' });
    showNotice({ key: 'offline' });
    return;
  }
  const runs = await getJson<{ runs?: RunRowLite[] } | RunRowLite[]>('/api/runs?limit=200').catch(() => []);
  const rows = Array.isArray(runs) ? runs : (runs.runs ?? []);
  const list = rows.map((r) => ({ id: r.id, scenario: r.scenario, status: r.status, durationS: r.durationS }));
  appStore.setState({ runs: list });
  const chosen = link.run ?? list.find((r) => r.status === 'finished')?.id ?? list[0]?.id;
  const districtId = rows.find((r) => r.id === chosen)?.district;
  appStore.setState({ district: await loadDistrict(API_URLS, districtId) });
  // A run the server does not list is unknown: said without asking for it (a 404 the browser would log).
  if (link.run && !rows.some((r) => r.id === link.run)) {
    showNotice({ key: 'unknownRun', params: { id: link.run } });
    appStore.setState({ phase: 'pick' });
  } else if (chosen) await openServerRun(chosen, link);
  else {
    // A fresh server has the district and no run: say how to start one rather than show a dry map and nothing.
    showNotice({ key: 'noRuns' });
    appStore.setState({ phase: 'pick' });
  }
}

interface RunRowLite {
  id: string;
  scenario: string;
  status: string;
  durationS: number;
  district?: string;
}

/** Opens a record zip chosen with the file input (offline, or beside a server). */
export async function openRecordFile(file: File): Promise<void> {
  try {
    const run = new FileRun(new Uint8Array(await file.arrayBuffer()), file.name);
    clearNotice('offline');
    await openRun(run, {});
  } catch (e) {
    showNotice({ key: 'fileError', params: { message: (e as Error).message } });
  }
}

/** Keeps the address bar's deep link on what the screen shows (replaceState, at most once a second). */
export function syncDeepLink(): void {
  let timer = 0;
  const write = () => {
    timer = 0;
    const s = appStore.getState();
    const link: DeepLink = {
      ...(s.meta && !s.offline ? { run: s.meta.id } : {}),
      ...(s.meta ? { t: clock.currentS } : {}),
      ...(s.dashboard ? { view: s.dashboard } : {}),
      ...(s.camera ? { cam: s.camera } : {}),
      lang: s.lang,
      ...(s.clock.followLive ? { live: true } : {}),
      ...(s.mode !== 'twin' ? { mode: s.mode } : {}),
      ...(s.kiosk ? { kiosk: true } : {}),
      ...(s.tour ? { tour: s.tour } : {}),
    };
    const keep = new URLSearchParams(location.search).get('test') === '1' ? '&test=1' : '';
    const q = formatDeepLink(link);
    history.replaceState(null, '', `${location.pathname}${q}${q && keep ? keep : keep ? `?${keep.slice(1)}` : ''}`);
  };
  appStore.subscribe(() => {
    if (!timer) timer = window.setTimeout(write, 1000);
  });
  kickClock();
}

/** The link the page was opened with. */
export function initialLink(): DeepLink {
  return parseDeepLink(location.search);
}
