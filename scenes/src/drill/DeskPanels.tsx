// The drill desk's working panels: the open cases (pick one), the trucks that can reach it with their ETAs on the
// roads as flooded now (send one), every truck with recall / hold / release, a report of water, and the command log.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { CaseEtas } from '../../../simulation/fleet/case-etas.ts';
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';
import { formatClock } from '../clock/sim-clock.ts';
import { FetchError, getJson } from '../data/http.ts';
import { toLocal } from '../scene/ground.ts';
import { STAGE_COLOURS, TRUCK_COLOURS } from '../scene/LiveLayer.tsx';
import { caseStage } from '../../../simulation/record/view-series.ts';
import { appStore } from '../store/app-store.ts';

type Command = (c: Record<string, unknown>) => Promise<void>;

const STATE_KEY: Record<string, string> = {
  open: 'drill.stateOpen',
  dispatched: 'drill.stateDispatched',
  arrived: 'drill.stateArrived',
  pumping: 'drill.statePumping',
  cleared: 'drill.stateCleared',
};

export function CasePanel({
  runId,
  picked,
  setPicked,
  command,
}: {
  runId: string;
  picked: string;
  setPicked: (id: string) => void;
  command: Command;
}) {
  const { t } = useTranslation();
  const view = useStore(appStore, (s) => s.view);
  const district = useStore(appStore, (s) => s.district);
  const [etas, setEtas] = useState<(CaseEtas & { tS: number }) | null>(null);
  const [etaError, setEtaError] = useState('');
  const cases = (view?.cases ?? []).filter((c) => c.state !== 'cleared' && c.state !== 'closed');
  const step = view?.step ?? -1;
  const tS = view?.tS ?? 0;
  const endS = useStore(appStore, (s) => s.runs.find((r) => r.id === runId)?.durationS ?? Infinity);
  // ETAs from the run's own routing at its current step: asked again as the run moves on, but not at its last step,
  // where the run is ending and its routing with it. A request that meets the run just ended (409, the run's state)
  // is no error to show: the ETAs are cleared and the run's status on the desk says it has ended.
  useEffect(() => {
    if (!picked) {
      setEtas(null);
      return;
    }
    if (tS >= endS - 1e-6) return;
    getJson<CaseEtas & { tS: number }>(`/api/runs/${runId}/eta?case=${encodeURIComponent(picked)}`).then(
      (a) => {
        setEtas(a);
        setEtaError('');
      },
      (e: Error) => {
        if (e instanceof FetchError && e.code === 'API_ERR_RUN_STATE') {
          setEtas(null);
          setEtaError('');
        } else setEtaError(e.message);
      },
    );
  }, [runId, picked, step, tS, endS]);
  const pickedCase = cases.find((c) => c.id === picked);
  return (
    <div className="ed-section">
      <b>{t('drill.cases')}</b>
      {cases.length === 0 && <p className="dr-muted">{t('drill.noCases')}</p>}
      <ul className="dr-list" data-testid="drill-cases">
        {cases.map((c) => (
          <li
            key={c.id}
            className={c.id === picked ? 'on' : ''}
            data-testid={`case-${c.id}`}
            onClick={() => {
              setPicked(c.id);
              appStore.setState({ selected: { kind: 'case', id: c.id } });
            }}
          >
            <span className="dr-dot" style={{ background: STAGE_COLOURS[caseStage(c.state)] }} />
            <span className="grow">
              {c.id} · {c.sourceId} · {(c.depthM * 100).toFixed(0)} cm
            </span>
            <span className="dr-muted">
              {t(STATE_KEY[c.state] ?? c.state)}
              {c.truckId ? ` · ${c.truckId}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {!picked && cases.length > 0 && <p className="dr-muted">{t('drill.pickCase')}</p>}
      {picked && (
        <>
          <b>{t('drill.trucksFor', { id: picked })}</b>
          {etaError && <p className="ed-note">{etaError}</p>}
          <ul className="dr-list" data-testid="drill-etas">
            {etas?.caseId === picked &&
              etas.trucks.map((tr) => (
                <li key={tr.truckId} data-testid={`eta-${tr.truckId}`}>
                  <span className="dr-dot" style={{ background: TRUCK_COLOURS[tr.state] ?? '#4b5563' }} />
                  <span className="grow">
                    {tr.truckId}{' '}
                    <span className="dr-muted">
                      {tr.caseId ? t('drill.busy', { id: tr.caseId }) : tr.held ? t('drill.held') : ''}
                    </span>
                  </span>
                  <span>
                    {tr.etaS === null
                      ? t('drill.cutOff')
                      : t('drill.eta', { min: Math.max(1, Math.round(tr.etaS / 60)) })}
                  </span>
                  <button
                    type="button"
                    className="send"
                    data-testid={`send-${tr.truckId}`}
                    disabled={tr.etaS === null || tr.caseId === picked}
                    onClick={() => void command({ kind: 'dispatch', truckId: tr.truckId, caseId: picked })}
                  >
                    {t('drill.send')}
                  </button>
                </li>
              ))}
          </ul>
          {pickedCase && district && (
            <button
              type="button"
              data-testid="drill-report"
              onClick={() => void command({ kind: 'report', xy: toLocal(district.frame, pickedCase.lonLat) })}
            >
              {t('drill.report')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

export function TruckPanel({ command }: { command: Command; picked: string }) {
  const { t } = useTranslation();
  const trucks = useStore(appStore, (s) => s.view?.trucks ?? []);
  return (
    <div className="ed-section">
      <ul className="dr-list" data-testid="drill-trucks">
        {trucks.map((tr) => (
          <li key={tr.id}>
            <span className="dr-dot" style={{ background: TRUCK_COLOURS[tr.state] ?? '#4b5563' }} />
            <span className="grow">
              {tr.id} <span className="dr-muted">{tr.caseId ? t('drill.busy', { id: tr.caseId }) : ''}</span>
            </span>
            <button type="button" onClick={() => void command({ kind: 'recall', truckId: tr.id })}>
              {t('drill.recall')}
            </button>
            <button
              type="button"
              data-testid={`hold-${tr.id}`}
              onClick={() => void command({ kind: tr.held ? 'release' : 'hold', truckId: tr.id })}
            >
              {tr.held ? t('drill.release') : t('drill.hold')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CommandLog({ log }: { log: RunEvent[] }) {
  const { t } = useTranslation();
  return (
    <div className="ed-section">
      <b>{t('drill.commands')}</b>
      <ul className="dr-list" data-testid="drill-log">
        {log.map((e) => {
          const c = (e as { command?: Record<string, unknown> }).command ?? {};
          const reason = (e as { reason?: string }).reason ?? '';
          const what = [c.kind, c.truckId, c.caseId].filter(Boolean).join(' ');
          return (
            <li key={e.seq} data-testid="drill-log-row">
              <span className="dr-muted">{formatClock(e.timeS)}</span>
              <span className="grow">{what}</span>
              <span>{e.type === 'command.accepted' ? t('drill.accepted') : t('drill.rejected', { reason })}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
