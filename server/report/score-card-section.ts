// A drill's score card (rivertwin.score-card/1, written beside the record as score-card.json) as a report section:
// the overall score and its formula, each KPI of operator and plan with the difference, and case by case what the
// operator did against the plan, told in the report's language from the card's own times.
import type { ScoreCard, ScoreCardCase } from '../../simulation/drill/index.ts';
import { clockHM, esc, num, signed, signedDuration } from './report-format.ts';
import { tr, trMaybe, type Lang } from './report-strings.ts';
import { kpiCell, kpiLabel } from './kpi-table.ts';

/** The score card as the drill writes it (simulation/drill), and how a truck answered a case in one run. */
export type { ScoreCard };
type ScoreCardResponse = NonNullable<ScoreCardCase['operator']>;

/**
 * Parses score-card.json.
 * @throws Error naming the file and what is wrong with it
 */
export function parseScoreCard(text: string, file: string): ScoreCard {
  let card: ScoreCard;
  try {
    card = JSON.parse(text) as ScoreCard;
  } catch {
    throw new Error(`${file} is not valid JSON; write it again with rivertwin drill`);
  }
  if (card?.format !== 'rivertwin.score-card/1')
    throw new Error(`${file}: field "format" is not "rivertwin.score-card/1"; give a score card rivertwin drill wrote`);
  if (!Array.isArray(card.kpis) || !Array.isArray(card.cases) || typeof card.score !== 'number')
    throw new Error(
      `${file}: fields "score", "kpis" and "cases" are required; give a score card rivertwin drill wrote`,
    );
  return card;
}

/** The card as an HTML section body. */
export function scoreCardHtml(lang: Lang, card: ScoreCard): string {
  const kpiRows = card.kpis
    .map((k) => {
      const better = trMaybe(lang, `better_${k.better}`, k.better);
      const cls = k.better === 'operator' ? 'good' : k.better === 'plan' ? 'bad' : '';
      return `<tr><td>${esc(kpiLabel(lang, k.name))}</td><td class="n">${kpiCell(lang, k.operator, k.unit)}</td><td class="n">${kpiCell(lang, k.plan, k.unit)}</td><td class="n">${difference(lang, k.difference, k.unit)}</td><td class="${cls}">${esc(better)}</td></tr>`;
    })
    .join('\n');
  const caseRows = card.cases
    .map((c) => {
      const verdict = trMaybe(lang, `verdict_${c.verdict}`, c.verdict);
      const cls = c.verdict === 'missed' || c.verdict === 'late' ? 'bad' : c.verdict === 'better' ? 'good' : '';
      return `<tr><td>${esc(c.caseId)}</td><td>${esc(c.hotspotId ?? '—')}</td><td class="${cls}">${esc(verdict)}</td><td class="n">${esc(signedDuration(lang, c.lostS))}</td><td>${esc(caseText(lang, c))}</td></tr>`;
    })
    .join('\n');
  return [
    `<p>${esc(tr(lang, 'scoreLead', { scenario: card.scenario, seed: card.seed }))}</p>`,
    `<p class="score"><span class="score-value">${esc(num(card.score, 1))}</span> / 100 — ${esc(tr(lang, 'scoreTitle'))}</p>`,
    `<p class="formula"><b>${esc(tr(lang, 'scoreFormula'))}:</b> ${esc(card.formula)}</p>`,
    `<table class="kpis"><thead><tr><th>${esc(tr(lang, 'thKpi'))}</th><th>${esc(tr(lang, 'thOperator'))}</th><th>${esc(tr(lang, 'thPlan'))}</th><th>${esc(tr(lang, 'thDiffOpPlan'))}</th><th>${esc(tr(lang, 'thBetter'))}</th></tr></thead><tbody>${kpiRows}</tbody></table>`,
    card.cases.length
      ? `<table class="cases"><thead><tr><th>${esc(tr(lang, 'thCase'))}</th><th>${esc(tr(lang, 'thHotspot'))}</th><th>${esc(tr(lang, 'thVerdict'))}</th><th>${esc(tr(lang, 'thLost'))}</th><th>${esc(tr(lang, 'thWhat'))}</th></tr></thead><tbody>${caseRows}</tbody></table>`
      : '',
  ].join('\n');
}

function difference(lang: Lang, v: number | null, unit: string): string {
  if (unit === 's') return esc(signedDuration(lang, v));
  return esc(signed(v, unit === 'cases' ? '' : unit, unit === 'share' ? 3 : Number.isInteger(v ?? 0) ? 0 : 1));
}

/** "C007: you sent T03 at 01:12, arriving 01:21; the plan sent T05 at 01:05, arriving 01:09." */
export function caseText(lang: Lang, c: ScoreCard['cases'][number]): string {
  const o = c.operator;
  const p = c.plan;
  const arrive = (r: ScoreCardResponse): string =>
    r.arrivedS === null ? tr(lang, 'neverArrived') : clockHM(r.arrivedS);
  const params = {
    case: c.caseId,
    ot: o?.truckId ?? '',
    od: o ? clockHM(o.dispatchedS) : '',
    oa: o ? arrive(o) : '',
    pt: p?.truckId ?? '',
    pd: p ? clockHM(p.dispatchedS) : '',
    pa: p ? arrive(p) : '',
  };
  if (o && p) return tr(lang, 'caseBoth', params);
  if (p) return tr(lang, 'caseNoOperator', params);
  if (o) return tr(lang, 'caseNoPlan', params);
  return c.text;
}
