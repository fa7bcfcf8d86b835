// What a valid scenario may still get wrong without a word: a storm longer than the run (its rain cut off) or
// starting after the run ends. Said in text and JSON output alike.
import { hyetographFromSpec } from '../rain/index.ts';
import type { ScenarioSpec } from './scenario-spec.ts';

/** Warnings about a scenario, each one sentence. */
export function scenarioWarnings(spec: ScenarioSpec): string[] {
  const out: string[] = [];
  const h = hyetographFromSpec(spec.rain, 'scenario.rain');
  if (!h) return out;
  let total = 0;
  let inRun = 0;
  let lastRainS = 0;
  for (let i = 0; i < h.startS.length; i++) {
    const t0 = h.startS[i];
    const t1 = i + 1 < h.startS.length ? h.startS[i + 1] : h.endS;
    const rate = h.rateMmPerH[i];
    total += (rate * (t1 - t0)) / 3600;
    inRun += (rate * Math.max(0, Math.min(t1, spec.durationS) - t0)) / 3600;
    if (rate > 0) lastRainS = t1;
  }
  if (total > 0 && lastRainS > spec.durationS + 1e-6) {
    const share = Math.round((100 * inRun) / total);
    out.push(
      `the storm lasts ${hours(lastRainS)} but the run ${hours(spec.durationS)}: ${share} % of its ${Math.round(total)} mm falls in the run (give a longer durationS)`,
    );
  }
  return out;
}

function hours(s: number): string {
  return `${Math.round((s / 3600) * 10) / 10} h`;
}
