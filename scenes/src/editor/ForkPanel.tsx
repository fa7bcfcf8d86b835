// A what-if from the replay on screen: from the clock's moment of a finished run, the same storm again with one
// decision changed (another dispatch policy, a pump station restored or failed then), through the server's fork route.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatClock } from '../clock/sim-clock.ts';
import { clock } from '../clock/app-clock.ts';
import { appStore } from '../store/app-store.ts';
import { sendJson } from './api-write.ts';
import type { DistrictPlan } from './plan-map.ts';
import { watchRun } from './watch-run.ts';

export function ForkPanel({ plan }: { plan: DistrictPlan }) {
  const { t } = useTranslation();
  const meta = useStore(appStore, (s) => s.meta);
  const nowS = useStore(appStore, (s) => s.clock.currentS);
  const [policy, setPolicy] = useState<'optimal' | 'nearest' | 'manual'>('nearest');
  const [action, setAction] = useState<'none' | 'restorePump' | 'failPump'>('none');
  const [station, setStation] = useState(plan.stations[0]?.id ?? '');
  const [status, setStatus] = useState('');
  const finished = meta && !meta.complete ? false : meta?.status === 'finished';
  if (!meta || !finished)
    return (
      <fieldset className="ed-section">
        <legend>{t('editor.fork')}</legend>
        <p className="ed-note">{t('editor.forkNoRun')}</p>
      </fieldset>
    );
  const atS = Math.floor(Math.min(nowS, Math.max(0, meta.lastS - 1)));
  const go = async () => {
    setStatus('…');
    try {
      const row = await sendJson<{ id: string }>(`/api/runs/${meta.id}/forks`, {
        atS,
        patch: { fleet: { policy } },
        commands: action === 'none' ? [] : [{ kind: action, stationId: station, atS }],
      });
      setStatus(t('editor.started', { id: row.id }));
      await watchRun(row.id);
    } catch (e) {
      setStatus(t('editor.failed', { message: (e as Error).message }));
    }
  };
  return (
    <fieldset className="ed-section" data-testid="fork-panel">
      <legend>{t('editor.fork')}</legend>
      <p className="ed-note">{t('editor.forkHint', { at: formatClock(atS), id: meta.id })}</p>
      <div className="ed-row">
        <label className="ed-field">
          <span className="ed-label">{t('editor.forkPolicy')}</span>
          <select data-testid="fork-policy" value={policy} onChange={(e) => setPolicy(e.target.value as typeof policy)}>
            <option value="optimal">{t('editor.policyOptimal')}</option>
            <option value="nearest">{t('editor.policyNearest')}</option>
            <option value="manual">{t('editor.policyManual')}</option>
          </select>
        </label>
        <label className="ed-field">
          <span className="ed-label">{t('editor.forkCommand')}</span>
          <select value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
            <option value="none">{t('editor.forkNone')}</option>
            <option value="restorePump">{t('editor.forkRestore')}</option>
            <option value="failPump">{t('editor.forkFail')}</option>
          </select>
        </label>
        {action !== 'none' && (
          <label className="ed-field">
            <span className="ed-label">{t('editor.station')}</span>
            <select value={station} onChange={(e) => setStation(e.target.value)}>
              {plan.stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <button type="button" data-testid="fork-go" onClick={() => void go()} onMouseDown={() => clock.pause()}>
        {t('editor.forkGo')}
      </button>
      {status && <p className="ed-note">{status}</p>}
    </fieldset>
  );
}
