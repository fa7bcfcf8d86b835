// The drill desk (mode `drill`, its own lazy chunk), over the 3D view: start a paced manual-dispatch run of a
// scenario, or take the manual run on screen; pick a case, see the trucks that can reach it with their ETAs on the
// roads as flooded now, send one, recall, hold, report water; every command comes back in the run's event stream; at
// the end, the score card against the automatic plan with the cases where time was lost marked on the map.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';
import { getJson } from '../data/http.ts';
import { openServerRun } from '../data/session.ts';
import { savedToken, saveToken, sendJson } from '../editor/api-write.ts';
import { registerEditorStrings } from '../editor/editor-strings.ts';
import '../editor/editor.css';
import { appStore } from '../store/app-store.ts';
import { refreshRuns } from '../editor/watch-run.ts';
import { CasePanel, CommandLog, TruckPanel } from './DeskPanels.tsx';
import { mergeCommandEvents } from './drill-log.ts';
import { ScorePanel } from './ScorePanel.tsx';

registerEditorStrings();

const PACES = [60, 120, 300, 600];
const LIVE = ['queued', 'running', 'paused', 'interrupted'];

export default function DrillMode() {
  const { t } = useTranslation();
  const meta = useStore(appStore, (s) => s.meta);
  const [manual, setManual] = useState<Record<string, boolean>>({});
  const runId = meta?.id ?? '';
  useEffect(() => {
    if (!runId || runId in manual || meta?.steps === 0) return;
    getJson<{ manifest: { scenario?: { fleet?: { policy?: string } } } }>(`/api/runs/${runId}/manifest`).then(
      (m) => setManual((old) => ({ ...old, [runId]: m.manifest.scenario?.fleet?.policy === 'manual' })),
      () => undefined,
    );
  }, [runId, meta?.steps, manual]);
  const isDrill = !!runId && manual[runId] === true;
  return (
    <aside className="drill" data-testid="drill-desk">
      <h2>{t('drill.title')}</h2>
      <details className="dr-start" open={!isDrill}>
        <summary>{t('drill.startDrill')}</summary>
        <StartPanel />
      </details>
      {isDrill && meta ? (
        <DrillRun runId={runId} status={meta.status} />
      ) : (
        <p className="dr-muted">{t('drill.noDrill')}</p>
      )}
    </aside>
  );
}

function StartPanel() {
  const { t } = useTranslation();
  const district = useStore(appStore, (s) => s.district);
  const [scenarios, setScenarios] = useState<{ id: string; name: string }[]>([]);
  const [scenario, setScenario] = useState('');
  const [pace, setPace] = useState(60);
  // Hold the drill at a chosen simulated minute (empty: run on until paused by hand).
  const [pauseAtMin, setPauseAtMin] = useState('');
  const [token, setToken] = useState(savedToken);
  const [status, setStatus] = useState('');
  const districtId = district?.info.id ?? '';
  useEffect(() => {
    if (!districtId) return;
    getJson<{ id: string; name: string }[]>(`/api/scenarios?district=${districtId}`).then(
      (list) => {
        setScenarios(list);
        setScenario((s) => s || list[0]?.id || '');
      },
      () => undefined,
    );
  }, [districtId]);
  const start = async () => {
    setStatus('…');
    try {
      const { scenario: raw } = await getJson<{ scenario: Record<string, unknown> }>(`/api/scenarios/${scenario}`);
      const fleet = { ...((raw.fleet as object | undefined) ?? {}), policy: 'manual' };
      const row = await sendJson<{ id: string }>('/api/runs', {
        district: districtId,
        scenario: { ...raw, $schema: undefined, fleet },
        pace,
        ...(pauseAtMin.trim() === '' ? {} : { pauseAtS: Number(pauseAtMin) * 60 }),
      });
      setStatus(t('editor.started', { id: row.id }));
      await refreshRuns();
      await openServerRun(row.id);
    } catch (e) {
      setStatus(t('editor.failed', { message: (e as Error).message }));
    }
  };
  return (
    <div className="ed-section">
      <div className="ed-row">
        <label className="ed-field">
          <span className="ed-label">{t('drill.scenario')}</span>
          <select data-testid="drill-scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {s.id}
              </option>
            ))}
          </select>
        </label>
        <label className="ed-field">
          <span className="ed-label">{t('drill.pace')}</span>
          <select data-testid="drill-pace" value={pace} onChange={(e) => setPace(Number(e.target.value))}>
            {PACES.map((p) => (
              <option key={p} value={p}>
                {p}×
              </option>
            ))}
          </select>
        </label>
        <label className="ed-field">
          <span className="ed-label">{t('drill.pauseAt')}</span>
          <input
            type="number"
            min={0}
            step={1}
            data-testid="drill-pause-at"
            value={pauseAtMin}
            placeholder="—"
            onChange={(e) => setPauseAtMin(e.target.value)}
          />
        </label>
      </div>
      <label className="ed-field">
        <span className="ed-label">{t('drill.token')}</span>
        <input
          type="password"
          data-testid="drill-token"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            saveToken(e.target.value);
          }}
        />
      </label>
      <div className="ed-actions">
        <button type="button" data-testid="drill-start" disabled={!scenario} onClick={() => void start()}>
          {t('drill.startDrill')}
        </button>
      </div>
      {status && <p className="ed-note">{status}</p>}
    </div>
  );
}

function DrillRun({ runId, status }: { runId: string; status: string }) {
  const { t } = useTranslation();
  const [log, setLog] = useState<RunEvent[]>([]);
  const [picked, setPicked] = useState('');
  const [answer, setAnswer] = useState('');
  const live = LIVE.includes(status);
  // The top bar's run list says the drill's status as it changes.
  useEffect(() => {
    void refreshRuns().catch(() => undefined);
  }, [runId, status]);
  // The command log: the run's history, then its live stream (every screen on this run sees the same commands).
  useEffect(() => {
    setLog([]);
    setPicked('');
    appStore.setState({ highlights: [] });
    let ws: WebSocket | null = null;
    getJson<{ events: RunEvent[] }>(`/api/runs/${runId}/events?type=command.&limit=5000`).then(
      (page) => setLog((old) => mergeCommandEvents(old, page.events)),
      () => undefined,
    );
    if (live) {
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(`${proto}//${location.host}/api/runs/${runId}/stream`);
      ws.onmessage = (e) => {
        if (typeof e.data !== 'string') return;
        const m = JSON.parse(e.data) as { type: string; events?: RunEvent[] };
        if (m.type === 'events' && m.events) setLog((old) => mergeCommandEvents(old, m.events!));
      };
    }
    return () => ws?.close();
    // A new socket per run; `live` only decides whether one is opened.
  }, [runId]);
  const command = async (c: Record<string, unknown>) => {
    setAnswer('…');
    try {
      const a = await sendJson<{ issuedS: number; applyAtS: number }>(`/api/runs/${runId}/commands`, c);
      setAnswer(`${String(c.kind)} ${String(c.truckId ?? '')} ✓ ${t('drill.accepted')} (t = ${a.applyAtS} s)`);
    } catch (e) {
      setAnswer(t('editor.failed', { message: (e as Error).message }));
    }
  };
  return (
    <div data-testid="drill-run">
      <p className="dr-muted" data-testid="drill-run-status" data-status={status}>
        {t('drill.drillRun', { id: runId, status: t(`drill.status.${status}`, { defaultValue: status }) })}
      </p>
      {(status === 'running' || status === 'paused') && (
        <div className="ed-actions">
          <button
            type="button"
            data-testid={status === 'running' ? 'drill-pause' : 'drill-resume'}
            onClick={() =>
              void sendJson(`/api/runs/${runId}/${status === 'running' ? 'pause' : 'resume'}`, undefined).catch(
                (e: Error) => setAnswer(t('editor.failed', { message: e.message })),
              )
            }
          >
            {status === 'running' ? t('drill.pause') : t('drill.resume')}
          </button>
        </div>
      )}
      {live && (
        <>
          <CasePanel runId={runId} picked={picked} setPicked={setPicked} command={command} />
          <TruckPanel command={command} picked={picked} />
        </>
      )}
      {answer && (
        <p className="ed-note" data-testid="drill-answer">
          {answer}
        </p>
      )}
      {status === 'finished' && <ScorePanel runId={runId} />}
      <CommandLog log={log} />
    </div>
  );
}
