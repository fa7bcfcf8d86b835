// A drill's score card as a terminal table: the score and its formula, the fleet's KPIs side by side, and case by
// case what the operator did against the plan (the late and missed ones first).
import type { CaseVerdict, ScoreCard } from '../../simulation/drill/index.ts';

const VERDICT_ORDER: CaseVerdict[] = ['missed', 'late', 'plan-missed', 'better', 'on-time'];
const VERDICT_WORDS: Record<CaseVerdict, string> = {
  missed: 'missed',
  late: 'late',
  'plan-missed': 'the plan missed',
  better: 'sooner than the plan',
  'on-time': 'on time',
};

/** The card as lines of text; `planPolicy` names the automatic policy it was scored against. */
export function scoreCardText(card: ScoreCard, planPolicy: string): string {
  const lines = [
    `drill on ${card.scenario} (seed ${card.seed}): score ${card.score} / 100 against the ${planPolicy} plan`,
  ];
  const rows = card.kpis.map((k) => {
    const minutes = k.unit === 's';
    const show = (v: number | null, sign = false): string => {
      if (v === null) return '—';
      const x = minutes ? Math.round((v / 60) * 10) / 10 : v;
      return `${sign && x > 0 ? '+' : ''}${x.toLocaleString('en-US', { maximumFractionDigits: 3 })}`;
    };
    const better = k.better === 'same' ? 'same' : k.better === 'operator' ? 'you better' : 'plan better';
    return [k.name, minutes ? 'min' : k.unit, show(k.operator), show(k.plan), show(k.difference, true), better];
  });
  const head = ['KPI', 'unit', 'you', 'plan', 'difference', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]): string =>
    '  ' +
    r
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  lines.push('', fmt(head), ...rows.map(fmt));
  const counts = VERDICT_ORDER.map((v) => [v, card.cases.filter((c) => c.verdict === v).length] as const);
  lines.push(
    '',
    `  cases a truck was sent to: ${card.cases.length} (${counts
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${VERDICT_WORDS[v]}`)
      .join(', ')})`,
  );
  const ordered = [...card.cases].sort(
    (a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || a.openedS - b.openedS,
  );
  for (const c of ordered) lines.push(`  ${c.verdict.padEnd(11)} ${c.text}`);
  lines.push('', `  formula: ${card.formula}`);
  return lines.join('\n') + '\n';
}
