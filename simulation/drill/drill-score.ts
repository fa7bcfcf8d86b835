// The drill's one overall score (0–100) against the automatic plan on the same storm: how long the contested cases
// waited for a truck, how long the hotspots stood under water, and the cases the plan served that the operator missed.
// Never above 100: doing better than the plan on one part does not make up for doing worse on another.

/** What the score is computed from. */
export interface ScoreInputs {
  /** Σ over matched cases either run served of (arrival, or the end of the run) − opening, for each run (h). */
  waitOperatorH: number;
  waitPlanH: number;
  /** Number of those cases. */
  contestedCases: number;
  /** The fleet KPI hotspotWaterHours of each run (h), and the number of hotspots it sums over. */
  waterOperatorH: number;
  waterPlanH: number;
  hotspots: number;
  /** Matched cases the plan's truck reached and the operator's did not, and matched cases the plan's truck reached. */
  missed: number;
  planServed: number;
  /** The control step (s): one step is added to every wait, so a truck sent at the step a case opened still counts. */
  controlStepS: number;
}

/** The formula in words, as the score card and the README state it. */
export const SCORE_FORMULA =
  'score = 100 × min(1, W_plan / W_operator) × min(1, H_plan / H_operator) × (1 − missed / (2 × served_plan)), ' +
  'to one decimal. W: case-hours waiting over the cases matched between the two runs that either run served ' +
  '(from opening to the truck’s arrival, or to the end of the run), plus one control step per case. ' +
  'H: hotspot water-hours (the fleet KPI) plus one control step per hotspot; where a run cannot measure it (a ' +
  'command centre’s imported log holds no depths) its factor is left out (1). missed: those cases the plan’s truck ' +
  'reached and the operator’s never did; served_plan: those the plan’s truck reached (the factor is 1 when it ' +
  'reached none). Copying the plan’s dispatches scores 100; every late arrival, missed case or extra hour of water ' +
  'lowers it.';

/** The score (0–100, one decimal) by SCORE_FORMULA. */
export function drillScore(i: ScoreInputs): number {
  const stepH = i.controlStepS / 3600;
  const waitFloorH = stepH * i.contestedCases;
  const waterFloorH = stepH * i.hotspots;
  const wait = ratio(i.waitPlanH + waitFloorH, i.waitOperatorH + waitFloorH);
  // An imported log measures no water: an unknown is left out, never read as zero hours.
  const water =
    Number.isFinite(i.waterPlanH) && Number.isFinite(i.waterOperatorH)
      ? ratio(i.waterPlanH + waterFloorH, i.waterOperatorH + waterFloorH)
      : 1;
  const missed = i.planServed > 0 ? 1 - Math.min(i.missed, i.planServed) / (2 * i.planServed) : 1;
  return Math.round(1000 * wait * water * missed) / 10;
}

/** plan / operator capped at 1; 1 when both are nothing (nothing to do, nothing done wrong). */
function ratio(plan: number, operator: number): number {
  if (!(operator > 0)) return 1;
  return Math.max(0, Math.min(1, plan / operator));
}
