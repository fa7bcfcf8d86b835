// One self-contained HTML report of a run record, in Chinese or English: the scenario in words, the maximum-depth map,
// the charts (ECharts SVG rendered here), the case timeline, the fleet's KPIs and water balance, and when there is one
// a drill's score card and the difference from a parent or compared run. No script, no external request: a
// Content-Security-Policy forbids every fetch, and styles and pictures are inline.
import type { RecordComparison, RecordManifest, RecordResults } from '../../simulation/record/index.ts';
import type { Twin } from '../../twin/district/build-twin.ts';
import { hyetographSvg, REPORT_FONT, riverStageSvg, sensorsSvg, waterBalanceSvg, type ChartText } from './charts.ts';
import { comparisonHtml, type ComparisonRole } from './comparison-section.ts';
import { DEPTH_CLASSES } from './depth-classes.ts';
import { depthMapSvg, type MapText } from './depth-map.ts';
import { ganttSvg, type CaseTimeline } from './gantt-chart.ts';
import { kpiTableHtml } from './kpi-table.ts';
import { reportPageHtml } from './report-page.ts';
import { ganttCases, keySensors, mapBase, type RecordSeries } from './report-data.ts';
import { area, clockHM, depthCm, duration, esc } from './report-format.ts';
import { tr, trMaybe, type Lang } from './report-strings.ts';
import { scenarioParagraphs } from './scenario-words.ts';
import { scoreCardHtml, type ScoreCard } from './score-card-section.ts';

/** Everything a report is made from, read from the record (and the district it ran on) by the caller. */
export interface ReportInput {
  manifest: RecordManifest;
  results: RecordResults;
  series: RecordSeries;
  cases: CaseTimeline[];
  twin: Twin;
  scoreCard: ScoreCard | null;
  /** For a fork: the comparison with its parent (other = A, this = B), or why there is none. */
  parent: { comparison: RecordComparison | null; note: string } | null;
  /** A record given to compare with (other = A, this = B). */
  compared: RecordComparison | null;
}

/** The report as one HTML document. Deterministic: the same input gives the same bytes. */
export function buildReportHtml(lang: Lang, input: ReportInput): string {
  const { manifest: m, results, series, twin } = input;
  const district = twin.district.manifest;
  const districtName = lang === 'zh' ? m.district.name : m.district.nameEn;
  const datum = district.river?.datum ?? '';
  const roadAlarmM = district.alarms?.roadDepthM ?? null;
  const modelled = m.district.modelledAssets || /modelled|flat/.test(m.district.terrain);
  const terrain = terrainWords(lang, m.district.terrain);
  const notice = modelled ? tr(lang, 'modelled', { terrain }) : tr(lang, 'terrainOnly', { terrain });
  const attribution = /openstreetmap/i.test(m.district.attribution)
    ? `${tr(lang, 'osmAttribution')} · ${m.district.attribution}`
    : m.district.attribution;
  const mapWords: Pick<MapText, 'north' | 'attribution' | 'modelled'> = {
    north: tr(lang, 'north'),
    attribution,
    modelled: modelled ? tr(lang, 'mapModelled') : tr(lang, 'terrainOnly', { terrain }),
  };
  const base = mapBase(twin, results);
  const chartText: ChartText = {
    time: tr(lang, 'time'),
    rainRate: tr(lang, 'rainRate'),
    rainTotal: tr(lang, 'rainTotal'),
    stage: tr(lang, 'stage'),
    wallCrest: tr(lang, 'wallCrest'),
    warning: tr(lang, 'warning'),
    depth: tr(lang, 'depth'),
    alert: tr(lang, 'alert'),
    alarm: tr(lang, 'alarm'),
  };
  const sections: string[] = [];
  const section = (id: string, title: string, body: string): void => {
    sections.push(`<section id="${id}"><h2>${esc(title)}</h2>\n${body}\n</section>`);
  };
  section(
    'scenario',
    tr(lang, 'secScenario'),
    scenarioParagraphs(lang, m, results, series, datum, roadAlarmM)
      .map((p) => `<p>${p}</p>`)
      .join('\n'),
  );
  const g = results.maxDepth;
  const maxDepthMap = depthMapSvg(g, g.values, DEPTH_CLASSES, base, {
    legendTitle: tr(lang, 'secMap'),
    classLabels: [tr(lang, 'classLt15'), tr(lang, 'class15to30'), tr(lang, 'class30to50'), tr(lang, 'classGt50')],
    uncoloured: tr(lang, 'dryLabel'),
    ariaLabel: tr(lang, 'mapAria', { district: districtName }),
    ...mapWords,
  });
  section(
    'map',
    tr(lang, 'secMap'),
    `<figure id="max-depth-map">${maxDepthMap}<figcaption>${esc(
      tr(lang, 'mapCaption', { alarm: depthCm(roadAlarmM), area: area(results.floodedAreaM2) }),
    )}</figcaption></figure>\n${hotspotTable(lang, input)}`,
  );
  section('rain', tr(lang, 'secRain'), hyetographSvg(series.tS, series.rainMmPerH, series.rainMm, chartText));
  section(
    'river',
    tr(lang, 'secRiver'),
    series.tS.length && series.stageM.some((v) => v !== 0)
      ? riverStageSvg(series.tS, series.stageM, series.wallCrestM, series.warningM, datum, chartText)
      : `<p>${esc(tr(lang, 'noRiver'))}</p>`,
  );
  section('sensors', tr(lang, 'secSensors'), sensorsHtml(lang, input, chartText));
  section('cases', tr(lang, 'secCases'), casesHtml(lang, input));
  section('kpis', tr(lang, 'secKpis'), kpiTableHtml(lang, results.kpis));
  section('water', tr(lang, 'secWater'), waterHtml(lang, results));
  if (input.scoreCard) section('score-card', tr(lang, 'secScore'), scoreCardHtml(lang, input.scoreCard));
  if (input.parent) {
    const p = m.parent!;
    const lead = tr(lang, 'forkLead', {
      parent: p.runId,
      at: clockHM(p.forkS),
      patch: Object.keys(p.patch).length ? JSON.stringify(p.patch) : tr(lang, 'noPatch'),
      n: p.commands,
      later: tr(lang, p.laterCommands === 'drop' ? 'later_drop' : 'later_keep'),
    });
    const body = input.parent.comparison
      ? comparisonSection(lang, input.parent.comparison, 'parent', base, mapWords)
      : `<p class="warn">${esc(input.parent.note)}</p>`;
    section('fork', tr(lang, 'secFork'), `<p>${esc(lead)}</p>\n${body}`);
  }
  if (input.compared)
    section('compare', tr(lang, 'secCompare'), comparisonSection(lang, input.compared, 'other', base, mapWords));
  const title = `${tr(lang, 'reportTitle')} · ${(lang === 'zh' ? m.scenario.title : m.scenario.titleEn) ?? m.scenario.name}`;
  return reportPageHtml({
    lang,
    title,
    subtitle: [
      districtName,
      tr(lang, 'recordLine', { runId: m.runId, code: m.codeVersion, date: m.wallClock.startedAt.slice(0, 10) }),
    ],
    notice,
    sections,
    attribution,
    footer: tr(lang, 'footer', { version: m.codeVersion }),
    style: STYLE,
  });
}

/** The manifest's terrain provenance (written in English by the loader) in the report's language. */
export function terrainWords(lang: Lang, provenance: string): string {
  const modelled = /^modelled by (.+)$/.exec(provenance);
  if (modelled) return tr(lang, 'terrainModelledBy', { file: modelled[1] });
  const flat = /^flat at (.+) m, as declared in district\.json$/.exec(provenance);
  if (flat) return tr(lang, 'terrainFlat', { m: flat[1] });
  const dem = /^DEM (.+)$/.exec(provenance);
  if (dem) return tr(lang, 'terrainDem', { dem: dem[1] });
  return provenance;
}

function comparisonSection(
  lang: Lang,
  cmp: RecordComparison,
  role: ComparisonRole,
  base: ReturnType<typeof mapBase>,
  words: Pick<MapText, 'north' | 'attribution' | 'modelled'>,
): string {
  return comparisonHtml(lang, cmp, role, base, words);
}

function hotspotTable(lang: Lang, input: ReportInput): string {
  const hours = new Map(input.results.kpis.hotspotWater.map((h) => [h.id, h.hoursAbove]));
  const byId = new Map(input.twin.district.hotspots.map((h) => [h.id, h]));
  const peaks = [...input.results.hotspotPeaks].sort((a, b) => b.peakDepthM - a.peakDepthM || a.id.localeCompare(b.id));
  const shown = peaks.slice(0, 15);
  const rows = shown
    .map((p) => {
      const h = byId.get(p.id);
      const name = lang === 'en' ? (h?.nameEn ?? p.name) : p.name;
      return `<tr><td>${esc(p.id)}</td><td>${esc(name)}</td><td>${esc(trMaybe(lang, `kind_${p.kind}`, p.kind))}</td><td class="n">${esc(depthCm(p.peakDepthM))}</td><td class="n">${esc(clockHM(p.firstWetS))}</td><td class="n">${esc(duration(lang, (hours.get(p.id) ?? NaN) * 3600))}</td></tr>`;
    })
    .join('\n');
  return `<p class="note">${esc(tr(lang, 'hotspotsNote', { n: shown.length, total: peaks.length }))}</p><table class="hotspots"><thead><tr><th>${esc(tr(lang, 'thHotspot'))}</th><th>${esc(tr(lang, 'thName'))}</th><th>${esc(tr(lang, 'thKind'))}</th><th>${esc(tr(lang, 'thPeak'))}</th><th>${esc(tr(lang, 'thFirstWet'))}</th><th>${esc(tr(lang, 'thHoursAbove'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function sensorsHtml(lang: Lang, input: ReportInput, text: ChartText): string {
  const key = keySensors(input.series);
  if (!key.length) return `<p>${esc(tr(lang, 'noSensors'))}</p>`;
  const names = new Map(input.twin.district.sensors.map((s) => [s.id, lang === 'en' ? (s.nameEn ?? s.name) : s.name]));
  const cm = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);
  const distinct = (vs: (number | null)[]): number[] =>
    [...new Set(vs.filter((v): v is number => v !== null).map((v) => cm(v)!))].sort((a, b) => a - b);
  const roadWater = input.series.sensors.filter((s) => s.kind === 'roadWater').length;
  return [
    `<p class="note">${esc(tr(lang, 'sensorsNote', { n: key.length, total: roadWater }))}</p>`,
    sensorsSvg(
      input.series.tS,
      key.map((s) => ({ label: `${s.id} ${names.get(s.id) ?? ''}`.trim(), values: s.values.map(cm) })),
      { alert: distinct(key.map((s) => s.alertAt)), alarm: distinct(key.map((s) => s.alarmAt)) },
      'cm',
      text,
    ),
  ].join('\n');
}

function casesHtml(lang: Lang, input: ReportInput): string {
  if (!input.cases.length) return `<p>${esc(tr(lang, 'noCases'))}</p>`;
  const shown = ganttCases(input.cases);
  return [
    `<p class="note">${esc(tr(lang, 'ganttNote', { shown: shown.length, total: input.cases.length }))}</p>`,
    ganttSvg(shown, input.manifest.reachedS, {
      time: tr(lang, 'time'),
      phases: {
        waiting: tr(lang, 'toDispatch'),
        driving: tr(lang, 'driving'),
        settingUp: tr(lang, 'settingUp'),
        pumping: tr(lang, 'pumping'),
      },
      ended: tr(lang, 'ended'),
    }),
  ].join('\n');
}

function waterHtml(lang: Lang, results: RecordResults): string {
  const l = results.ledger;
  const rows = [
    { label: tr(lang, 'wbRain'), m3: l.rainM3, colour: '#3b7dd8' },
    { label: tr(lang, 'wbInflow'), m3: l.boundaryInM3 + l.inflowM3, colour: '#6baed6' },
    { label: tr(lang, 'wbDrained'), m3: l.drainedM3, colour: '#2ca02c' },
    { label: tr(lang, 'wbInfiltrated'), m3: l.infiltratedM3, colour: '#8c6d31' },
    { label: tr(lang, 'wbPumped'), m3: l.pumpedM3, colour: '#f07a00' },
    { label: tr(lang, 'wbOut'), m3: l.boundaryOutM3, colour: '#7f7f7f' },
    { label: tr(lang, 'wbStored'), m3: l.storedM3 - l.stored0M3, colour: '#c8102e' },
  ];
  return [
    waterBalanceSvg(rows),
    `<p class="note">${esc(
      tr(lang, 'wbNote', { err: Number.isFinite(l.relativeError) ? l.relativeError.toExponential(1) : '—' }),
    )}</p>`,
  ].join('\n');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f6f5f2;color:#1e1e1e;font-family:${REPORT_FONT};font-size:14px;line-height:1.55}
main{max-width:1140px;margin:0 auto;padding:24px 20px 40px;background:#fff}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #1f5f99}
.sub{color:#555;margin:0}
.notice{background:#fff4e5;border-left:4px solid #d97a00;padding:6px 10px;margin:10px 0 0}
.warn{background:#fdecea;border-left:4px solid #c8102e;padding:6px 10px}
.note{color:#555;font-size:13px}
figure{margin:0}
figcaption{color:#555;font-size:13px;margin-top:4px}
svg{display:block;max-width:none}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}
th{background:#eef3f8}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.good{color:#1a7f37;font-weight:bold}
td.bad{color:#c8102e;font-weight:bold}
.score{font-size:18px}
.score-value{font-size:40px;font-weight:bold;color:#1f5f99}
html[lang=en] body{font-family:"Helvetica Neue",Arial,${REPORT_FONT}}
footer{margin-top:32px;color:#666;font-size:12px;border-top:1px solid #ddd}
@media print{body{background:#fff}main{padding:0}section{break-inside:avoid-page}}
`;
