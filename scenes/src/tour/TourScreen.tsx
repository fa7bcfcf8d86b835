// Presentation mode over the 3D view: the tour's title, the storm's clock, large captions in Chinese with English
// beneath (or the other way round), the segment's dashboards and the depth legend. In a kiosk nothing that changes
// anything is shown, a touch pauses, and any trouble (no run yet) is said calmly in both languages, never an error page.
import i18next from 'i18next';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatClock } from '../clock/sim-clock.ts';
import { CLASS_COLOURS, CLASS_LABELS } from '../scene/depth-classes.ts';
import { appStore } from '../store/app-store.ts';
import { pickTour } from './tour-catalog.ts';
import { installTourHooks } from './tour-hooks.ts';
import {
  goToSegment,
  restartTour,
  startTour,
  stopTour,
  togglePlay,
  touchTour,
  tourFailed,
  tourNowS,
  tourStore,
  type TourStatus,
} from './tour-player.ts';
import './tour.css';

const Dashboards = lazy(() => import('../ui/Dashboards.tsx'));

/** Statuses that are said in a message box rather than over a playing tour. */
const MESSAGES: Partial<Record<TourStatus, string>> = {
  findingRun: 'tour.findingRun',
  noRun: 'tour.noRun',
  runNotReady: 'tour.runNotReady',
  runShort: 'tour.runShort',
  badTour: 'tour.badTour',
};

/** A string in the language shown and, beneath it, in the other one. */
function Both({ k, params, className }: { k: string; params?: Record<string, string>; className?: string }) {
  const { t, i18n } = useTranslation();
  const other = i18next.getFixedT(i18n.language === 'en' ? 'zh' : 'en');
  return (
    <div className={className}>
      <div className="primary">{t(k, params ?? {})}</div>
      <div className="secondary">{other(k, params ?? {})}</div>
    </div>
  );
}

function Caption({ lang }: { lang: string }) {
  const tour = useStore(tourStore, (s) => s.tour);
  const index = useStore(tourStore, (s) => s.index);
  if (!tour) return null;
  const seg = tour.segments[index];
  const [first, second] = lang === 'en' ? (['en', 'zh'] as const) : (['zh', 'en'] as const);
  return (
    <section className="tour-caption" data-testid="tour-caption" key={index}>
      {seg.title && (
        <h2>
          {seg.title[first]} <small>{seg.title[second]}</small>
        </h2>
      )}
      <p className="primary" lang={first === 'zh' ? 'zh-CN' : 'en'}>
        {seg.caption[first]}
      </p>
      <p className="secondary" lang={second === 'zh' ? 'zh-CN' : 'en'}>
        {seg.caption[second]}
      </p>
    </section>
  );
}

function Head({ lang, running }: { lang: string; running: boolean }) {
  const { t } = useTranslation();
  const tour = useStore(tourStore, (s) => s.tour);
  const index = useStore(tourStore, (s) => s.index);
  const nowS = useStore(appStore, (s) => s.clock.currentS);
  const multiplier = useStore(appStore, (s) => s.clock.multiplier);
  if (!tour) return null;
  const done = tour.totalS > 0 ? Math.min(1, tourNowS() / tour.totalS) : 0;
  return (
    <header className="tour-head" data-testid="tour-head">
      <div className="tour-title">
        <div className="primary">{lang === 'en' ? tour.titleEn : tour.title}</div>
        <div className="secondary">{lang === 'en' ? tour.title : tour.titleEn}</div>
      </div>
      {running && (
        <>
          <div className="tour-clock" data-testid="tour-clock">
            <span>{t('tour.simTime')}</span> <b>{formatClock(nowS)}</b>
            <span className="speed">{t('tour.speed', { x: Math.round(multiplier) })}</span>
          </div>
          <div className="tour-part">{t('tour.part', { n: index + 1, total: tour.segments.length })}</div>
          <div className="tour-progress">
            <i style={{ width: `${(done * 100).toFixed(1)}%` }} />
          </div>
        </>
      )}
      <div className="tour-legend">
        {CLASS_COLOURS.map((c, i) => (
          <span key={c}>
            <i style={{ background: c }} />
            {t(CLASS_LABELS[i])}
          </span>
        ))}
      </div>
    </header>
  );
}

function Panels() {
  const tour = useStore(tourStore, (s) => s.tour);
  const index = useStore(tourStore, (s) => s.index);
  const panels = tour?.segments[index]?.panels ?? [];
  if (panels.length === 0) return null;
  return (
    <aside className="tour-panels" data-testid="tour-panels">
      {panels.map((p) => (
        <Suspense key={p} fallback={<div className="dash-body">…</div>}>
          <Dashboards tab={p} />
        </Suspense>
      ))}
    </aside>
  );
}

/** The presenter's buttons (not in a kiosk): they move the tour on this screen only. */
function PresenterBar() {
  const { t } = useTranslation();
  const status = useStore(tourStore, (s) => s.status);
  const index = useStore(tourStore, (s) => s.index);
  return (
    <nav className="tour-presenter" data-testid="tour-presenter">
      <button onClick={() => goToSegment(index - 1)}>{t('tour.previous')}</button>
      <button data-testid="tour-play" onClick={togglePlay}>
        {status === 'playing' ? t('tour.pause') : t('tour.play')}
      </button>
      <button onClick={() => goToSegment(index + 1)}>{t('tour.next')}</button>
      <button onClick={restartTour}>{t('tour.restart')}</button>
      <button onClick={() => appStore.setState({ mode: 'twin' })}>{t('tour.exit')}</button>
    </nav>
  );
}

export default function TourScreen() {
  const lang = useStore(appStore, (s) => s.lang);
  const kiosk = useStore(appStore, (s) => s.kiosk);
  const booted = useStore(appStore, (s) => s.phase !== 'start');
  const districtId = useStore(appStore, (s) => s.district?.info.id ?? null);
  const name = useStore(appStore, (s) => s.tour);
  const status = useStore(tourStore, (s) => s.status);
  const detail = useStore(tourStore, (s) => s.detail);

  useEffect(() => installTourHooks(), []);
  useEffect(() => {
    if (!booted || !districtId) return;
    const entry = pickTour(name, districtId);
    if (!entry) tourFailed(i18next.t('tour.noTour'));
    else if ('error' in entry) tourFailed(entry.error);
    else startTour(entry.tour, { loop: kiosk });
    return () => stopTour();
  }, [booted, districtId, name, kiosk]);
  // A kiosk: a touch (or a key) holds the tour; the first one also asks for full screen.
  useEffect(() => {
    if (!kiosk) return;
    const onTouch = () => {
      touchTour();
      if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
    };
    const noMenu = (e: Event) => e.preventDefault();
    window.addEventListener('pointerdown', onTouch);
    window.addEventListener('keydown', onTouch);
    window.addEventListener('contextmenu', noMenu);
    return () => {
      window.removeEventListener('pointerdown', onTouch);
      window.removeEventListener('keydown', onTouch);
      window.removeEventListener('contextmenu', noMenu);
    };
  }, [kiosk]);

  const message = MESSAGES[status];
  const msgKey = status === 'noRun' && detail.offline ? 'tour.noRunOffline' : message;
  return (
    <div className={`tour ${kiosk ? 'kiosk' : ''}`} data-testid="tour" data-status={status}>
      <Head lang={lang} running={!msgKey} />
      {msgKey ? (
        <Both k={msgKey} params={detail} className="tour-message" />
      ) : (
        <>
          <Panels />
          <Caption lang={lang} />
        </>
      )}
      {kiosk && status === 'touched' && <Both k="tour.touched" className="tour-hint" />}
      {kiosk && status === 'ended' && <Both k="tour.ended" className="tour-hint" />}
      {!kiosk && status === 'ended' && <Both k="tour.endedPresenter" className="tour-hint" />}
      {kiosk && status === 'playing' && <div className="tour-touch">{i18next.t('tour.touchHint')}</div>}
      {!kiosk && <PresenterBar />}
    </div>
  );
}
