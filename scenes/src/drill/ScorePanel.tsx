// The drill's score card once the server has run the automatic plan on the same scenario and seed: the score and
// its formula, the KPIs side by side, and the cases where time was lost — listed, and marked on the 3D view.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreCard } from '../../../simulation/drill/score-card.ts';
import { getJson } from '../data/http.ts';
import { appStore } from '../store/app-store.ts';
import { lostTimeCases } from './drill-log.ts';

const SHOWN = ['casesOpened', 'casesServed', 'casesUnserved', 'meanToArriveS', 'caseHoursWaiting', 'hotspotWaterHours'];

export function ScorePanel({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const [card, setCard] = useState<ScoreCard | null>(null);
  const [error, setError] = useState('');
  // The plan runs after the drill ends: its run is watched in the run list (every 2 s) until it has finished and
  // written the card, so the desk never asks for a card that is not there yet.
  useEffect(() => {
    let timer = 0;
    let stopped = false;
    const ask = async () => {
      try {
        const runs = await getJson<{ id: string; status: string; planFor?: string | null }[]>('/api/runs?limit=500');
        const plan = runs.find((r) => r.planFor === runId);
        if (!plan || ['queued', 'running', 'paused', 'interrupted'].includes(plan.status)) {
          if (!stopped) timer = window.setTimeout(() => void ask(), 2000);
          return;
        }
        const c = await getJson<ScoreCard>(`/api/runs/${runId}/score-card`);
        if (stopped) return;
        setCard(c);
        appStore.setState({ highlights: lostTimeCases(c).map((l) => ({ id: l.caseId, lonLat: l.lonLat })) });
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    void ask();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [runId]);
  if (!card)
    return (
      <div className="ed-section">
        <b>{t('drill.scoreCard')}</b>
        <p className="dr-muted">{error || t('drill.waitingScore')}</p>
      </div>
    );
  const lost = lostTimeCases(card);
  return (
    <div className="ed-section" data-testid="score-card">
      <b>{t('drill.scoreCard')}</b>
      <div className="dr-score" data-testid="score">
        {t('drill.score', { score: card.score })}
      </div>
      <details className="dr-muted">
        <summary>{t('drill.formula')}</summary>
        {card.formula}
      </details>
      <table className="dr-table">
        <thead>
          <tr>
            <th>{t('drill.kpi')}</th>
            <th>{t('drill.you')}</th>
            <th>{t('drill.plan')}</th>
          </tr>
        </thead>
        <tbody>
          {card.kpis
            .filter((k) => SHOWN.includes(k.name))
            .map((k) => (
              <tr key={k.name}>
                <td>
                  {/* The KPI in the screen's language (the card's ids are English); times keep their unit. */}
                  {t(`kpi.${k.name}`, { defaultValue: `${k.name} (${k.unit})` })}
                  {k.unit === 's' ? ' (s)' : ''}
                </td>
                <td
                  style={{ color: k.better === 'plan' ? '#b91c1c' : k.better === 'operator' ? '#15803d' : undefined }}
                >
                  {k.operator ?? '—'}
                </td>
                <td>{k.plan ?? '—'}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <b className="dr-lost">{t('drill.lostTime')}</b>
      <ul className="dr-list" data-testid="lost-cases">
        {lost.map((l) => (
          <li
            key={l.caseId}
            className="dr-lost"
            onClick={() => appStore.setState({ selected: { kind: 'case', id: l.caseId } })}
            title={l.text}
          >
            <span className="dr-dot" style={{ background: '#ff6a00' }} />
            <span className="grow">{l.caseId}</span>
            <span>
              {l.verdict === 'missed' ? t('drill.missed') : t('drill.lateBy', { min: Math.round((l.lostS ?? 0) / 60) })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
