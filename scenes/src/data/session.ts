// The run on screen: opens it (unknown, queued, still being written), keeps the view and the depth frames of the
// clock's control step and the next one loaded (cached), follows a live run's growing end, and when the server goes
// away says so and recovers when it returns.
import { clock, kickClock, onTick } from '../clock/app-clock.ts';
import { formatClock } from '../clock/sim-clock.ts';
import { appStore, clearNotice, showNotice } from '../store/app-store.ts';
import type { DeepLink } from '../store/deep-link.ts';
import { FetchError } from './http.ts';
import type { RunMeta, RunSource } from './run-source.ts';
import { followLive, ServerRun } from './server-run.ts';

const LIVE = ['queued', 'running', 'paused', 'interrupted'];

/** A small cache of promises by step, dropping the oldest past `max`, and forgetting failures. */
class StepCache<T> {
  private readonly m = new Map<number, Promise<T>>();
  constructor(private readonly max: number) {}
  get(k: number, load: (k: number) => Promise<T>): Promise<T> {
    let p = this.m.get(k);
    if (!p) {
      p = load(k);
      p.catch(() => this.m.delete(k));
      this.m.set(k, p);
      if (this.m.size > this.max) this.m.delete(this.m.keys().next().value!);
    }
    return p;
  }
  clear(): void {
    this.m.clear();
  }
}

let source: RunSource | null = null;
let meta: RunMeta | null = null;
const views = new StepCache<Awaited<ReturnType<RunSource['view']>>>(240);
const frames = new StepCache<Uint16Array>(32);
let wanted = -1;
let stopLive: (() => void) | null = null;
let recovering = false;
let lastMetaMs = 0;

/** The control step holding the state as of `tS`. */
export function stepOf(tS: number, m: RunMeta): number {
  return Math.max(0, Math.min(m.steps - 1, Math.floor(tS / m.controlStepS + 1e-9)));
}

/** Opens a run and shows it at the link's moment (or its start; a live run at its newest step). */
export async function openRun(src: RunSource, link: DeepLink = {}): Promise<void> {
  stopLive?.();
  stopLive = null;
  source = src;
  views.clear();
  frames.clear();
  wanted = -1;
  for (const k of ['unknownRun', 'queued', 'writing', 'error', 'fileError'] as const) clearNotice(k);
  try {
    meta = await src.meta();
  } catch (e) {
    if (e instanceof FetchError && e.kind === 'not-found') showNotice({ key: 'unknownRun', params: { id: src.id } });
    else failed(e);
    appStore.setState({ phase: 'pick', meta: null });
    if (src.kind === 'server' && e instanceof FetchError && e.kind !== 'not-found') watchQueued(src);
    return;
  }
  appStore.setState({ meta, phase: 'run', view: null, nextView: null, frameA: null, frameB: null, frameStep: -1 });
  clock.setRange(0, Number.isFinite(meta.lastS) ? meta.lastS : 0);
  const live = src.kind === 'server' && LIVE.includes(meta.status);
  if (link.t !== undefined) clock.setTime(link.t);
  else if (live) clock.setFollowLive(true);
  else clock.setTime(0);
  noticeProgress();
  if (meta.steps === 0) {
    if (src.kind === 'server') watchQueued(src);
    return;
  }
  void loadExtras();
  if (live) startLive(src.id);
  kickClock();
  await ensureStep(stepOf(clock.currentS, meta));
}

function noticeProgress(): void {
  if (!meta || !source) return;
  if (meta.steps === 0) showNotice({ key: 'queued', params: { id: meta.id } });
  else clearNotice('queued');
  if (!meta.complete)
    showNotice({
      key: 'writing',
      params: { id: meta.id, at: formatClock(meta.lastS || 0), end: formatClock(meta.endS) },
    });
  else clearNotice('writing');
}

/** A run with no record yet (queued) or a failed open: try again every 2 s until it has one. */
function watchQueued(src: RunSource): void {
  const retry = () => {
    if (source !== src) return;
    void src.meta().then(
      (m) => {
        if (m.steps > 0) void openRun(src);
        else window.setTimeout(retry, 2000);
      },
      () => window.setTimeout(retry, 2000),
    );
  };
  window.setTimeout(retry, 2000);
}

async function loadExtras(): Promise<void> {
  if (!source) return;
  const src = source;
  try {
    const [events, series] = await Promise.all([src.events(), src.series()]);
    if (source === src) appStore.setState({ events, series });
  } catch (e) {
    failed(e);
  }
}

/** Loads the view and frame of step `k` and of the next step, then shows them together. */
export async function ensureStep(k: number): Promise<void> {
  const src = source;
  const m = meta;
  if (!src || !m || m.steps === 0) return;
  if (k === wanted) return;
  wanted = k;
  const next = Math.min(k + 1, m.steps - 1);
  try {
    const [view, nextView, frameA, frameB] = await Promise.all([
      views.get(k, (s) => src.view(s)),
      views.get(next, (s) => src.view(s)),
      frames.get(k, (s) => src.frame(s)),
      frames.get(next, (s) => src.frame(s)),
    ]);
    if (wanted !== k || source !== src) return;
    appStore.setState({ step: k, view, nextView, frameA, frameB, frameStep: k });
    // Warm the step after, so playing does not wait at each boundary.
    if (next + 1 < m.steps) {
      void views.get(next + 1, (s) => src.view(s)).catch(() => undefined);
      void frames.get(next + 1, (s) => src.frame(s)).catch(() => undefined);
    }
  } catch (e) {
    if (wanted === k) wanted = -1;
    failed(e);
  }
}

onTick((tS) => {
  if (meta && meta.steps > 0) void ensureStep(stepOf(tS, meta));
});

function failed(e: unknown): void {
  if (e instanceof FetchError && e.kind === 'gone') {
    recover();
    return;
  }
  showNotice({ key: 'error', params: { message: e instanceof Error ? e.message : String(e) } });
}

/** The server is gone: say so, poll its health, and when it answers reload what the screen needs. */
function recover(): void {
  if (recovering || source?.kind !== 'server') return;
  recovering = true;
  stopLive?.();
  stopLive = null;
  showNotice({ key: 'gone' });
  const poll = () => {
    fetch('/api/health', { cache: 'no-store' }).then(
      async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        recovering = false;
        clearNotice('gone');
        showNotice({ key: 'back' });
        window.setTimeout(() => clearNotice('back'), 4000);
        const src = source;
        if (!src) return;
        meta = await src.meta();
        appStore.setState({ meta });
        clock.setRange(0, Number.isFinite(meta.lastS) ? meta.lastS : 0);
        noticeProgress();
        wanted = -1;
        void loadExtras();
        if (LIVE.includes(meta.status)) startLive(src.id);
        kickClock();
        await ensureStep(stepOf(clock.currentS, meta));
      },
      () => window.setTimeout(poll, 2000),
    );
  };
  window.setTimeout(poll, 1000);
}

/** Follows a live run: its end grows with progress (meta re-read at most every 2 s); the socket closing means the
 * run ended or the server went away — a health check tells which. */
function startLive(id: string): void {
  stopLive?.();
  stopLive = followLive(id, (msg) => {
    if (msg.type === 'progress' && performance.now() - lastMetaMs > 2000) void refreshMeta();
    else if (msg.type === 'status' || msg.type === 'end') void refreshMeta(true);
    else if (msg.type === 'closed')
      fetch('/api/health', { cache: 'no-store' }).then(
        () => refreshMeta(true),
        () => recover(),
      );
  });
}

async function refreshMeta(withExtras = false): Promise<void> {
  const src = source;
  if (!src) return;
  lastMetaMs = performance.now();
  try {
    const m = await src.meta();
    if (source !== src) return;
    meta = m;
    appStore.setState({ meta: m });
    clock.setRange(0, Number.isFinite(m.lastS) ? m.lastS : 0);
    noticeProgress();
    if (withExtras || m.complete) void loadExtras();
    if (!LIVE.includes(m.status)) {
      stopLive?.();
      stopLive = null;
    }
    kickClock();
  } catch (e) {
    failed(e);
  }
}

/** Opens a run of the server by id. */
export function openServerRun(id: string, link: DeepLink = {}): Promise<void> {
  return openRun(new ServerRun(id), link);
}
