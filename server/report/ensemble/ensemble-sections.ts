// The ensemble report's sections that are tables and charts rather than maps: the setup (axes and values), per
// hotspot the peak-depth and first-wet distributions, per fleet option each KPI's distribution, the fleet-size curve
// with its recommendation and bootstrap uncertainty, and the members with their errors.
import type { Distribution, EnsembleResult, EnsembleSpec } from '../../../simulation/ensemble/index.ts';
import type { Twin } from '../../../twin/district/build-twin.ts';
import { kpiCell, kpiLabel, REPORT_KPIS } from '../kpi-table.ts';
import { clockHM, depthCm, esc, num } from '../report-format.ts';
import { trMaybe, type Lang } from '../report-strings.ts';
import { boxChartSvg, fleetCurveSvg } from './ensemble-charts.ts';
import { etr, etrMaybe } from './ensemble-strings.ts';

type Values = Record<string, string | number | boolean>;

/** How an axis value reads. */
function valueWords(lang: Lang, axis: string, v: string | number | boolean): string {
  if (typeof v === 'boolean') return etr(lang, v ? 'yes' : 'no');
  if (axis === 'policy') return etrMaybe(lang, `policy_${v}`, String(v));
  return String(v);
}

/** A fleet option in words: "4 辆泵车，预置，最优分配调度" / "4 trucks, pre-positioned, optimal dispatch". */
export function fleetOptionWords(lang: Lang, values: Values): string {
  const parts: string[] = [];
  if ('fleetSize' in values) parts.push(etr(lang, 'optTrucks', { n: String(values.fleetSize) }));
  if ('prePosition' in values) parts.push(etr(lang, values.prePosition ? 'optPre' : 'optDepot'));
  if ('policy' in values)
    parts.push(etr(lang, 'optPolicy', { p: etrMaybe(lang, `policy_${values.policy}`, String(values.policy)) }));
  return parts.length ? parts.join(lang === 'zh' ? '，' : ', ') : etr(lang, 'baseFleet');
}

/** The setup: the base, how the axes were combined, and each axis with its values. */
export function setupHtml(lang: Lang, result: EnsembleResult, spec: EnsembleSpec, cellM: number | null): string {
  const axes = new Map<string, (string | number | boolean)[]>();
  for (const m of result.members)
    for (const [k, v] of Object.entries(m.values)) {
      const list = axes.get(k) ?? [];
      if (!list.includes(v)) list.push(v);
      axes.set(k, list);
    }
  const how =
    spec.sampling.kind === 'sampled'
      ? etr(lang, 'sampled', { n: spec.sampling.members, seed: spec.sampling.seed })
      : etr(lang, 'crossed');
  const base = typeof spec.base === 'string' ? spec.base : etr(lang, 'inlineBase');
  const desc = lang === 'zh' ? spec.description : (spec.descriptionEn ?? spec.description);
  const rows = [...axes.entries()]
    .map(
      ([k, vs]) =>
        `<tr><td>${esc(etrMaybe(lang, `axis_${k}`, k))}</td><td>${esc(vs.map((v) => valueWords(lang, k, v)).join(lang === 'zh' ? '、' : ', '))}</td></tr>`,
    )
    .join('\n');
  const out = [
    ...(desc ? [`<p>${esc(desc)}</p>`] : []),
    `<p>${esc(etr(lang, 'setupLead', { base, how, members: result.counts.members, cell: cellM === null ? '—' : `${cellM} m` }))}</p>`,
    `<table class="axes"><thead><tr><th>${esc(etr(lang, 'thAxis'))}</th><th>${esc(etr(lang, 'thValues'))}</th></tr></thead><tbody>${rows}</tbody></table>`,
  ];
  if (result.counts.failed)
    out.push(`<p class="warn">${esc(etr(lang, 'failedNote', { n: result.counts.failed }))}</p>`);
  return out.join('\n');
}

/** Per hotspot: box charts of peak depth and first-wet time (the worst `max`), and a table of every hotspot. */
export function hotspotsHtml(lang: Lang, result: EnsembleResult, twin: Twin, alarmM: number | null, max = 15): string {
  const byId = new Map(twin.district.hotspots.map((h) => [h.id, h]));
  const nameOf = (id: string, name: string) => (lang === 'en' ? (byId.get(id)?.nameEn ?? name) : name);
  const sorted = [...result.hotspots].sort(
    (a, b) => (b.peakDepthM.p90 ?? -1) - (a.peakDepthM.p90 ?? -1) || a.id.localeCompare(b.id),
  );
  const shown = sorted.slice(0, max);
  const label = (h: (typeof sorted)[number]) => `${h.id} ${nameOf(h.id, h.name)}`;
  const charts = [
    boxChartSvg(
      shown.map((h) => ({ label: label(h), d: h.peakDepthM })),
      {
        valueName: etr(lang, 'peakChart'),
        scale: 100,
        horizontal: true,
        id: 'hotspot-peak',
        ...(alarmM !== null
          ? { threshold: { value: alarmM * 100, label: etr(lang, 'alarmLine', { d: depthCm(alarmM) }) } }
          : {}),
      },
    ),
    boxChartSvg(
      shown.map((h) => ({ label: label(h), d: h.firstWetS })),
      {
        valueName: etr(lang, 'firstWetChart'),
        horizontal: true,
        seconds: true,
        format: (v) => clockHM(v),
        id: 'hotspot-wet',
      },
    ),
  ];
  const rows = sorted
    .map(
      (h) =>
        `<tr><td>${esc(h.id)}</td><td>${esc(nameOf(h.id, h.name))}</td><td class="n">${esc(h.wetShare === null ? '—' : `${num(h.wetShare * 100)} %`)}</td><td class="n">${esc(depthCm(h.peakDepthM.median))}</td><td class="n">${esc(depthCm(h.peakDepthM.p90))}</td><td class="n">${esc(depthCm(h.peakDepthM.max))}</td><td class="n">${esc(spread(h.firstWetS, clockHM))}</td></tr>`,
    )
    .join('\n');
  return [
    `<p class="note">${esc(etr(lang, 'hotspotsLead', { n: shown.length, total: sorted.length }))}</p>`,
    ...charts,
    `<table class="hotspots"><thead><tr><th>${esc(etr(lang, 'thHotspot'))}</th><th>${esc(etr(lang, 'thName'))}</th><th>${esc(etr(lang, 'thWetShare'))}</th><th>${esc(etr(lang, 'thPeakMedian'))}</th><th>${esc(etr(lang, 'thPeakP90'))}</th><th>${esc(etr(lang, 'thPeakMax'))}</th><th>${esc(etr(lang, 'thFirstWet'))}</th></tr></thead><tbody>${rows}</tbody></table>`,
  ].join('\n');
}

/** "median (p10–p90)" with a formatter. */
function spread(d: Distribution, f: (v: number | null) => string): string {
  if (d.n === 0) return '—';
  return `${f(d.median)} (${f(d.p10)}–${f(d.p90)})`;
}

const UNIT_OF = new Map(REPORT_KPIS);

/** How a KPI is drawn on a chart axis: scale and axis name. */
function kpiAxis(lang: Lang, kpi: string): { scale: number; name: string } {
  const unit = UNIT_OF.get(kpi) ?? '';
  const label = kpiLabel(lang, kpi);
  if (unit === 's') return { scale: 1 / 60, name: `${label} (${lang === 'zh' ? '分钟' : 'min'})` };
  if (unit === 'share') return { scale: 100, name: `${label} (%)` };
  if (unit === 'h') return { scale: 1, name: `${label} (${trMaybe(lang, 'unit_h', 'h')})` };
  if (unit === 'cases') return { scale: 1, name: `${label} (${trMaybe(lang, 'unit_cases', 'cases')})` };
  return { scale: 1, name: unit ? `${label} (${unit})` : label };
}

/** A KPI distribution as "median (p10–p90)" in the KPI's unit. */
function kpiSpread(lang: Lang, kpi: string, d: Distribution | undefined): string {
  const unit = UNIT_OF.get(kpi) ?? '';
  if (!d || d.n === 0) return '—';
  return `${kpiCell(lang, d.median, unit)} (${kpiCell(lang, d.p10, unit)}–${kpiCell(lang, d.p90, unit)})`;
}

/** Per fleet option: one box chart per KPI, and a table of medians and 10th–90th percentiles. */
export function fleetOptionsHtml(lang: Lang, result: EnsembleResult, kpis: readonly string[]): string {
  const opts = result.fleetOptions;
  const charts = kpis.map((k, i) => {
    const axis = kpiAxis(lang, k);
    return boxChartSvg(
      opts.map((o) => ({ label: fleetOptionWords(lang, o.values), d: o.kpis[k] })),
      { valueName: axis.name, scale: axis.scale, id: `fleet-${i}` },
    );
  });
  const head = kpis.map((k) => `<th>${esc(kpiLabel(lang, k))}</th>`).join('');
  const rows = opts
    .map(
      (o) =>
        `<tr><td>${esc(fleetOptionWords(lang, o.values))}</td><td class="n">${o.members}</td>${kpis.map((k) => `<td class="n">${kpiSpread(lang, k, o.kpis[k])}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return [
    `<p class="note">${esc(etr(lang, 'fleetLead'))}</p>`,
    ...charts,
    `<table class="fleet"><thead><tr><th>${esc(etr(lang, 'thOption'))}</th><th>${esc(etr(lang, 'thMembersN'))}</th>${head}</tr></thead><tbody>${rows}</tbody></table>`,
    `<p class="note">${esc(etr(lang, 'honest'))}</p>`,
  ].join('\n');
}

/** The fleet-size curves, each with its recommendation, rule and bootstrap uncertainty. */
export function curvesHtml(lang: Lang, result: EnsembleResult, spec: EnsembleSpec): string {
  if (!result.fleetSizeCurves.length) return `<p>${esc(etr(lang, 'noCurve'))}</p>`;
  const rule = spec.aggregate.recommend;
  const q = Math.round(rule.quantile * 100);
  const unit = UNIT_OF.get(rule.kpi) ?? '';
  return result.fleetSizeCurves
    .map((c, i) => {
      const axis = kpiAxis(lang, c.kpi);
      const r = c.recommendation;
      const sizes = c.points.map((p) => p.trucks);
      const fixed = Object.keys(c.fixed).length ? `<h3>${esc(fleetOptionWords(lang, c.fixed))}</h3>` : '';
      const slack = rule.slack ? etr(lang, 'ruleSlack', { s: kpiCell(lang, rule.slack, unit) }) : '';
      const shares = Object.entries(r.bootstrap.shares)
        .map(([s, v]) => `${s}: ${num(v * 100)} %`)
        .join(lang === 'zh' ? '，' : ', ');
      return [
        fixed,
        `<p class="note">${esc(etr(lang, 'curveLead', { kpi: kpiLabel(lang, c.kpi), q }))}</p>`,
        fleetCurveSvg({
          trucks: sizes,
          boxes: c.points.map((p) => p.kpis[c.kpi]),
          atQuantile: c.points.map((p) => p.atQuantile),
          quantileLabel: etr(lang, 'curveSeries', { q }),
          recommended: r.trucks,
          range: { low: r.bootstrap.low, high: r.bootstrap.high },
          trucksName: etr(lang, 'trucksAxis'),
          valueName: axis.name,
          scale: axis.scale,
          id: `curve-${i}`,
        }),
        r.trucks === null
          ? `<p class="warn">${esc(etr(lang, 'recommendNone'))}</p>`
          : `<p class="recommend" data-trucks="${r.trucks}">${esc(etr(lang, 'recommend', { n: r.trucks }))}</p>`,
        `<p>${etr(lang, 'rule', {
          kpi: esc(kpiLabel(lang, c.kpi)),
          q,
          max: String(sizes.at(-1) ?? '—'),
          factor: num(1 + rule.tolerance, 2),
          slack: esc(slack),
          target: kpiCell(lang, r.target, unit),
        })}</p>`,
        `<p>${esc(
          r.bootstrap.resamples && r.bootstrap.low !== null
            ? etr(lang, 'uncertainty', {
                b: r.bootstrap.resamples,
                seed: r.bootstrap.seed,
                low: r.bootstrap.low,
                high: r.bootstrap.high ?? '—',
                shares,
              })
            : etr(lang, 'uncertaintyNone'),
        )}</p>`,
      ].join('\n');
    })
    .join('\n');
}

/** The members (the first `max`), their axis values, and how each ended. */
export function membersHtml(lang: Lang, result: EnsembleResult, max = 200): string {
  const shown = result.members.slice(0, max);
  const rows = shown
    .map((m) => {
      const values = Object.entries(m.values)
        .map(([k, v]) => `${etrMaybe(lang, `axis_${k}`, k)} ${valueWords(lang, k, v)}`)
        .join(lang === 'zh' ? '；' : '; ');
      const status = etrMaybe(lang, `status_${m.status}`, m.status);
      return `<tr${m.status === 'failed' ? ' class="failed"' : ''}><td>${esc(m.id)}</td><td>${esc(values)}</td><td>${esc(status)}${m.error ? `: ${esc(m.error)}` : ''}</td></tr>`;
    })
    .join('\n');
  return [
    ...(shown.length < result.members.length
      ? [`<p class="note">${esc(etr(lang, 'membersNote', { n: shown.length, total: result.members.length }))}</p>`]
      : []),
    `<table class="members"><thead><tr><th>${esc(etr(lang, 'thMember'))}</th><th>${esc(etr(lang, 'thValues'))}</th><th>${esc(etr(lang, 'thStatus'))}</th></tr></thead><tbody>${rows}</tbody></table>`,
  ].join('\n');
}
