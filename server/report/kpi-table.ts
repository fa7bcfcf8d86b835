// The fleet's KPIs as a report table, and how one KPI value is written by its unit (durations in words, shares in
// per cent, areas in km²), shared by the KPI, score-card and comparison tables.
import type { FleetKpis } from '../../simulation/fleet/index.ts';
import { area, duration, esc, num, withUnit } from './report-format.ts';
import { tr, trMaybe, type Lang } from './report-strings.ts';

/** The KPIs the report lists, in order, with their units (as in COMPARED_KPIS and the score card). */
export const REPORT_KPIS: readonly [string, string][] = [
  ['casesOpened', 'cases'],
  ['casesDispatched', 'cases'],
  ['casesServed', 'cases'],
  ['casesUnserved', 'cases'],
  ['casesCleared', 'cases'],
  ['casesOpenAtEnd', 'cases'],
  ['escalated', 'cases'],
  ['meanToDispatchS', 's'],
  ['medianToDispatchS', 's'],
  ['meanToArriveS', 's'],
  ['medianToArriveS', 's'],
  ['meanToClearS', 's'],
  ['medianToClearS', 's'],
  ['meanToArriveServedS', 's'],
  ['meanToClearServedS', 's'],
  ['caseHoursWaiting', 'h'],
  ['hotspotWaterHours', 'h'],
  ['pumpedM3', 'm³'],
  ['roadKmHoursClosed', 'km·h'],
  ['meanReachableShare', 'share'],
];

/** The KPI's name in the report's language (its code name when the table lacks it). */
export function kpiLabel(lang: Lang, name: string): string {
  return trMaybe(lang, `kpi_${name}`, name);
}

/** One KPI value written by its unit, HTML-escaped. */
export function kpiCell(lang: Lang, v: number | null | undefined, unit: string): string {
  switch (unit) {
    case 's':
      return esc(duration(lang, v));
    case 'h':
      return esc(withUnit(v, tr(lang, 'unit_h'), 1));
    case 'cases':
      return esc(num(v));
    case 'share':
      return esc(typeof v === 'number' && Number.isFinite(v) ? `${num(v * 100)} %` : '—');
    case 'm²':
      return esc(area(v));
    case 'm':
      return esc(withUnit(v, 'm', 2));
    case 'km·h':
      return esc(withUnit(v, 'km·h', 1));
    default:
      return esc(withUnit(v, unit));
  }
}

/** The fleet's final KPIs as a two-column table. */
export function kpiTableHtml(lang: Lang, kpis: FleetKpis): string {
  const values = kpis as unknown as Record<string, number | null>;
  const rows = REPORT_KPIS.map(
    ([name, unit]) =>
      `<tr><td>${esc(kpiLabel(lang, name))}</td><td class="n">${kpiCell(lang, values[name], unit)}</td></tr>`,
  ).join('\n');
  return `<table class="kpis"><thead><tr><th>${esc(tr(lang, 'thKpi'))}</th><th>${esc(tr(lang, 'thValue'))}</th></tr></thead><tbody>${rows}</tbody></table>\n<p class="note">${esc(tr(lang, 'kpiNote'))}</p>`;
}
