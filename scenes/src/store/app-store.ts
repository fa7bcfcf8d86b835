// The app's state in one vanilla zustand store, outside React: components subscribe to slices, the 3D scene reads
// getState() inside useFrame and never sets state per frame. Clock time is published here a few times a second;
// the scene reads the clock itself for smooth motion.
import { createStore } from 'zustand/vanilla';
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import type { ViewSeries } from '../../../simulation/record/view-series.ts';
import type { ClockSnapshot } from '../clock/sim-clock.ts';
import type { DistrictData } from '../data/district-data.ts';
import type { RunMeta } from '../data/run-source.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { ModeId } from '../ui/modes.ts';
import type { CameraPose, DashboardId } from './deep-link.ts';

/** A notice on screen: which one, with its parameters. */
export interface Notice {
  key: 'unknownRun' | 'queued' | 'writing' | 'gone' | 'back' | 'error' | 'fileError' | 'offline' | 'noRuns';
  params?: Record<string, string>;
}

/** Something under the pointer or clicked: its kind and id. */
export interface Picked {
  kind: 'sensor' | 'pumpStation' | 'hotspot' | 'truck' | 'case' | 'depot';
  id: string;
}

/** Event categories on the timeline (filterable). */
export const EVENT_CATEGORIES = ['alarm', 'dispatch', 'closure', 'pump', 'river'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** The category an event is marked in on the timeline, or null for events not marked. */
export function eventCategory(type: string): EventCategory | null {
  if (type === 'sensor.alarm' || type === 'case.opened') return 'alarm';
  if (type === 'case.dispatched') return 'dispatch';
  if (type === 'road.closed') return 'closure';
  if (type === 'pump.failed') return 'pump';
  if (type === 'river.level') return 'river';
  return null;
}

export interface AppState {
  lang: Lang;
  /** 'start' until a district loads; 'pick' when there is no run to show yet. */
  phase: 'start' | 'pick' | 'run';
  /** Which screen is shown over the shared clock and selection. */
  mode: ModeId;
  /** Open-day kiosk (`kiosk=1`): the tour alone, read-only, nothing that changes state shown. */
  kiosk: boolean;
  /** The tour asked for by name (`tour=`), or null for the district's first. */
  tour: string | null;
  offline: boolean;
  notices: Notice[];
  district: DistrictData | null;
  runs: { id: string; scenario: string; status: string; durationS: number }[];
  meta: RunMeta | null;
  clock: ClockSnapshot;
  /** The control step as of the clock (the view and frame shown), and the views of it and the next. */
  step: number;
  view: RunView | null;
  nextView: RunView | null;
  /** Depth frames (mm) of `step` and the next, for interpolation; `frameStep` says which step `frameA` is. */
  frameA: Uint16Array | null;
  frameB: Uint16Array | null;
  frameStep: number;
  events: RunEvent[];
  eventFilter: Record<EventCategory, boolean>;
  series: ViewSeries | null;
  dashboard: DashboardId | null;
  hover: Picked | null;
  selected: Picked | null;
  layers: { buildings: boolean; water: boolean; roads: boolean; markers: boolean; trucks: boolean };
  /** The camera as last moved (for deep links). */
  camera: CameraPose | null;
  /** Set after the first frame is drawn (tests and the bench wait on it). */
  firstFrameMs: number | null;
  /** Places marked on the map by a screen (the drill desk's cases where time was lost), WGS84. */
  highlights: { id: string; lonLat: [number, number] }[];
}

export const appStore = createStore<AppState>()(() => ({
  lang: 'zh',
  phase: 'start',
  mode: 'twin',
  kiosk: false,
  tour: null,
  offline: false,
  notices: [],
  district: null,
  runs: [],
  meta: null,
  clock: { currentS: 0, startS: 0, stopS: 0, multiplier: 60, playing: false, followLive: false },
  step: 0,
  view: null,
  nextView: null,
  frameA: null,
  frameB: null,
  frameStep: -1,
  events: [],
  eventFilter: { alarm: true, dispatch: true, closure: true, pump: true, river: true },
  series: null,
  dashboard: null,
  hover: null,
  selected: null,
  layers: { buildings: true, water: true, roads: true, markers: true, trucks: true },
  camera: null,
  firstFrameMs: null,
  highlights: [],
}));

/** Shows a notice (one of each key at a time). */
export function showNotice(n: Notice): void {
  appStore.setState((s) => ({ notices: [...s.notices.filter((x) => x.key !== n.key), n] }));
}

export function clearNotice(key: Notice['key']): void {
  appStore.setState((s) => ({ notices: s.notices.filter((x) => x.key !== key) }));
}
