// Public face of drills: a drill's command script (read, checked, fed to a run; a plan's dispatches as a script),
// cases of two runs matched by what opened them, and the score card against the automatic plan.
export {
  DrillFeeder,
  dispatchesAsCommands,
  parseDrillScript,
  type CommandLineProblem,
  type DrillScriptContext,
  type DrillScriptText,
  type TimedCommand,
} from './drill-commands.ts';
export { drillScore, SCORE_FORMULA, type ScoreInputs } from './drill-score.ts';
export { casesOfRun, matchCases, type CasePair, type CaseResponse, type DrillCase } from './match-cases.ts';
export {
  buildScoreCard,
  hhmm,
  type CaseVerdict,
  type ScoreCard,
  type ScoreCardCase,
  type ScoreCardInput,
  type ScoreCardKpi,
  type ScoredRun,
} from './score-card.ts';
