// The scenario editor (mode `editor`, its own lazy chunk): the storm, river, fleet and incidents as a form and a map,
// checked as you type by the same parser as the CLI and the API (and placed on the district by the server's validate
// route), errors at their field; save, start and watch live; a what-if from the replay on screen.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { appStore } from '../store/app-store.ts';
import type { XY } from '../../../twin/types.ts';
import { savedToken, saveToken, sendJson } from './api-write.ts';
import { registerEditorStrings } from './editor-strings.ts';
import { Field, NumInput } from './fields.tsx';
import { checkForm, serverProblem, type FieldProblem } from './form-check.ts';
import { FleetSection, RiverSection, StormSection } from './FormSections.tsx';
import { IncidentSection } from './IncidentSection.tsx';
import { ForkPanel } from './ForkPanel.tsx';
import { districtPlan, nearestRoad, type DistrictPlan } from './plan-map.ts';
import { PlanMap } from './PlanMap.tsx';
import { defaultForm, type ScenarioForm } from './scenario-form.ts';
import { watchRun } from './watch-run.ts';
import './editor.css';

registerEditorStrings();

interface DistrictRiver {
  id: string;
  riverPresets?: string[];
  riverDefault?: string;
}

export default function EditorMode() {
  const district = useStore(appStore, (s) => s.district);
  const plan = useMemo(
    () => (district ? districtPlan(district.frame, district.layers, district.roadEdges) : null),
    [district],
  );
  if (!district || !plan) return null;
  return <Editor districtId={district.info.id} plan={plan} />;
}

function Editor({ districtId, plan }: { districtId: string; plan: DistrictPlan }) {
  const { t } = useTranslation();
  const [presets, setPresets] = useState<string[]>([]);
  const [form, setForm] = useState<ScenarioForm>(() => defaultForm());
  const [picking, setPicking] = useState(-1);
  const [region, setRegion] = useState(false);
  const [token, setToken] = useState(savedToken);
  const [server, setServer] = useState<{ key: string; problem: FieldProblem | null } | null>(null);
  const [status, setStatus] = useState('');
  // Edits apply now, to the latest form (not in a deferred updater): handlers read their input's value as it is.
  const latest = useRef(form);
  const set = (f: (draft: ScenarioForm) => void) => {
    const draft = structuredClone(latest.current);
    f(draft);
    latest.current = draft;
    setForm(draft);
  };
  useEffect(() => {
    void fetch('/api/districts')
      .then((r) => r.json() as Promise<DistrictRiver[]>)
      .then((list) => {
        const d = list.find((x) => x.id === districtId);
        setPresets(d?.riverPresets ?? []);
        if (d?.riverDefault) set((f) => void (f.river.preset ||= d.riverDefault!));
      })
      .catch(() => undefined);
  }, [districtId]);
  const local = useMemo(() => checkForm(form), [form]);
  const key = JSON.stringify(local.scenario);
  // Placement on the district (river presets, depots, fleet size) is the server's: asked once typing pauses.
  useEffect(() => {
    if (!local.ok) return;
    const timer = window.setTimeout(() => {
      sendJson('/api/scenarios/validate', { district: districtId, scenario: local.scenario }).then(
        () => setServer({ key, problem: null }),
        (e: Error) => setServer({ key, problem: serverProblem(form, e.message) }),
      );
    }, 350);
    return () => window.clearTimeout(timer);
    // The key stands for the scenario; the form object changes with it.
  }, [key, districtId]);
  const checked = local.ok && server?.key === key;
  const problem: FieldProblem | null = !local.ok ? local.problem : checked ? server.problem : null;
  const valid = checked && !server.problem;
  const pick = (xy: XY) => {
    if (picking >= 0 && form.incidents[picking]) {
      const i = picking;
      const inc = form.incidents[i];
      if (inc.kind === 'roadClosed') {
        const near = nearestRoad(plan, xy);
        if (near)
          set((f) => void (f.incidents[i] = { ...inc, segmentId: near.road.segmentId, roadName: near.road.name }));
      } else if (inc.kind === 'waterReport') set((f) => void (f.incidents[i] = { ...inc, xy }));
      setPicking(-1);
    } else if (form.storm === 'typhoon') {
      set((f) => {
        const last = f.typhoon.track.at(-1);
        f.typhoon.track.push({ atMin: last ? (Number.isFinite(last.atMin) ? last.atMin : 0) + 60 : 0, xy });
      });
    }
  };
  const act = async (what: 'save' | 'start') => {
    setStatus('…');
    try {
      if (what === 'save') {
        const row = await sendJson<{ id: string }>('/api/scenarios', {
          district: districtId,
          scenario: local.scenario,
        });
        setStatus(t('editor.saved', { id: row.id }));
      } else {
        const row = await sendJson<{ id: string }>('/api/runs', { district: districtId, scenario: local.scenario });
        setStatus(t('editor.started', { id: row.id }));
        await watchRun(row.id);
      }
    } catch (e) {
      setStatus(t('editor.failed', { message: (e as Error).message }));
    }
  };
  const props = { form, set, problem, plan };
  const mapWhat =
    picking >= 0 ? t('editor.picking') : form.storm === 'typhoon' ? t('editor.mapTrack') : t('editor.mapIdle');
  return (
    <div className="editor" data-testid="editor">
      <div className="ed-form">
        <h2>{t('editor.title')}</h2>
        <fieldset className="ed-section">
          <legend>{t('editor.general')}</legend>
          <div className="ed-row">
            <Field id="name" label={t('editor.name')} problem={problem}>
              <input
                data-testid="scenario-name"
                value={form.name}
                onChange={(e) => set((f) => void (f.name = e.target.value))}
              />
            </Field>
            <Field id="durationH" label={t('editor.durationH')} problem={problem}>
              <NumInput testId="duration" value={form.durationH} onChange={(v) => set((f) => void (f.durationH = v))} />
            </Field>
            <Field id="cellM" label={t('editor.cellM')} problem={problem}>
              <NumInput testId="cell" value={form.cellM} onChange={(v) => set((f) => void (f.cellM = v))} />
            </Field>
            <Field id="seed" label={t('editor.seed')} problem={problem}>
              <NumInput testId="seed" value={form.seed} onChange={(v) => set((f) => void (f.seed = v))} />
            </Field>
          </div>
        </fieldset>
        <StormSection {...props} />
        <RiverSection {...props} presets={presets} />
        <FleetSection {...props} />
        <IncidentSection {...props} picking={picking} setPicking={setPicking} />
        <ForkPanel plan={plan} />
      </div>
      <div className="ed-side">
        <div className="ed-map-head">
          <span>{t('editor.map', { what: mapWhat })}</span>
          <label>
            {t('editor.extent')}{' '}
            <select
              data-testid="map-extent"
              value={region ? 'region' : 'district'}
              onChange={(e) => setRegion(e.target.value === 'region')}
            >
              <option value="district">{t('editor.extentDistrict')}</option>
              <option value="region">{t('editor.extentRegion')}</option>
            </select>
          </label>
        </div>
        <PlanMap
          plan={plan}
          region={region}
          track={form.storm === 'typhoon' ? form.typhoon.track : null}
          radiusM={form.typhoon.radiusMaxRainM}
          incidents={form.incidents}
          selectedRoad={form.incidents.flatMap((i) => (i.kind === 'roadClosed' && i.segmentId ? [i.segmentId] : []))}
          onPick={pick}
        />
        <div className="ed-legend">
          {(
            [
              ['#374151', 'depot'],
              ['#1d4ed8', 'station'],
              ['#8b3fb8', 'hotspot'],
              ['#0ea5e9', 'report'],
              ['#c026d3', 'closed'],
              ['#b91c1c', 'trackLegend'],
            ] as const
          ).map(([c, k]) => (
            <span key={k}>
              <i style={{ background: c }} />
              {t(`editor.legend.${k}`)}
            </span>
          ))}
        </div>
        <div className={`ed-status ${problem ? 'bad' : valid ? 'ok' : ''}`} data-testid="editor-status">
          {problem
            ? problem.field === 'general'
              ? problem.message
              : t('editor.invalid')
            : valid
              ? t('editor.validServer', { district: districtId })
              : local.ok
                ? t('editor.checking')
                : ''}
        </div>
        <label className="ed-field">
          <span className="ed-label">{t('editor.token')}</span>
          <input
            type="password"
            data-testid="token"
            value={token}
            placeholder={t('editor.tokenHint')}
            onChange={(e) => {
              setToken(e.target.value);
              saveToken(e.target.value);
            }}
          />
        </label>
        <div className="ed-actions">
          <button type="button" data-testid="save" disabled={!valid} onClick={() => void act('save')}>
            {t('editor.save')}
          </button>
          <button type="button" data-testid="start" disabled={!valid} onClick={() => void act('start')}>
            {t('editor.start')}
          </button>
        </div>
        <details className="ed-json">
          <summary>{t('editor.json')}</summary>
          <pre data-testid="scenario-json">{JSON.stringify(local.scenario, null, 1)}</pre>
        </details>
        {status && (
          <p className="ed-note" data-testid="editor-result">
            {status}
          </p>
        )}
      </div>
    </div>
  );
}
