// The drill desk's pure parts: the operator command events of a run merged from its history and its live stream
// (each once, in sequence order), and the cases of a score card where the operator lost time, to mark on the map.
import type { ScoreCard } from '../../../simulation/drill/score-card.ts';
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';

/** Events that belong in the desk's command log: commands accepted or rejected, and pump commands' effects. */
export function isCommandEvent(e: RunEvent): boolean {
  return e.type === 'command.accepted' || e.type === 'command.rejected';
}

/** `known` with the command events of `incoming` added, each sequence number once, in sequence order. */
export function mergeCommandEvents(known: readonly RunEvent[], incoming: readonly RunEvent[]): RunEvent[] {
  const bySeq = new Map<number, RunEvent>();
  for (const e of known) bySeq.set(e.seq, e);
  for (const e of incoming) if (isCommandEvent(e)) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A case where the operator lost time against the plan, where it is, and how much (s; null when not comparable). */
export interface LostCase {
  caseId: string;
  lonLat: [number, number];
  lostS: number | null;
  verdict: 'missed' | 'late';
  text: string;
}

/**
 * The cases of a score card where time was lost: missed (the operator's truck never got there) or late (the operator's
 * wait longer than the plan's), those with a place only; most time lost first, those not comparable (null) first.
 */
export function lostTimeCases(card: ScoreCard): LostCase[] {
  const out: LostCase[] = [];
  for (const c of card.cases) {
    if ((c.verdict !== 'missed' && c.verdict !== 'late') || !c.lonLat) continue;
    out.push({ caseId: c.caseId, lonLat: c.lonLat, lostS: c.lostS, verdict: c.verdict, text: c.text });
  }
  return out.sort(
    (a, b) => (b.lostS ?? Infinity) - (a.lostS ?? Infinity) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  );
}
