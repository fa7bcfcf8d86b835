// The editor's incidents at times and places: a pump station failing (from the district's stations), a road closed by
// a fallen tree and a report of water (each placed by a click on the map), with their times in minutes.
import { useTranslation } from 'react-i18next';
import { Field, NumInput } from './fields.tsx';
import type { SectionProps } from './FormSections.tsx';
import type { Incident } from './scenario-form.ts';

export function IncidentSection({
  form,
  set,
  problem,
  plan,
  picking,
  setPicking,
}: SectionProps & { picking: number; setPicking: (i: number) => void }) {
  const { t } = useTranslation();
  const add = (inc: Incident) =>
    set((f) => {
      f.incidents.push(inc);
    });
  const at = Math.round(Math.max(0, (form.durationH * 60) / 3) || 60);
  return (
    <fieldset className="ed-section">
      <legend>{t('editor.incidents')}</legend>
      <div className="ed-inline">
        <button
          type="button"
          data-testid="add-pump"
          onClick={() => add({ kind: 'pumpFailure', atMin: at, stationId: plan.stations[0]?.id ?? '' })}
        >
          {t('editor.addPump')}
        </button>
        <button
          type="button"
          data-testid="add-road"
          onClick={() => {
            add({ kind: 'roadClosed', atMin: at, segmentId: '', roadName: '' });
            setPicking(form.incidents.length);
          }}
        >
          {t('editor.addRoad')}
        </button>
        <button
          type="button"
          data-testid="add-report"
          onClick={() => {
            add({ kind: 'waterReport', atMin: at, xy: [NaN, NaN] });
            setPicking(form.incidents.length);
          }}
        >
          {t('editor.addReport')}
        </button>
      </div>
      {form.incidents.map((inc, i) => (
        <div key={i} className="ed-incident" data-testid={`incident-${i}`}>
          <b>
            {i + 1}. {t(`editor.${inc.kind}`)}
          </b>
          <Field id={`incident.${i}.atMin`} label={t('editor.atMin')} problem={problem}>
            <NumInput
              testId={`incident-time-${i}`}
              value={inc.atMin}
              onChange={(v) => set((f) => void (f.incidents[i].atMin = v))}
            />
          </Field>
          {inc.kind === 'pumpFailure' ? (
            <Field id={`incident.${i}.stationId`} label={t('editor.station')} problem={problem}>
              <select
                value={inc.stationId}
                onChange={(e) =>
                  set((f) => void ((f.incidents[i] as { stationId: string }).stationId = e.target.value))
                }
              >
                {plan.stations.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id} · {s.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field id={`incident.${i}.place`} label={t('editor.place')} problem={problem}>
              <span className="ed-inline">
                <span>
                  {inc.kind === 'roadClosed'
                    ? inc.segmentId
                      ? `${inc.roadName || inc.segmentId}`
                      : t('editor.noPlace')
                    : Number.isFinite(inc.xy[0])
                      ? `(${inc.xy[0]}, ${inc.xy[1]}) m`
                      : t('editor.noPlace')}
                </span>
                <button type="button" onClick={() => setPicking(picking === i ? -1 : i)}>
                  {picking === i ? t('editor.picking') : t('editor.pickOnMap')}
                </button>
              </span>
            </Field>
          )}
          <button
            type="button"
            className="ed-remove"
            onClick={() => {
              setPicking(-1);
              set((f) => void f.incidents.splice(i, 1));
            }}
          >
            {t('editor.remove')}
          </button>
        </div>
      ))}
    </fieldset>
  );
}
