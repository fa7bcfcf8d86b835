// The ensemble report from known members on the Bund: both languages complete, every map's coloured cells exactly
// those of its grid's classes, the recommendation and its range as the aggregation computed them, hotspots, fleet
// options and a failed member with its error; self-contained and deterministic.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cellStats,
  ensembleResult,
  parseEnsemble,
  type EnsembleResult,
  type EnsembleSpec,
  type MemberOutcome,
} from '../../../simulation/ensemble/index.ts';
import { buildTwin, type Twin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { BUNDLED_DISTRICT } from '../../../server/http/app.ts';
import { classOf, DEPTH_CLASSES, PROBABILITY_CLASSES, type ColourClass } from '../../../server/report/index.ts';
import {
  buildEnsembleReportHtml,
  ensembleStringKeys,
  ensembleStringPair,
  type EnsembleReportInput,
} from '../../../server/report/ensemble/index.ts';

let twin: Twin;
let spec: EnsembleSpec;
let result: EnsembleResult;
let input: EnsembleReportInput;

beforeAll(async () => {
  twin = buildTwin(await loadDistrict(BUNDLED_DISTRICT), { cellM: 40 });
  spec = parseEnsemble({
    name: 'synthetic',
    title: '合成集合',
    titleEn: 'A synthetic ensemble',
    base: 'design-5y',
    axes: { rain: { returnPeriodsYears: [5, 100], durationsMin: [30] }, fleetSize: [2, 4, 8] },
    aggregate: { recommend: { kpi: 'caseHoursWaiting', bootstrap: 50 } },
  });
  const { nx, ny, cellM, x0, y0 } = twin.grid;
  const members: MemberOutcome[] = [];
  const depths: Float32Array[] = [];
  let k = 0;
  for (const rain of ['chicago-5y-30min', 'chicago-100y-30min'])
    for (const trucks of [2, 4, 8]) {
      k++;
      const id = `m00${k}`;
      const values = { rain, fleetSize: trucks };
      if (k === 3) {
        members.push({
          id,
          values,
          scenario: id,
          status: 'failed',
          error: 'pump station "P99" is not in the district',
        });
        continue;
      }
      const storm = rain.includes('100y') ? 2 : 1;
      // A depth field that grows eastwards, deeper in the bigger storm and a little shallower with more trucks.
      const d = new Float32Array(nx * ny);
      for (let i = 0; i < d.length; i++) d[i] = ((i % nx) / nx) * 0.4 * storm - trucks * 0.005;
      depths.push(d);
      members.push({
        id,
        values,
        scenario: id,
        status: 'completed',
        kpis: {
          casesUnserved: 30 * storm - 3 * trucks,
          meanToArriveS: 1200 + 300 * storm - 60 * trucks,
          hotspotWaterHours: 5 * storm - 0.2 * trucks,
          caseHoursWaiting: 10 * storm - trucks,
        },
        hotspots: twin.district.hotspots.map((h, j) => ({
          id: h.id,
          name: h.name,
          kind: h.kind,
          peakDepthM: j % 5 === 4 ? null : 0.05 * storm + (j % 7) * 0.06,
          firstWetS: j % 5 === 4 ? null : 600 + j * 60 - trucks * 10,
        })),
      });
    }
  const grid = { nx, ny, cellM, x0, y0 };
  result = ensembleResult(spec, { id: 'shanghai-bund', contentHash: 'x' }, grid, members, (id) => `members/${id}`);
  const stats = cellStats(depths, spec.aggregate.depthThresholdsM, spec.aggregate.quantiles);
  input = {
    result,
    spec,
    maps: [...stats.exceedance, ...stats.depthQuantiles],
    twin,
    district: {
      name: '外滩',
      nameEn: 'The Bund',
      terrain: 'modelled by terrain-rules.json',
      modelledAssets: true,
      attribution: '© OpenStreetMap contributors, ODbL 1.0',
    },
    codeVersion: 'test',
  };
}, 120_000);

/** Cells drawn in each class of a map figure: the run-length rectangles' widths summed, by data-class. */
function drawnCells(figure: string): number[] {
  const counts: number[] = [];
  for (const m of figure.matchAll(/<path d="([^"]*)" fill="[^"]+" data-class="(\d)"/g))
    counts[Number(m[2])] = [...m[1].matchAll(/h(\d+)v1/g)].reduce((s, r) => s + Number(r[1]), 0);
  return counts;
}

function expectedCells(values: Float32Array, classes: readonly ColourClass[]): number[] {
  const counts: number[] = [];
  for (const v of values) {
    const c = classOf(classes, v);
    if (c >= 0) counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}

function figure(html: string, file: string): string {
  const start = html.indexOf(`data-file="${file}"`);
  expect(start, file).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</figure>', start));
}

describe('ensemble report', () => {
  it('has every string in both languages, the Chinese in Chinese', () => {
    for (const key of ensembleStringKeys()) {
      const [zh, en] = ensembleStringPair(key);
      expect(zh.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
      expect(en, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(['zh', 'en'] as const)('draws every map cell by cell from its grid (%s)', (lang) => {
    const html = buildEnsembleReportHtml(lang, input);
    result.maps.forEach((m, i) => {
      const classes = m.thresholdM !== undefined ? PROBABILITY_CLASSES : DEPTH_CLASSES;
      const want = expectedCells(input.maps[i], classes);
      expect(
        want.some((n) => n > 0),
        m.file,
      ).toBe(true);
      expect(drawnCells(figure(html, m.file)), m.file).toEqual(want);
    });
    // More members flood past 15 cm than past 50 cm.
    const p15 = expectedCells(input.maps[0], PROBABILITY_CLASSES).reduce((a, b) => a + (b ?? 0), 0);
    const p50 = expectedCells(input.maps[2], PROBABILITY_CLASSES).reduce((a, b) => a + (b ?? 0), 0);
    expect(p15).toBeGreaterThan(p50);
  });

  it('says the recommendation, its rule and its bootstrap range as aggregated', () => {
    const curve = result.fleetSizeCurves[0];
    const r = curve.recommendation;
    expect(r.trucks).not.toBeNull();
    const zh = buildEnsembleReportHtml('zh', input);
    const en = buildEnsembleReportHtml('en', input);
    expect(en).toContain(`<p class="recommend" data-trucks="${r.trucks}">Recommendation: ${r.trucks} trucks</p>`);
    expect(zh).toContain(`<p class="recommend" data-trucks="${r.trucks}">建议：${r.trucks} 辆泵车</p>`);
    expect(en).toContain(`90 % range is ${r.bootstrap.low}–${r.bootstrap.high} trucks`);
    expect(en).toMatch(/largest fleet’s \(8 trucks\) × 1\.10/);
    for (const [size, share] of Object.entries(r.bootstrap.shares))
      expect(en).toContain(`${size}: ${Math.round(share * 100)} %`);
  });

  it('lists hotspots, fleet options and the failed member with its error, in each language', () => {
    for (const lang of ['zh', 'en'] as const) {
      const html = buildEnsembleReportHtml(lang, input);
      expect(html).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
      for (const id of ['setup', 'probability', 'quantiles', 'hotspots', 'fleet', 'curve', 'members'])
        expect(html, id).toContain(`<section id="${id}">`);
      const hotspotRows = html.slice(html.indexOf('<table class="hotspots">')).split('</table>')[0];
      expect(hotspotRows.match(/<tr>/g)).toHaveLength(twin.district.hotspots.length + 1);
      const fleetRows = html.slice(html.indexOf('<table class="fleet">')).split('</table>')[0];
      expect(fleetRows.match(/<tr>/g)).toHaveLength(result.fleetOptions.length + 1);
      expect(html).toContain('<tr class="failed"><td>m003</td>');
      expect(html).toContain('pump station &#34;P99&#34; is not in the district');
      expect(html).not.toMatch(/NaN|undefined|>null</);
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    }
    const en = buildEnsembleReportHtml('en', input);
    expect(en).toContain('Ensemble report · A synthetic ensemble');
    expect(en).toContain('2 trucks');
    const zh = buildEnsembleReportHtml('zh', input);
    expect(zh).toContain('集合推演报告 · 合成集合');
    expect(zh).toContain('2 辆泵车');
    expect(zh).toContain('5 个完成成员');
  });

  it('gives the same bytes for the same input', () => {
    expect(buildEnsembleReportHtml('en', input)).toBe(buildEnsembleReportHtml('en', input));
  });
});
