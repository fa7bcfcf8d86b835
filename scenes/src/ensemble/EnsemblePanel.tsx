// The ensemble view's panel: a finished ensemble chosen from the server, the map to lay on the district
// (P > 15 / 30 / 50 cm, median, 90th percentile), its legend, the members counted, the fleet-size recommendation
// and links to the full report in Chinese and English.
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { appStore } from '../store/app-store.ts';
import { chooseEnsemble, chooseMap, loadEnsembleList, mapKindOf, mapNameOf } from './ensemble-data.ts';
import { ensembleStore, type EnsembleMapInfo } from './ensemble-store.ts';
import { mapColours, type MapKind } from './map-classes.ts';

function mapLabel(t: TFunction, m: EnsembleMapInfo): string {
  if (m.thresholdM !== undefined) return t('ensemble.probMap', { cm: Math.round(m.thresholdM * 1000) / 10 });
  const q = Math.round((m.quantile ?? 0) * 100);
  return q === 50 ? t('ensemble.medianMap') : t('ensemble.quantileMap', { q });
}

function Legend({ kind, title }: { kind: MapKind; title: string }) {
  const { t } = useTranslation();
  const labels =
    kind === 'probability'
      ? ['ensemble.p0', 'ensemble.p1', 'ensemble.p2', 'ensemble.p3']
      : ['depth.c0', 'depth.c1', 'depth.c2', 'depth.c3'];
  return (
    <div className="ensemble-legend" data-testid="ensemble-legend">
      <div className="head">{title}</div>
      {mapColours(kind).map((c, i) => (
        <div key={c} className="row">
          <i style={{ background: c }} />
          {t(labels[i])}
        </div>
      ))}
      <div className="row small">{t(kind === 'probability' ? 'ensemble.never' : 'ensemble.dry')}</div>
    </div>
  );
}

export default function EnsemblePanel() {
  const { t } = useTranslation();
  const lang = useStore(appStore, (s) => s.lang);
  const { list, selected, results, mapName, shown, error } = useStore(ensembleStore);
  useEffect(() => {
    void loadEnsembleList();
  }, []);
  const map = results?.maps.find((m) => mapNameOf(m.file) === mapName);
  const curve = results?.fleetSizeCurves[0];
  const rec = curve?.recommendation;
  const title = results ? ((lang === 'zh' ? results.title : results.titleEn) ?? results.ensemble) : '';
  return (
    <section className="ensemble-panel" data-testid="ensemble-panel" aria-label={t('ensemble.title')}>
      <h2>{t('ensemble.title')}</h2>
      {list === null && <p>{t('app.loading')}</p>}
      {list?.length === 0 && !error && <p data-testid="ensemble-none">{t('ensemble.none')}</p>}
      {error && <p className="error">{t('notice.error', { message: error })}</p>}
      {!!list?.length && (
        <select
          data-testid="ensemble-picker"
          aria-label={t('ensemble.choose')}
          value={selected ?? ''}
          onChange={(e) => void chooseEnsemble(e.target.value)}
        >
          {list.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} · {t('ensemble.membersN', { n: e.members })} · {e.id}
            </option>
          ))}
        </select>
      )}
      {results && (
        <>
          <p className="ensemble-title" data-testid="ensemble-title">
            {title}
          </p>
          <p className="small">
            {t('ensemble.counts', { completed: results.counts.completed, failed: results.counts.failed })}
          </p>
          <div className="ensemble-maps" role="radiogroup" aria-label={t('ensemble.chooseMap')}>
            {results.maps.map((m) => {
              const name = mapNameOf(m.file);
              return (
                <button
                  key={name}
                  role="radio"
                  aria-checked={name === mapName}
                  data-testid={`ensemble-map-${name}`}
                  className={name === mapName ? 'on' : ''}
                  onClick={() => void chooseMap(name)}
                >
                  {mapLabel(t, m)}
                </button>
              );
            })}
          </div>
          {map && <Legend kind={mapKindOf(map)} title={mapLabel(t, map)} />}
          {!shown && map && <p className="small">{t('app.loading')}</p>}
          {rec && (
            <p className="ensemble-rec" data-testid="ensemble-rec">
              {rec.trucks === null
                ? t('ensemble.noRec')
                : t('ensemble.rec', {
                    n: rec.trucks,
                    low: rec.bootstrap.low ?? '—',
                    high: rec.bootstrap.high ?? '—',
                  })}
            </p>
          )}
          <p className="ensemble-links">
            <a href={`/api/ensembles/${selected}/report?lang=zh`} target="_blank" rel="noreferrer">
              {t('ensemble.reportZh')}
            </a>
            <a href={`/api/ensembles/${selected}/report?lang=en`} target="_blank" rel="noreferrer">
              {t('ensemble.reportEn')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
