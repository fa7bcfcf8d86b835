// The screen: the 3D district filling it, a top bar (title, run, record file, language), notices (modelled data,
// unknown run, record being written, server gone), the depth legend and layer switches, details on hover, the
// dashboards on the right, the timeline below, and the ODbL attribution always in view.
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { openRecordFile } from '../boot.ts';
import { openServerRun } from '../data/session.ts';
import { setLang } from '../i18n/i18n.ts';
import { CLASS_COLOURS, CLASS_LABELS } from '../scene/depth-classes.ts';
import { CLOSED_ROAD_COLOUR, STAGE_COLOURS, TRUCK_COLOURS } from '../scene/LiveLayer.tsx';
import { defaultPose, TwinCanvas } from '../scene/TwinCanvas.tsx';
import { appStore } from '../store/app-store.ts';
import { DASHBOARDS, type CameraPose } from '../store/deep-link.ts';
import { Details } from './Details.tsx';
import { MODES } from './modes.ts';
import { Timeline } from './Timeline.tsx';

const Dashboards = lazy(() => import('./Dashboards.tsx'));
// Presentation mode (its own chunk): captions, panels and the kiosk over the 3D view, and the camera it flies.
const TourScreen = lazy(() => import('../tour/TourScreen.tsx'));
const TourCamera = lazy(() => import('../tour/TourCamera.tsx'));
const EditorMode = lazy(() => import('../editor/EditorMode.tsx'));
const DrillMode = lazy(() => import('../drill/DrillMode.tsx'));
// The globe with Cesium: its own chunk, loaded only when the globe mode opens.
const GlobeView = lazy(() => import('../globe/GlobeView.tsx'));
const EnsemblePanel = lazy(() => import('../ensemble/EnsemblePanel.tsx'));

function TopBar() {
  const { t } = useTranslation();
  const lang = useStore(appStore, (s) => s.lang);
  const runs = useStore(appStore, (s) => s.runs);
  const meta = useStore(appStore, (s) => s.meta);
  const offline = useStore(appStore, (s) => s.offline);
  return (
    <header className="topbar">
      <div className="title">
        <h1>{t('app.title')}</h1>
        <span>{t('app.subtitle')}</span>
      </div>
      {!offline && runs.length > 0 && (
        <select
          data-testid="run-picker"
          aria-label={t('app.chooseRun')}
          value={meta?.id ?? ''}
          onChange={(e) => void openServerRun(e.target.value)}
        >
          {!meta && <option value="">{t('app.chooseRun')}</option>}
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.scenario} · {r.id} · {r.status}
            </option>
          ))}
        </select>
      )}
      {MODES.length > 1 && <ModeSwitch />}
      {meta && offline && (
        <span className="run">
          {meta.scenario} · {meta.id}
        </span>
      )}
      <label className="file">
        {t('app.openRecord')}
        <input
          type="file"
          accept=".zip,application/zip"
          data-testid="record-file"
          onChange={(e) => e.target.files?.[0] && void openRecordFile(e.target.files[0])}
        />
      </label>
      <button
        className="lang"
        data-testid="lang"
        onClick={() => {
          const next = lang === 'zh' ? 'en' : 'zh';
          setLang(next);
          appStore.setState({ lang: next });
        }}
      >
        {t('app.language')}
      </button>
    </header>
  );
}

/** The screens over one clock and selection: the 3D twin, and those listed in MODES. */
function ModeSwitch() {
  const { t } = useTranslation();
  const mode = useStore(appStore, (s) => s.mode);
  return (
    <nav className="modes" aria-label={t('app.modes')}>
      {MODES.map((m) => (
        <button
          key={m}
          data-testid={`mode-${m}`}
          className={mode === m ? 'on' : ''}
          onClick={() => appStore.setState({ mode: m })}
        >
          {t(`mode.${m}`)}
        </button>
      ))}
    </nav>
  );
}

function Notices() {
  const { t } = useTranslation();
  const notices = useStore(appStore, (s) => s.notices);
  return (
    <div className="notices" role="status">
      {notices.map((n) => (
        <div key={n.key} className={`notice notice-${n.key}`} data-testid={`notice-${n.key}`}>
          {n.key === 'offline' || n.key === 'noRuns' ? t(`app.${n.key}`) : t(`notice.${n.key}`, n.params ?? {})}
        </div>
      ))}
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  const layers = useStore(appStore, (s) => s.layers);
  return (
    <div className="legend" data-testid="legend">
      <div className="head">{t('app.legend')}</div>
      {CLASS_COLOURS.map((c, i) => (
        <div key={c} className="row">
          <i style={{ background: c }} />
          {t(CLASS_LABELS[i])}
        </div>
      ))}
      <div className="row">
        <i style={{ background: CLOSED_ROAD_COLOUR, height: 5 }} />
        {t('detail.closedRoad')}
      </div>
      <div className="row">
        <i style={{ background: STAGE_COLOURS.found, borderRadius: 6, width: 12 }} />
        {t('detail.case')}
      </div>
      <div className="row">
        <i style={{ background: TRUCK_COLOURS.enRoute }} />
        {t('detail.truck')}
      </div>
      <div className="head">{t('app.layers')}</div>
      {(Object.keys(layers) as (keyof typeof layers)[]).map((k) => (
        <label key={k} className="row">
          <input
            type="checkbox"
            checked={layers[k]}
            onChange={(e) => appStore.setState({ layers: { ...layers, [k]: e.target.checked } })}
          />
          {t(`layer.${k}`)}
        </label>
      ))}
      <div className="small">{t('app.markersNotToScale')}</div>
    </div>
  );
}

function DashboardPanel() {
  const { t } = useTranslation();
  const tab = useStore(appStore, (s) => s.dashboard);
  return (
    <aside className={`dashboards ${tab ? 'open' : ''}`}>
      <nav>
        {DASHBOARDS.map((d) => (
          <button
            key={d}
            data-testid={`tab-${d}`}
            className={tab === d ? 'on' : ''}
            onClick={() => appStore.setState({ dashboard: tab === d ? null : d })}
          >
            {t(`dash.${d}`)}
          </button>
        ))}
      </nav>
      {tab && (
        <Suspense fallback={<div className="dash-body">…</div>}>
          <Dashboards tab={tab} />
        </Suspense>
      )}
    </aside>
  );
}

function Footer() {
  const { t } = useTranslation();
  const district = useStore(appStore, (s) => s.district);
  const meta = useStore(appStore, (s) => s.meta);
  const attribution = meta?.attribution || district?.info.attribution || '© OpenStreetMap contributors, ODbL 1.0';
  return (
    <footer className="footer">
      <span className="modelled" data-testid="modelled">
        {t('notice.modelled')} {district ? `(${district.info.terrain})` : ''}
      </span>
      <span className="attribution" data-testid="attribution">
        {attribution}
      </span>
    </footer>
  );
}

export function App({ initialCam, test }: { initialCam?: CameraPose; test: boolean }) {
  const { t } = useTranslation();
  const district = useStore(appStore, (s) => s.district);
  const phase = useStore(appStore, (s) => s.phase);
  const mode = useStore(appStore, (s) => s.mode);
  const touring = mode === 'tour';
  const kiosk = useStore(appStore, (s) => s.mode === 'tour' && s.kiosk);
  // Back from another mode, the 3D view opens where its camera was last moved.
  const pose = useMemo(
    () => (district ? (appStore.getState().camera ?? initialCam ?? defaultPose(district)) : null),
    [district, initialCam, mode],
  );
  return (
    <div className="app">
      <div className="stage">
        {district && mode === 'globe' ? (
          <Suspense fallback={<div className="loading">{t('app.loading')}</div>}>
            <GlobeView test={test} />
          </Suspense>
        ) : district && pose ? (
          <TwinCanvas district={district} pose={pose} test={test}>
            {touring && (
              <Suspense fallback={null}>
                <TourCamera />
              </Suspense>
            )}
          </TwinCanvas>
        ) : (
          <div className="loading">{t('app.loading')}</div>
        )}
      </div>
      {!kiosk && <TopBar />}
      {!kiosk && <Notices />}
      {district && !touring && <Legend />}
      {!touring && <Details />}
      {mode === 'ensemble' && (
        <Suspense fallback={null}>
          <EnsemblePanel />
        </Suspense>
      )}
      {!touring && <DashboardPanel />}
      {phase === 'run' && !touring && <Timeline />}
      {touring && (
        <Suspense fallback={null}>
          <TourScreen />
        </Suspense>
      )}
      {mode === 'editor' && (
        <Suspense fallback={null}>
          <EditorMode />
        </Suspense>
      )}
      {mode === 'drill' && (
        <Suspense fallback={null}>
          <DrillMode />
        </Suspense>
      )}
      <Footer />
    </div>
  );
}
