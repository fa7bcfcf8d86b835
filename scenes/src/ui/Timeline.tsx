// The timeline under the scene: play, pause, speed (1×–3600×), step by control step, scrub, follow-live for a running
// run, and the run's events as markers on the bar (alarms, dispatches, closures, pump failures, river), filterable.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { clock, kickClock } from '../clock/app-clock.ts';
import { formatClock, SPEEDS } from '../clock/sim-clock.ts';
import { appStore, EVENT_CATEGORIES, eventCategory, type EventCategory } from '../store/app-store.ts';

export const CATEGORY_COLOURS: Record<EventCategory, string> = {
  alarm: '#d7261e',
  dispatch: '#f07c1b',
  closure: '#7c2d12',
  pump: '#1d4ed8',
  river: '#0e7490',
};

const ICONS = {
  back: 'M4 3h2v10H4zM14 3v10L7 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M4 2h3v12H4zM9 2h3v12H9z',
  forward: 'M10 3h2v10h-2zM2 3v10l7-5z',
};

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

function act(f: () => void): void {
  f();
  kickClock();
}

export function Timeline() {
  const { t } = useTranslation();
  const c = useStore(appStore, (s) => s.clock);
  const meta = useStore(appStore, (s) => s.meta);
  const events = useStore(appStore, (s) => s.events);
  const filter = useStore(appStore, (s) => s.eventFilter);
  const endS = meta ? Math.max(meta.endS, 1) : 1;
  const marks = useMemo(
    () =>
      events
        .map((e) => ({ e, cat: eventCategory(e.type) }))
        .filter((m): m is { e: (typeof events)[number]; cat: EventCategory } => m.cat !== null && filter[m.cat]),
    [events, filter],
  );
  if (!meta) return null;
  const live = ['running', 'queued', 'paused'].includes(meta.status);
  const stepS = meta.controlStepS;
  return (
    <div className="timeline" data-testid="timeline">
      <div className="controls">
        <button
          title={t('time.stepBack')}
          aria-label={t('time.stepBack')}
          onClick={() => act(() => clock.step(-1, stepS))}
        >
          <Icon d={ICONS.back} />
        </button>
        <button
          className="play"
          data-testid="play"
          title={c.playing ? t('time.pause') : t('time.play')}
          aria-label={c.playing ? t('time.pause') : t('time.play')}
          onClick={() => act(() => (c.playing ? clock.pause() : clock.play()))}
        >
          <Icon d={c.playing ? ICONS.pause : ICONS.play} />
        </button>
        <button
          title={t('time.stepForward')}
          aria-label={t('time.stepForward')}
          onClick={() => act(() => clock.step(1, stepS))}
        >
          <Icon d={ICONS.forward} />
        </button>
        <label className="speed">
          {t('time.speed')}
          <select
            data-testid="speed"
            value={c.multiplier}
            onChange={(e) => act(() => clock.setMultiplier(Number(e.target.value)))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {live && (
          <label className="live">
            <input
              type="checkbox"
              checked={c.followLive}
              onChange={(e) => act(() => clock.setFollowLive(e.target.checked))}
            />
            {t('time.live')}
          </label>
        )}
        <span className="readout" data-testid="clock">
          {formatClock(c.currentS)} / {formatClock(meta.endS)}
        </span>
        <span className="filters">
          {EVENT_CATEGORIES.map((cat) => (
            <label key={cat} style={{ color: CATEGORY_COLOURS[cat] }}>
              <input
                type="checkbox"
                data-testid={`filter-${cat}`}
                checked={filter[cat]}
                onChange={(e) => appStore.setState({ eventFilter: { ...filter, [cat]: e.target.checked } })}
              />
              {t(`cat.${cat}`)}
            </label>
          ))}
        </span>
      </div>
      <div className="bar">
        <div className="held" style={{ width: `${(100 * (Number.isFinite(meta.lastS) ? meta.lastS : 0)) / endS}%` }} />
        {marks.map(({ e, cat }) => (
          <span
            key={e.seq}
            className="mark"
            title={`${formatClock(e.timeS)} ${e.type}`}
            style={{ left: `${(100 * e.timeS) / endS}%`, background: CATEGORY_COLOURS[cat] }}
            onClick={() => act(() => clock.setTime(e.timeS))}
          />
        ))}
        <input
          type="range"
          data-testid="scrub"
          min={0}
          max={endS}
          step={1}
          value={c.currentS}
          aria-label={t('time.now')}
          onChange={(e) => act(() => clock.setTime(Number(e.target.value)))}
        />
      </div>
    </div>
  );
}
