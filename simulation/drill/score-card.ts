// The score card of a drill (rivertwin.score-card/1): the operator's run against the automatic plan on the same
// scenario and seed — the fleet's KPIs side by side, case by case what each did, and one overall score. Pure: built
// from the two runs' events and KPIs, so the CLI, the server and the browser make the same card.
import type { FleetKpis } from '../fleet/index.ts';
import type { RunEvent } from '../scenario/index.ts';
import { drillScore, SCORE_FORMULA } from './drill-score.ts';
import { casesOfRun, matchCases, type CasePair, type CaseResponse } from './match-cases.ts';

/** One KPI of both runs. `difference` is operator − plan; `better` says whose value is better by `lowerIsBetter`. */
export interface ScoreCardKpi {
  name: string;
  unit: string;
  operator: number | null;
  plan: number | null;
  difference: number | null;
  better: 'operator' | 'plan' | 'same';
  lowerIsBetter: boolean;
}

/** How the operator did on one case against the plan. */
export type CaseVerdict = 'missed' | 'late' | 'on-time' | 'better' | 'plan-missed';

/** One case either run sent a truck to. */
export interface ScoreCardCase {
  /** The drill's case id, or `plan:<id>` for a case only the plan's run opened. */
  caseId: string;
  hotspotId: string | null;
  lonLat: [number, number] | null;
  /** When it opened in the drill (in the plan's run for a case only it opened), s. */
  openedS: number;
  operator: CaseResponse | null;
  plan: CaseResponse | null;
  verdict: CaseVerdict;
  /**
   * The operator's wait − the plan's, s (each from the case's opening in its run to the truck's arrival, or to the
   * end): time lost, negative when gained; null when the case opened in one run only.
   */
  lostS: number | null;
  text: string;
}

/** The score card. */
export interface ScoreCard {
  format: 'rivertwin.score-card/1';
  scenario: string;
  seed: number;
  /** 0–100 by `formula`. */
  score: number;
  formula: string;
  kpis: ScoreCardKpi[];
  cases: ScoreCardCase[];
}

/** One run as the card reads it: its events and its final KPIs. */
export interface ScoredRun {
  events: readonly RunEvent[];
  kpis: FleetKpis;
}

/** What a card is built from. Both runs must be of the same scenario, seed and length. */
export interface ScoreCardInput {
  scenario: string;
  seed: number;
  /** End of the runs (s): where unserved cases stop counting. */
  endS: number;
  controlStepS: number;
  operator: ScoredRun;
  plan: ScoredRun;
}

/** The fleet KPIs on the card: name, unit, whether lower is better, rounding (decimals). */
const KPI_ROWS: [keyof FleetKpis, string, boolean, number][] = [
  ['casesOpened', 'cases', true, 0],
  ['casesDispatched', 'cases', false, 0],
  ['casesServed', 'cases', false, 0],
  ['casesUnserved', 'cases', true, 0],
  ['casesCleared', 'cases', false, 0],
  ['casesOpenAtEnd', 'cases', true, 0],
  ['escalated', 'cases', true, 0],
  ['meanToDispatchS', 's', true, 1],
  ['meanToArriveS', 's', true, 1],
  ['medianToArriveS', 's', true, 1],
  ['meanToClearS', 's', true, 1],
  ['caseHoursWaiting', 'h', true, 3],
  ['hotspotWaterHours', 'h', true, 3],
  ['pumpedM3', 'm³', false, 1],
  ['roadKmHoursClosed', 'km·h', true, 3],
  ['meanReachableShare', 'share', false, 3],
];

/**
 * Builds the card. A case is on it when either run sent a truck to it; verdicts compare waits for a truck, within
 * two control steps (at least 2 min) of the plan's counting as on time. A case only the plan's run opened is on time:
 * it never opened in the drill, so there was nothing to miss.
 */
export function buildScoreCard(input: ScoreCardInput): ScoreCard {
  const pairs = matchCases(casesOfRun(input.operator.events), casesOfRun(input.plan.events));
  const onTimeS = Math.max(120, 2 * input.controlStepS);
  const cases = pairs.filter((p) => p.operator?.response || p.plan?.response).map((p) => caseRow(p, input, onTimeS));
  // The contested cases: in both runs, and reached by at least one truck.
  const contested = pairs.filter(
    (p) => p.operator && p.plan && (p.operator.response?.arrivedS != null || p.plan.response?.arrivedS != null),
  );
  const waitH = (side: 'operator' | 'plan'): number =>
    contested.reduce((sum, p) => sum + ((p[side]!.response?.arrivedS ?? input.endS) - p[side]!.openedS), 0) / 3600;
  const reached = (c: CasePair['plan']): boolean => c?.response?.arrivedS != null;
  const score = drillScore({
    waitOperatorH: waitH('operator'),
    waitPlanH: waitH('plan'),
    contestedCases: contested.length,
    waterOperatorH: input.operator.kpis.hotspotWaterHours,
    waterPlanH: input.plan.kpis.hotspotWaterHours,
    hotspots: Math.max(input.operator.kpis.hotspotWater.length, input.plan.kpis.hotspotWater.length),
    missed: contested.filter((p) => reached(p.plan) && !reached(p.operator)).length,
    planServed: contested.filter((p) => reached(p.plan)).length,
    controlStepS: input.controlStepS,
  });
  return {
    format: 'rivertwin.score-card/1',
    scenario: input.scenario,
    seed: input.seed,
    score,
    formula: SCORE_FORMULA,
    kpis: KPI_ROWS.map(([name, unit, lowerIsBetter, digits]) =>
      kpiRow(name, unit, lowerIsBetter, digits, input.operator.kpis, input.plan.kpis),
    ),
    cases,
  };
}

function kpiRow(
  name: keyof FleetKpis,
  unit: string,
  lowerIsBetter: boolean,
  digits: number,
  operator: FleetKpis,
  plan: FleetKpis,
): ScoreCardKpi {
  const value = (k: FleetKpis): number | null => {
    const v = k[name];
    return typeof v === 'number' && Number.isFinite(v) ? roundTo(v, digits) : null;
  };
  const o = value(operator);
  const p = value(plan);
  const difference = o !== null && p !== null ? roundTo(o - p, digits) : null;
  let better: ScoreCardKpi['better'] = 'same';
  if (difference !== null && difference !== 0) better = difference < 0 === lowerIsBetter ? 'operator' : 'plan';
  return { name, unit, operator: o, plan: p, difference, better, lowerIsBetter };
}

function caseRow(pair: CasePair, input: ScoreCardInput, onTimeS: number): ScoreCardCase {
  const { operator: oc, plan: pc } = pair;
  const c = (oc ?? pc)!;
  const o = oc?.response ?? null;
  const p = pc?.response ?? null;
  const oArrived = o?.arrivedS != null;
  const pArrived = p?.arrivedS != null;
  // Waits, not clock times: a case that opened later in one run cannot be served sooner there for that alone.
  const waitS = (k: CasePair['plan'], r: CaseResponse | null): number => (r?.arrivedS ?? input.endS) - k!.openedS;
  const lostS = oc && pc ? roundTo(waitS(oc, o) - waitS(pc, p), 1) : null;
  let verdict: CaseVerdict;
  if (!oc) verdict = 'on-time';
  else if (oArrived && pArrived) verdict = lostS! > onTimeS ? 'late' : lostS! < -onTimeS ? 'better' : 'on-time';
  else if (pArrived) verdict = 'missed';
  else if (oArrived) verdict = 'plan-missed';
  // Neither truck got there: judged by who tried (a case only the drill opened: the operator tried).
  else if (p && !o) verdict = 'missed';
  else if (o && !p) verdict = pc ? 'plan-missed' : 'missed';
  else verdict = 'on-time';
  const caseId = oc ? oc.caseId : `plan:${pc!.caseId}`;
  const you = oc ? sentence('you', o) : 'your run opened no such case';
  // Said when the plan's case opened at another minute, so a wait compared across the runs reads right.
  const planOpened =
    oc && pc && hhmm(oc.openedS) !== hhmm(pc.openedS) ? `, whose case opened at ${hhmm(pc.openedS)},` : '';
  const plan = pc ? sentence(`the plan${planOpened}`, p) : "the plan's run opened no such case";
  const tail =
    lostS !== null && oArrived && pArrived && verdict !== 'on-time'
      ? ` (a wait ${Math.round(Math.abs(lostS) / 60)} min ${lostS > 0 ? 'longer' : 'shorter'} than the plan's)`
      : '';
  return {
    caseId,
    hotspotId: c.source === 'hotspot' ? c.sourceId : null,
    lonLat: c.lonLat,
    openedS: c.openedS,
    operator: o,
    plan: p,
    verdict,
    lostS,
    text: `${caseId}: ${you}; ${plan}${tail}`,
  };
}

function sentence(who: string, r: CaseResponse | null): string {
  if (!r) return `${who} sent no truck`;
  const arrival = r.arrivedS != null ? `arriving ${hhmm(r.arrivedS)}` : 'which never arrived';
  return `${who} sent ${r.truckId} at ${hhmm(r.dispatchedS)}, ${arrival}`;
}

/** Time from the run start as hh:mm, to the nearest minute. */
export function hhmm(tS: number): string {
  const m = Math.round(tS / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function roundTo(v: number, digits: number): number {
  const s = 10 ** digits;
  return Math.round(v * s) / s;
}
