// `window.__tour`: the hooks the tour video and the tests drive the tour with — load a tour (checked by the same
// parser as the CLI), read where it stands, and seek it to a moment, resolved once that frame is drawn. Stepping
// frame by frame this way makes a video independent of how fast the machine draws.
import { parseTour } from '../../../simulation/tour/index.ts';
import { appStore } from '../store/app-store.ts';
import { clock } from '../clock/app-clock.ts';
import { seekTour, startTour, tourNowS, tourStore, type TourStatus } from './tour-player.ts';

/** What `window.__tour.info()` says. */
export interface TourInfo {
  status: TourStatus;
  name: string | null;
  /** Wall duration of the tour (s). */
  totalS: number;
  segments: number;
  index: number;
  /** Wall time into the tour and simulated time shown (s), as of the app clock. */
  tourS: number;
  simS: number;
  runId: string | null;
  detail: Record<string, string>;
}

export interface TourHooks {
  info(): TourInfo;
  /** Plays this tour instead (raw JSON); resolves with its info, or rejects with the parser's one-line message. */
  load(raw: unknown): TourInfo;
  /** Shows wall time `tourS` (s) and resolves once it is drawn; the tour no longer plays by itself. */
  seek(tourS: number): Promise<{ index: number; simS: number; tourS: number }>;
}

declare global {
  interface Window {
    __tour?: TourHooks;
  }
}

function info(): TourInfo {
  const s = tourStore.getState();
  return {
    status: s.status,
    name: s.tour?.name ?? null,
    totalS: s.tour?.totalS ?? 0,
    segments: s.tour?.segments.length ?? 0,
    index: s.index,
    tourS: tourNowS(),
    simS: clock.currentS,
    runId: appStore.getState().meta?.id ?? null,
    detail: s.detail,
  };
}

/** Sets `window.__tour`; returns a function that removes it. */
export function installTourHooks(): () => void {
  window.__tour = {
    info,
    load(raw) {
      startTour(parseTour(raw, 'the tour given'), { loop: tourStore.getState().loop });
      return info();
    },
    seek: (tourS) => seekTour(tourS),
  };
  return () => {
    delete window.__tour;
  };
}
