// The difference between the reported run and another record (a fork's parent, or one given with --compare) as a
// report section: KPIs side by side, the hotspots that changed, and the map of the difference in maximum depth.
import type { RecordComparison } from '../../simulation/record/index.ts';
import { classOf, DIFFERENCE_CLASSES } from './depth-classes.ts';
import { depthMapSvg, type MapBase, type MapText } from './depth-map.ts';
import { kpiCell, kpiLabel } from './kpi-table.ts';
import { area, clockHM, depthCm, esc, signed, signedDuration } from './report-format.ts';
import { tr, type Lang } from './report-strings.ts';

/** Which other record this is: the fork's parent, or a record given to compare with. */
export type ComparisonRole = 'parent' | 'other';

/** The section body. `cmp` has the other record as A and the reported run as B (differences: this − other). */
export function comparisonHtml(
  lang: Lang,
  cmp: RecordComparison,
  role: ComparisonRole,
  base: MapBase,
  mapText: Pick<MapText, 'north' | 'attribution' | 'modelled'>,
): string {
  const roleName = tr(lang, role === 'parent' ? 'roleParent' : 'roleOther');
  const out: string[] = [
    `<p>${esc(tr(lang, 'cmpLead', { role: roleName, name: cmp.a.name, runId: cmp.a.runId }))}</p>`,
    ...cmp.warnings.map((w) => `<p class="warn">${esc(w)}</p>`),
  ];
  const kpiRows = cmp.kpis
    .map((k) => {
      const better =
        k.better === 'b'
          ? tr(lang, 'thThis')
          : k.better === 'a'
            ? roleName
            : k.better === 'same'
              ? tr(lang, 'better_same')
              : '';
      const cls = k.better === 'b' ? 'good' : k.better === 'a' ? 'bad' : '';
      const diff =
        k.unit === 's'
          ? signedDuration(lang, k.difference)
          : k.unit === 'share'
            ? signed(k.difference === null ? null : k.difference * 100, '%')
            : signed(k.difference, k.unit === 'cases' ? '' : k.unit, k.unit === 'm²' ? 0 : k.digits);
      return `<tr><td>${esc(kpiLabel(lang, k.name))}</td><td class="n">${kpiCell(lang, k.a, k.unit)}</td><td class="n">${kpiCell(lang, k.b, k.unit)}</td><td class="n">${esc(diff)}</td><td class="${cls}">${esc(better)}</td></tr>`;
    })
    .join('\n');
  out.push(
    `<table class="kpis"><thead><tr><th>${esc(tr(lang, 'thKpi'))}</th><th>${esc(roleName)}</th><th>${esc(tr(lang, 'thThis'))}</th><th>${esc(tr(lang, 'thDifference'))}</th><th>${esc(tr(lang, 'thBetter'))}</th></tr></thead><tbody>${kpiRows}</tbody></table>`,
  );
  const d = cmp.maxDepth;
  out.push(
    `<p>${esc(
      tr(lang, 'diffFacts', {
        wetter: area(d.wetterAreaM2),
        drier: area(d.drierAreaM2),
        rise: signed(d.maxRiseM * 100, 'cm'),
        fall: signed(d.maxFallM * 100, 'cm'),
      }),
    )}</p>`,
  );
  const diffBase: MapBase = {
    ...base,
    hotspots: base.hotspots.map((h) => {
      const hc = cmp.hotspots.find((x) => x.id === h.id);
      const k = classOf(DIFFERENCE_CLASSES, hc?.peakDifferenceM ?? NaN);
      return { ...h, colour: k < 0 ? '#ffffff' : DIFFERENCE_CLASSES[k].colour };
    }),
  };
  out.push(
    `<figure>${depthMapSvg(d, d.differenceM, DIFFERENCE_CLASSES, diffBase, {
      legendTitle: tr(lang, 'diffLegend', { role: roleName }),
      classLabels: [
        tr(lang, 'diffLtM30'),
        tr(lang, 'diffM30toM10'),
        tr(lang, 'diffM10toM2'),
        tr(lang, 'diffP2toP10'),
        tr(lang, 'diffP10toP30'),
        tr(lang, 'diffGtP30'),
      ],
      uncoloured: tr(lang, 'diffUncoloured'),
      ariaLabel: tr(lang, 'diffLegend', { role: roleName }),
      ...mapText,
    })}</figure>`,
  );
  const changed = cmp.hotspots
    .filter((h) => Math.abs(h.peakDifferenceM ?? 0) > 0.02 || (h.firstWetDifferenceS ?? 0) !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.peakDifferenceM ?? 0) - Math.abs(a.peakDifferenceM ?? 0) ||
        Math.abs(b.firstWetDifferenceS ?? 0) - Math.abs(a.firstWetDifferenceS ?? 0) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, 15);
  if (!changed.length) out.push(`<p>${esc(tr(lang, 'noHotspotChange'))}</p>`);
  else
    out.push(
      `<p class="note">${esc(tr(lang, 'hotspotDiffNote', { n: changed.length }))}</p>`,
      `<table class="hotspots"><thead><tr><th>${esc(tr(lang, 'thHotspot'))}</th><th>${esc(tr(lang, 'thName'))}</th><th>${esc(roleName)}</th><th>${esc(tr(lang, 'thThis'))}</th><th>${esc(tr(lang, 'thPeakDiff'))}</th><th>${esc(tr(lang, 'thFirstWet'))}</th><th>${esc(tr(lang, 'thWetDiff'))}</th></tr></thead><tbody>${changed
        .map(
          (h) =>
            `<tr><td>${esc(h.id)}</td><td>${esc(h.name)}</td><td class="n">${esc(depthCm(h.peakA))}</td><td class="n">${esc(depthCm(h.peakB))}</td><td class="n">${esc(signed(h.peakDifferenceM === null ? null : h.peakDifferenceM * 100, 'cm'))}</td><td class="n">${esc(`${clockHM(h.firstWetA)} → ${clockHM(h.firstWetB)}`)}</td><td class="n">${esc(signedDuration(lang, h.firstWetDifferenceS))}</td></tr>`,
        )
        .join('\n')}</tbody></table>`,
    );
  return out.join('\n');
}
