// Hover and click details: what is under the pointer (or was clicked) — a sensor, pump station, hotspot, depot, truck
// or case — with its name in Chinese and English and its state as of now (reading, level, case, truck, ETA).
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { caseStage } from '../../../simulation/record/view-series.ts';
import { formatClock } from '../clock/sim-clock.ts';
import { appStore } from '../store/app-store.ts';

export function Details() {
  const { t } = useTranslation();
  const picked = useStore(appStore, (s) => s.hover ?? s.selected);
  const view = useStore(appStore, (s) => s.view);
  const district = useStore(appStore, (s) => s.district);
  if (!picked || !district) return null;
  const layer =
    picked.kind === 'sensor'
      ? 'sensors'
      : picked.kind === 'pumpStation'
        ? 'pumpStations'
        : picked.kind === 'hotspot'
          ? 'hotspots'
          : picked.kind === 'depot'
            ? 'depots'
            : null;
  const f = layer ? district.layers[layer].features.find((x) => x.id === picked.id) : undefined;
  const p = f?.properties ?? {};
  const rows: [string, string][] = [];
  if (picked.kind === 'sensor') {
    const r = view?.sensors.find((s) => s.id === picked.id);
    if (r) {
      rows.push([
        t('detail.reading'),
        r.value === null || !Number.isFinite(r.value) ? '—' : `${r.value.toFixed(2)} ${r.unit}`,
      ]);
      rows.push([t('detail.level'), t(r.level === 'normal' ? 'detail.normal' : `dash.${r.level}`)]);
    }
  } else if (picked.kind === 'pumpStation') {
    const st = view?.pumps.find((x) => x.id === picked.id);
    rows.push([t('detail.capacity'), `${p.capacityM3PerS ?? '—'} m³/s`]);
    if (st) rows.push([t('detail.state'), st.failed ? t('detail.failed') : t('detail.working')]);
  } else if (picked.kind === 'truck') {
    const tr = view?.trucks.find((x) => x.id === picked.id);
    if (tr) {
      rows.push([t('detail.state'), t(`truck.${tr.state}`)]);
      rows.push([t('detail.serving'), tr.caseId || t('detail.none')]);
      if (tr.etaS !== null) rows.push([t('detail.eta'), formatClock((view?.tS ?? 0) + tr.etaS)]);
      rows.push([t('detail.pumped'), `${tr.pumpedM3.toFixed(0)} m³`]);
    }
  } else if (picked.kind === 'case') {
    const c = view?.cases.find((x) => x.id === picked.id);
    if (c) {
      rows.push([t('detail.state'), t(`stage.${caseStage(c.state)}`)]);
      rows.push([t('detail.depth'), `${(c.depthM * 100).toFixed(0)} cm`]);
      rows.push([t('detail.truck'), c.truckId || t('detail.none')]);
    }
  }
  const name = typeof p.name === 'string' ? p.name : picked.id;
  const nameEn = typeof p.nameEn === 'string' ? p.nameEn : '';
  return (
    <div className="details" data-testid="details">
      <div className="kind">
        {t(`detail.${picked.kind}`)} {p.modelled ? t('detail.modelled') : ''}
      </div>
      <div className="name">{name}</div>
      {nameEn && <div className="name-en">{nameEn}</div>}
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
