// Deep links: `?run=…&t=…&view=…&cam=…&lang=…` open the same moment, dashboard, camera and language on any screen.
// `mode=` opens the globe, editor, drill desk or tour. Pure parse and format, so a link survives a round trip exactly.

/** The dashboards, by id; `view` in a link names one. */
export const DASHBOARDS = ['rain', 'river', 'sensors', 'cases', 'fleet', 'kpis'] as const;
export type DashboardId = (typeof DASHBOARDS)[number];

/** A camera: position and target in the scene (metres: x east, y up, z south of the district origin). */
export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
}

/** What a link carries. Absent fields keep the app's defaults. */
export interface DeepLink {
  run?: string;
  /** Simulated time (s). */
  t?: number;
  view?: DashboardId;
  cam?: CameraPose;
  lang?: 'zh' | 'en';
  /** Follow a running run at its newest step. */
  live?: boolean;
  /** The screen (absent: the 3D twin). */
  mode?: ModeId;
  /** Open-day kiosk: the tour read-only and full screen (with `mode=tour`). */
  kiosk?: boolean;
  /** The tour to play by name (absent: the district's first). */
  tour?: string;
}

import { isMode, type ModeId } from '../ui/modes.ts';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** Reads a query string (`location.search`); ignores what is malformed rather than failing the page. */
export function parseDeepLink(search: string): DeepLink {
  const q = new URLSearchParams(search);
  const out: DeepLink = {};
  const run = q.get('run');
  if (run && RUN_ID.test(run) && !run.includes('..')) out.run = run;
  const t = parseTime(q.get('t'));
  if (t !== undefined) out.t = t;
  const view = q.get('view');
  if (view && (DASHBOARDS as readonly string[]).includes(view)) out.view = view as DashboardId;
  const cam = q.get('cam')?.split(',').map(Number);
  if (cam && cam.length === 6 && cam.every(Number.isFinite))
    out.cam = { position: [cam[0], cam[1], cam[2]], target: [cam[3], cam[4], cam[5]] };
  const lang = q.get('lang');
  if (lang === 'zh' || lang === 'en') out.lang = lang;
  if (q.get('live') === '1') out.live = true;
  const mode = q.get('mode');
  if (isMode(mode) && mode !== 'twin') out.mode = mode;
  if (q.get('kiosk') === '1') out.kiosk = true;
  const tour = q.get('tour');
  if (tour && /^[a-z0-9][a-z0-9-]{0,63}$/.test(tour)) out.tour = tour;
  return out;
}

/** Seconds from `5400`, `90m`, `1.5h` or `01:30` / `01:30:00`; undefined when not a time. */
export function parseTime(v: string | null): number | undefined {
  if (!v) return undefined;
  let s: number;
  const hms = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (hms) s = Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3] ?? 0);
  else {
    const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(v);
    if (!m) return undefined;
    s = Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
  }
  return Number.isFinite(s) ? s : undefined;
}

/** The query string (with '?', or '' when empty) for a link; times to the second, the camera to the metre. */
export function formatDeepLink(link: DeepLink): string {
  const q = new URLSearchParams();
  if (link.run) q.set('run', link.run);
  if (link.t !== undefined) q.set('t', String(Math.round(link.t)));
  if (link.view) q.set('view', link.view);
  if (link.cam) q.set('cam', [...link.cam.position, ...link.cam.target].map((v) => Math.round(v)).join(','));
  if (link.lang) q.set('lang', link.lang);
  if (link.live) q.set('live', '1');
  if (link.mode && link.mode !== 'twin') q.set('mode', link.mode);
  if (link.kiosk) q.set('kiosk', '1');
  if (link.tour) q.set('tour', link.tour);
  const s = q.toString();
  return s ? `?${s}` : '';
}
