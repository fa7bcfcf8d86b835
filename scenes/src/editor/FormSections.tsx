// The editor's sections: the storm (design, preset or measured series, typhoon track), the river (a preset, or an own
// tide with storm surge) and the fleet (size, depots, pre-positioning, policy); the incidents are IncidentSection.tsx.
import { useTranslation } from 'react-i18next';
import { RAIN_PRESETS } from '../../../simulation/rain/presets.ts';
import { Field, NumInput } from './fields.tsx';
import type { FieldProblem } from './form-check.ts';
import type { DistrictPlan } from './plan-map.ts';
import type { ScenarioForm } from './scenario-form.ts';

export interface SectionProps {
  form: ScenarioForm;
  set: (f: (draft: ScenarioForm) => void) => void;
  problem: FieldProblem | null;
  plan: DistrictPlan;
}

export function StormSection({ form, set, problem }: SectionProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh';
  return (
    <fieldset className="ed-section">
      <legend>{t('editor.storm')}</legend>
      <Field id="storm" label="" problem={problem}>
        <div className="ed-tabs" role="radiogroup">
          {(['design', 'library', 'typhoon'] as const).map((k) => (
            <button
              type="button"
              key={k}
              data-testid={`storm-${k}`}
              className={form.storm === k ? 'on' : ''}
              onClick={() => set((f) => void (f.storm = k))}
            >
              {t(`editor.storm${k[0].toUpperCase()}${k.slice(1)}`)}
            </button>
          ))}
        </div>
      </Field>
      {form.storm === 'design' && (
        <div className="ed-row">
          <Field id="design.returnPeriodYears" label={t('editor.returnPeriodYears')} problem={problem}>
            <NumInput
              testId="design-return-period"
              value={form.design.returnPeriodYears}
              onChange={(v) => set((f) => void (f.design.returnPeriodYears = v))}
            />
          </Field>
          <Field id="design.durationMin" label={t('editor.durationMin')} problem={problem}>
            <NumInput
              testId="design-duration"
              value={form.design.durationMin}
              onChange={(v) => set((f) => void (f.design.durationMin = v))}
            />
          </Field>
        </div>
      )}
      {form.storm === 'library' && (
        <Field id="library.preset" label={t('editor.preset')} problem={problem}>
          <select
            data-testid="rain-preset"
            value={form.library.preset}
            onChange={(e) => set((f) => void (f.library.preset = e.target.value))}
          >
            {RAIN_PRESETS.map((p) => (
              <option key={p.name} value={p.name}>
                {zh ? p.titleZh : p.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      {form.storm === 'typhoon' && (
        <>
          <Field id="typhoon.track" label={t('editor.track')} problem={problem}>
            <ol className="ed-track" data-testid="track-points">
              {form.typhoon.track.map((p, i) => (
                <li key={i}>
                  {t('editor.trackPoint', { n: i + 1 })} ({Math.round(p.xy[0])}, {Math.round(p.xy[1])}) m ·{' '}
                  {t('editor.atMin')}
                  <NumInput
                    testId={`track-time-${i}`}
                    value={p.atMin}
                    onChange={(v) => set((f) => void (f.typhoon.track[i].atMin = v))}
                  />
                </li>
              ))}
            </ol>
            <button type="button" onClick={() => set((f) => void (f.typhoon.track = []))}>
              {t('editor.clearTrack')}
            </button>
          </Field>
          <div className="ed-row">
            <Field id="typhoon.peakMmPerH" label={t('editor.peakMmPerH')} problem={problem}>
              <NumInput
                testId="typhoon-peak"
                value={form.typhoon.peakMmPerH}
                onChange={(v) => set((f) => void (f.typhoon.peakMmPerH = v))}
              />
            </Field>
            <Field id="typhoon.radiusMaxRainM" label={t('editor.radiusMaxRainM')} problem={problem}>
              <NumInput
                testId="typhoon-radius"
                value={form.typhoon.radiusMaxRainM}
                onChange={(v) => set((f) => void (f.typhoon.radiusMaxRainM = v))}
              />
            </Field>
          </div>
        </>
      )}
    </fieldset>
  );
}

export function RiverSection({ form, set, problem, presets }: SectionProps & { presets: string[] }) {
  const { t } = useTranslation();
  const tide = form.tide;
  const num = (key: keyof typeof tide & string, label: string) => (
    <Field id={`tide.${key}`} label={t(label)} problem={problem}>
      <NumInput
        testId={`tide-${key}`}
        value={tide[key] as number}
        onChange={(v) => set((f) => void ((f.tide[key] as number) = v))}
      />
    </Field>
  );
  return (
    <fieldset className="ed-section">
      <legend>{t('editor.river')}</legend>
      <Field id="river" label="" problem={problem}>
        <div className="ed-tabs">
          {(['preset', 'tide'] as const).map((k) => (
            <button
              type="button"
              key={k}
              data-testid={`river-${k}`}
              className={form.river.mode === k ? 'on' : ''}
              onClick={() => set((f) => void (f.river.mode = k))}
            >
              {t(k === 'preset' ? 'editor.riverPreset' : 'editor.riverTide')}
            </button>
          ))}
        </div>
      </Field>
      {form.river.mode === 'preset' ? (
        <select
          data-testid="river-preset"
          value={form.river.preset}
          onChange={(e) => set((f) => void (f.river.preset = e.target.value))}
        >
          {presets.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      ) : (
        <>
          <div className="ed-row">
            {num('meanM', 'editor.meanM')}
            {num('amplitudeM', 'editor.amplitudeM')}
            {num('highTideAtH', 'editor.highTideAtH')}
          </div>
          <label className="ed-check">
            <input
              type="checkbox"
              checked={tide.surge}
              onChange={(e) => set((f) => void (f.tide.surge = e.target.checked))}
            />
            {t('editor.surge')}
          </label>
          {tide.surge && (
            <div className="ed-row">
              {num('surgePeakM', 'editor.surgePeakM')}
              {num('surgeAtH', 'editor.surgeAtH')}
              {num('surgeWidthH', 'editor.surgeWidthH')}
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}

export function FleetSection({ form, set, problem, plan }: SectionProps) {
  const { t } = useTranslation();
  const chosen = form.fleet.depots ?? plan.depots.map((d) => d.id);
  return (
    <fieldset className="ed-section">
      <legend>{t('editor.fleet')}</legend>
      <div className="ed-row">
        <Field id="fleet.size" label={t('editor.size')} problem={problem}>
          <NumInput testId="fleet-size" value={form.fleet.size} onChange={(v) => set((f) => void (f.fleet.size = v))} />
        </Field>
        <Field id="fleet.policy" label={t('editor.policy')} problem={problem}>
          <select
            data-testid="fleet-policy"
            value={form.fleet.policy}
            onChange={(e) => set((f) => void (f.fleet.policy = e.target.value as ScenarioForm['fleet']['policy']))}
          >
            <option value="optimal">{t('editor.policyOptimal')}</option>
            <option value="nearest">{t('editor.policyNearest')}</option>
            <option value="manual">{t('editor.policyManual')}</option>
          </select>
        </Field>
      </div>
      <Field id="fleet.depots" label={t('editor.depots')} problem={problem}>
        <span className="ed-inline">
          {plan.depots.map((d) => (
            <label key={d.id} className="ed-check">
              <input
                type="checkbox"
                data-testid={`depot-${d.id}`}
                checked={chosen.includes(d.id)}
                onChange={(e) =>
                  set((f) => {
                    const next = e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id);
                    const all = plan.depots.every((x) => next.includes(x.id));
                    f.fleet.depots = all ? null : plan.depots.map((x) => x.id).filter((x) => next.includes(x));
                  })
                }
              />
              {d.id}
            </label>
          ))}
        </span>
      </Field>
      <label className="ed-check">
        <input
          type="checkbox"
          data-testid="fleet-preposition"
          checked={form.fleet.prePosition}
          onChange={(e) => set((f) => void (f.fleet.prePosition = e.target.checked))}
        />
        {t('editor.prePosition')}
      </label>
    </fieldset>
  );
}
