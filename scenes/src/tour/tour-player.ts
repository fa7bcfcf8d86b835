// The tour player: finds the run the tour replays, then plays its segments on the app clock (each segment sets the
// clock's range and speed; its end, reached by the clock, starts the next), loops in a kiosk, pauses on a touch and
// resumes after a short idle. Tour time is derived from the clock, never from a timer of its own.
import { createStore } from 'zustand/vanilla';
import { tourMoment, tourTimeOf, type Tour, type TourMoment } from '../../../simulation/tour/index.ts';
import { clock, kickClock, onTick } from '../clock/app-clock.ts';
import { formatClock } from '../clock/sim-clock.ts';
import { getJson } from '../data/http.ts';
import { openServerRun, stepOf } from '../data/session.ts';
import { appStore } from '../store/app-store.ts';

/** How long a touched kiosk waits, untouched, before it plays on (ms). */
export const IDLE_RESUME_MS = 12_000;
/** How long a kiosk holds the last moment before it starts again (ms). */
export const END_HOLD_MS = 6_000;
/** How often a tour without its run asks the server again (ms). */
export const RUN_RETRY_MS = 10_000;

export type TourStatus =
  | 'idle'
  | 'findingRun'
  | 'noRun'
  | 'runNotReady'
  | 'runShort'
  | 'badTour'
  | 'playing'
  | 'paused'
  | 'touched'
  | 'ended'
  | 'stepping';

export interface TourState {
  tour: Tour | null;
  status: TourStatus;
  /** The segment shown. */
  index: number;
  /** Parameters of the status message (run progress, the scenario, an error). */
  detail: Record<string, string>;
  /** Start again at the end (kiosk). */
  loop: boolean;
}

export const tourStore = createStore<TourState>(() => ({
  tour: null,
  status: 'idle',
  index: 0,
  detail: {},
  loop: false,
}));

let timer = 0;
let framesDrawn = 0;
let stopTick: (() => void) | null = null;
let generation = 0;

const LIVE = ['queued', 'running', 'paused', 'interrupted'];

interface RunRowLite {
  id: string;
  scenario: string;
  status: string;
  district: string;
  durationS: number;
  reachedS: number;
}

/** Called by the tour's camera for every frame it draws. */
export function noteFrameDrawn(): void {
  framesDrawn++;
}

/** Resolves after the next frame drawn with the tour's camera, and one more animation frame for the panels. */
export function nextFrameDrawn(): Promise<void> {
  const before = framesDrawn;
  kickClock();
  return new Promise((resolve) => {
    const check = () => (framesDrawn > before ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
}

/** Wall time from the tour's start (s) as of the app clock. */
export function tourNowS(): number {
  const { tour, index } = tourStore.getState();
  return tour ? tourTimeOf(tour, index, clock.currentS) : 0;
}

/** The last simulated time a tour shows (s): the run must reach it. */
export function tourNeedsS(tour: Tour): number {
  return Math.max(...tour.segments.map((s) => s.toS));
}

function setTimer(fn: () => void, ms: number): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(fn, ms);
}

/** Starts a tour: finds its run (asking again every few seconds while there is none), then plays it. */
export function startTour(tour: Tour, opts: { loop: boolean }): void {
  stopTour();
  const gen = ++generation;
  tourStore.setState({ tour, status: 'findingRun', index: 0, detail: {}, loop: opts.loop });
  stopTick = onTick(atTick);
  void findRun(tour, gen);
}

/** A tour that cannot be played (a bad file): said on screen. */
export function tourFailed(message: string): void {
  stopTour();
  tourStore.setState({ tour: null, status: 'badTour', detail: { message } });
}

/** Leaves the tour: timers stopped, the clock back on the whole run. */
export function stopTour(): void {
  generation++;
  window.clearTimeout(timer);
  stopTick?.();
  stopTick = null;
  const meta = appStore.getState().meta;
  if (meta && tourStore.getState().tour) {
    clock.pause();
    clock.setRange(0, Number.isFinite(meta.lastS) ? meta.lastS : 0);
    kickClock();
  }
  tourStore.setState({ status: 'idle' });
}

async function findRun(tour: Tour, gen: number): Promise<void> {
  const app = appStore.getState();
  const needS = tourNeedsS(tour);
  const detail = { scenario: tour.run.scenario, district: tour.run.district, need: formatClock(needS) };
  const again = (status: TourStatus, extra: Record<string, string> = {}) => {
    if (gen !== generation) return;
    tourStore.setState({ status, detail: { ...detail, ...extra } });
    setTimer(() => void findRun(tour, gen), RUN_RETRY_MS);
  };
  // The scene shows one district: a tour of another cannot be told over it.
  if (app.district && app.district.info.id !== tour.run.district) {
    tourStore.setState({
      status: 'badTour',
      detail: { message: `${tour.name} is a tour of ${tour.run.district}; this screen shows ${app.district.info.id}` },
    });
    return;
  }
  if (app.offline) {
    // A record file opened by hand is the only run there is.
    const m = app.meta;
    if (m && m.scenario === tour.run.scenario && m.lastS >= needS) return begin(gen);
    return again(m && m.scenario === tour.run.scenario ? 'runShort' : 'noRun', { offline: '1' });
  }
  let rows: RunRowLite[];
  try {
    rows = await getJson<RunRowLite[]>(`/api/runs?district=${encodeURIComponent(tour.run.district)}&limit=200`);
  } catch {
    return again('noRun');
  }
  if (gen !== generation) return;
  const mine = rows.filter((r) => r.scenario === tour.run.scenario && r.district === tour.run.district);
  const done = mine.find((r) => r.status === 'finished' && r.reachedS >= needS);
  if (done) {
    try {
      if (appStore.getState().meta?.id !== done.id) await openServerRun(done.id);
    } catch {
      return again('noRun');
    }
    return begin(gen);
  }
  const going = mine.find((r) => LIVE.includes(r.status));
  if (going) return again('runNotReady', { at: formatClock(going.reachedS), end: formatClock(going.durationS) });
  if (mine.some((r) => r.status === 'finished')) return again('runShort');
  again('noRun');
}

function begin(gen: number): void {
  if (gen !== generation) return;
  enterSegment(0, undefined, true);
  tourStore.setState({ status: 'playing', detail: {} });
}

/** Puts the clock on segment `index` at `simS` (default its start), playing or not. */
function enterSegment(index: number, simS: number | undefined, play: boolean): void {
  const tour = tourStore.getState().tour;
  if (!tour) return;
  const seg = tour.segments[index];
  clock.pause();
  clock.setRange(seg.fromS, seg.toS);
  clock.setMultiplier(seg.speed);
  clock.setTime(simS ?? seg.fromS);
  tourStore.setState({ index });
  if (play) clock.play();
  kickClock();
}

/** On every clock tick: a segment the clock has played to its end hands over to the next, or the tour ends. */
function atTick(tS: number): void {
  const { tour, status, index, loop } = tourStore.getState();
  if (!tour || status !== 'playing') return;
  if (tS < tour.segments[index].toS - 1e-6) return;
  if (index + 1 < tour.segments.length) {
    enterSegment(index + 1, undefined, true);
    return;
  }
  tourStore.setState({ status: 'ended' });
  if (loop) setTimer(() => restartTour(), END_HOLD_MS);
}

/** From the top. */
export function restartTour(): void {
  if (!tourStore.getState().tour) return;
  enterSegment(0, undefined, true);
  tourStore.setState({ status: 'playing' });
}

/** Play or pause (the presenter's button; a kiosk has none). */
export function togglePlay(): void {
  const { status } = tourStore.getState();
  if (status === 'playing') {
    clock.pause();
    tourStore.setState({ status: 'paused' });
    kickClock();
  } else if (status === 'paused' || status === 'touched' || status === 'stepping') {
    window.clearTimeout(timer);
    resume();
  } else if (status === 'ended') restartTour();
}

/** Jumps to the start of segment `index` and plays (the presenter's previous / next). */
export function goToSegment(index: number): void {
  const tour = tourStore.getState().tour;
  if (!tour || index < 0 || index >= tour.segments.length) return;
  window.clearTimeout(timer);
  enterSegment(index, undefined, true);
  tourStore.setState({ status: 'playing' });
}

/** A visitor touched the kiosk: hold still, and play on after IDLE_RESUME_MS without another touch. */
export function touchTour(): void {
  const { status } = tourStore.getState();
  if (status !== 'playing' && status !== 'touched') return;
  clock.pause();
  kickClock();
  tourStore.setState({ status: 'touched' });
  setTimer(resume, IDLE_RESUME_MS);
}

function resume(): void {
  tourStore.setState({ status: 'playing' });
  clock.play();
  kickClock();
}

/**
 * Shows wall time `tourS` of the tour and resolves once its data is loaded and a frame drawn with it (the tour
 * video steps frame by frame with this; the tour stops playing on its own).
 */
export async function seekTour(tourS: number): Promise<TourMoment> {
  const tour = tourStore.getState().tour;
  if (!tour) throw new Error(`the tour is not ready (${tourStore.getState().status})`);
  window.clearTimeout(timer);
  const m = tourMoment(tour, tourS);
  tourStore.setState({ status: 'stepping' });
  enterSegment(m.index, m.simS, false);
  await stepLoaded(m.simS);
  await nextFrameDrawn();
  return m;
}

/** Resolves when the store holds the view and frame of the step at `simS` and the dashboards' series. */
function stepLoaded(simS: number): Promise<void> {
  const ready = () => {
    const s = appStore.getState();
    return !!s.meta && s.frameStep === stepOf(simS, s.meta) && !!s.view && !!s.series;
  };
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const fail = window.setTimeout(() => {
      stop();
      reject(new Error(`the run's data for ${formatClock(simS)} did not load within 60 s`));
    }, 60_000);
    const stop = appStore.subscribe(() => {
      if (!ready()) return;
      window.clearTimeout(fail);
      stop();
      resolve();
    });
  });
}
