// One self-contained HTML report of an ensemble, in Chinese or English, like the run report (same maps, charts, styles
// and no-fetch policy): the setup, the probability maps, the median and 90th-percentile maximum-depth maps, hotspot
// and fleet-option distributions, the fleet-size curve with its recommendation, and the members.
import type { EnsembleResult, EnsembleSpec } from '../../../simulation/ensemble/index.ts';
import type { Twin } from '../../../twin/district/build-twin.ts';
import { terrainWords } from '../build-report.ts';
import { REPORT_FONT } from '../charts.ts';
import { DEPTH_CLASSES, PROBABILITY_CLASSES } from '../depth-classes.ts';
import { depthMapSvg, type MapGrid, type MapText } from '../depth-map.ts';
import { districtMapBase } from '../report-data.ts';
import { reportPageHtml } from '../report-page.ts';
import { area, depthCm, esc } from '../report-format.ts';
import { tr, type Lang } from '../report-strings.ts';
import { etr } from './ensemble-strings.ts';
import { curvesHtml, fleetOptionsHtml, hotspotsHtml, membersHtml, setupHtml } from './ensemble-sections.ts';

/** Everything the report is made from, read from the ensemble's outputs and the district by the caller. */
export interface EnsembleReportInput {
  result: EnsembleResult;
  spec: EnsembleSpec;
  /** The maps of `result.maps`, in that order (row 0 north, on `result.grid`). */
  maps: Float32Array[];
  /** The district built at the members' cell size (for walls on the maps). */
  twin: Twin;
  /** The district as the members' records describe it. */
  district: { name: string; nameEn: string; terrain: string; modelledAssets: boolean; attribution: string };
  codeVersion: string;
}

/** The report as one HTML document. Deterministic: the same input gives the same bytes. */
export function buildEnsembleReportHtml(lang: Lang, input: EnsembleReportInput): string {
  const { result, spec, twin, district } = input;
  const districtName = lang === 'zh' ? district.name : district.nameEn;
  const terrain = terrainWords(lang, district.terrain);
  const modelled = district.modelledAssets || /modelled|flat/.test(district.terrain);
  const notice = modelled ? tr(lang, 'modelled', { terrain }) : tr(lang, 'terrainOnly', { terrain });
  const attribution = /openstreetmap/i.test(district.attribution)
    ? `${tr(lang, 'osmAttribution')} · ${district.attribution}`
    : district.attribution;
  const alarmM = twin.district.manifest.alarms?.roadDepthM ?? null;
  const hotspotAlarmM = twin.district.manifest.alarms?.hotspotDepthM ?? alarmM;
  const sections: string[] = [];
  const section = (id: string, title: string, body: string): void => {
    sections.push(`<section id="${id}"><h2>${esc(title)}</h2>\n${body}\n</section>`);
  };
  section('setup', etr(lang, 'secSetup'), setupHtml(lang, result, spec, result.grid?.cellM ?? null));
  const grid = result.grid;
  if (grid && result.counts.completed) {
    const medians = new Map(result.hotspots.map((h) => [h.id, h.peakDepthM.median ?? NaN]));
    const base = districtMapBase(twin, grid, (id) => medians.get(id) ?? NaN);
    const words: Pick<MapText, 'north' | 'attribution' | 'modelled'> = {
      north: tr(lang, 'north'),
      attribution,
      modelled: modelled ? tr(lang, 'mapModelled') : tr(lang, 'terrainOnly', { terrain }),
    };
    const dots = `<p class="note">${esc(etr(lang, 'hotspotDotsNote'))}</p>`;
    const prob: string[] = [];
    const quant: string[] = [];
    result.maps.forEach((m, i) => {
      const values = input.maps[i];
      if (m.thresholdM !== undefined) {
        const d = depthCm(m.thresholdM);
        const svg = depthMapSvg(grid, values, PROBABILITY_CLASSES, base, {
          legendTitle: etr(lang, 'probLegend', { d }),
          classLabels: [etr(lang, 'probLt25'), etr(lang, 'prob25to50'), etr(lang, 'prob50to75'), etr(lang, 'probGe75')],
          uncoloured: etr(lang, 'probNever'),
          ariaLabel: etr(lang, 'probAria', { district: districtName, d }),
          ...words,
        });
        const caption = etr(lang, 'probCaption', {
          n: result.counts.completed,
          d,
          half: area(cellsArea(grid, values, (v) => v >= 0.5)),
          all: area(cellsArea(grid, values, (v) => v >= 1)),
        });
        prob.push(
          `<figure id="map-${m.file.replace('.tif', '')}" data-file="${esc(m.file)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`,
        );
      } else if (m.quantile !== undefined) {
        const q = Math.round(m.quantile * 100);
        const svg = depthMapSvg(grid, values, DEPTH_CLASSES, base, {
          legendTitle: etr(lang, 'quantLegend', { q }),
          classLabels: [tr(lang, 'classLt15'), tr(lang, 'class15to30'), tr(lang, 'class30to50'), tr(lang, 'classGt50')],
          uncoloured: tr(lang, 'dryLabel'),
          ariaLabel: etr(lang, 'quantAria', { district: districtName, q }),
          ...words,
        });
        const deep = alarmM === null ? NaN : cellsArea(grid, values, (v) => v > alarmM);
        const caption = etr(lang, 'quantCaption', { q, alarm: depthCm(alarmM), area: area(deep) });
        quant.push(
          `<figure id="map-${m.file.replace('.tif', '')}" data-file="${esc(m.file)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`,
        );
      }
    });
    section('probability', etr(lang, 'secProb'), [dots, ...prob].join('\n'));
    section('quantiles', etr(lang, 'secQuant'), [dots, ...quant].join('\n'));
    section('hotspots', etr(lang, 'secHotspots'), hotspotsHtml(lang, result, twin, hotspotAlarmM));
    section('fleet', etr(lang, 'secFleet'), fleetOptionsHtml(lang, result, spec.aggregate.kpis));
    section('curve', etr(lang, 'secCurve'), curvesHtml(lang, result, spec));
  } else section('probability', etr(lang, 'secProb'), `<p class="warn">${esc(etr(lang, 'noCompleted'))}</p>`);
  section('members', etr(lang, 'secMembers'), membersHtml(lang, result));
  const name = (lang === 'zh' ? result.title : result.titleEn) ?? result.title ?? result.ensemble;
  const title = `${etr(lang, 'title')} · ${name}`;
  const sub = etr(lang, 'sub', {
    name: result.ensemble,
    members: result.counts.members,
    completed: result.counts.completed,
    failed: result.counts.failed,
    code: input.codeVersion,
  });
  return reportPageHtml({
    lang,
    title,
    subtitle: [districtName, sub],
    notice,
    sections,
    attribution,
    footer: etr(lang, 'footer', { version: input.codeVersion }),
    style: STYLE,
  });
}

/** The area (m²) of the cells whose value satisfies `test` (NaN cells never do). */
function cellsArea(grid: MapGrid, values: Float32Array, test: (v: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && test(values[i])) n++;
  return n * grid.cellM * grid.cellM;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f6f5f2;color:#1e1e1e;font-family:${REPORT_FONT};font-size:14px;line-height:1.55}
main{max-width:1140px;margin:0 auto;padding:24px 20px 40px;background:#fff}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #1f5f99}
h3{font-size:15px;margin:16px 0 4px}
.sub{color:#555;margin:0}
.notice{background:#fff4e5;border-left:4px solid #d97a00;padding:6px 10px;margin:10px 0 0}
.warn{background:#fdecea;border-left:4px solid #c8102e;padding:6px 10px}
.note{color:#555;font-size:13px}
.recommend{font-size:20px;font-weight:bold;color:#b35900;margin:8px 0 2px}
figure{margin:0 0 18px}
figcaption{color:#555;font-size:13px;margin-top:4px}
svg{display:block;max-width:none}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}
th{background:#eef3f8}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.failed td{color:#c8102e}
html[lang=en] body{font-family:"Helvetica Neue",Arial,${REPORT_FONT}}
footer{margin-top:32px;color:#666;font-size:12px;border-top:1px solid #ddd}
@media print{body{background:#fff}main{padding:0}section{break-inside:avoid-page}}
`;
