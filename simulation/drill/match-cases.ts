// The cases of two runs of one scenario side by side. Case ids are not shared between runs: they are numbered in
// opening order, and once the two responses differ the water, and the seeded hotline calls it draws, differ too, so
// C007 of the drill can be C009 of the plan. Cases are matched by what opened them instead: the same sensor or hotspot,
// the same street's hotline call, or an operator's report at the same place.
import type { XY } from '../../twin/types.ts';
import type { RunEvent } from '../scenario/index.ts';

/** Who went to a case: the truck that got there (or, if none did, the last one sent), when it was sent and arrived. */
export interface CaseResponse {
  truckId: string;
  /** When this truck was sent to the case (s). */
  dispatchedS: number;
  /** When it arrived (s), null if it never did. */
  arrivedS: number | null;
}

/** A case of one run, as the score card reads it from the event log. */
export interface DrillCase {
  caseId: string;
  source: 'sensor' | 'hotspot' | 'report';
  sourceId: string;
  xy: XY;
  lonLat: [number, number] | null;
  openedS: number;
  response: CaseResponse | null;
}

/** A case of the drill and its counterpart in the plan; either is null when the other run had no such case. */
export interface CasePair {
  operator: DrillCase | null;
  plan: DrillCase | null;
}

/** The cases of a run, in opening order, with who responded (from case.opened, case.dispatched, truck.arrived). */
export function casesOfRun(events: readonly RunEvent[]): DrillCase[] {
  const cases = new Map<string, DrillCase>();
  const sent = new Map<string, { truckId: string; timeS: number }[]>();
  for (const e of events) {
    if (e.type === 'case.opened') {
      cases.set(e.caseId, {
        caseId: e.caseId,
        source: e.source,
        sourceId: e.sourceId,
        xy: e.xy,
        lonLat: e.lonLat ?? null,
        openedS: e.timeS,
        response: null,
      });
    } else if (e.type === 'case.dispatched') {
      const c = cases.get(e.caseId);
      if (!c || c.response?.arrivedS != null) continue;
      const list = sent.get(e.caseId) ?? [];
      list.push({ truckId: e.truckId, timeS: e.timeS });
      sent.set(e.caseId, list);
      c.response = { truckId: e.truckId, dispatchedS: e.timeS, arrivedS: null };
    } else if (e.type === 'truck.arrived') {
      const c = cases.get(e.caseId);
      if (!c || c.response?.arrivedS != null) continue;
      // The order that brought this truck: its last dispatch to the case.
      const order = (sent.get(e.caseId) ?? []).filter((d) => d.truckId === e.truckId).at(-1);
      c.response = { truckId: e.truckId, dispatchedS: order?.timeS ?? e.timeS, arrivedS: e.timeS };
    }
  }
  return [...cases.values()];
}

/** What opened a case, as a key both runs share; operators' own reports (no street, no sensor) are matched by place. */
function originKey(c: DrillCase): string {
  if (c.source === 'report' && !c.sourceId.startsWith('hotline:')) return 'report';
  return `${c.source}:${c.sourceId}`;
}

/**
 * Pairs the cases of the drill with those of the plan: within each origin, the pairs closest in opening time first
 * (a hotspot can open several cases in a run); operators' reports only within `mergeRadiusM` of each other. Cases left
 * over have no counterpart. Sorted by opening time, then the drill's case id.
 */
export function matchCases(operator: readonly DrillCase[], plan: readonly DrillCase[], mergeRadiusM = 40): CasePair[] {
  const candidates: { o: number; p: number; dtS: number; dM: number }[] = [];
  const byKey = new Map<string, number[]>();
  plan.forEach((c, p) => byKey.set(originKey(c), [...(byKey.get(originKey(c)) ?? []), p]));
  operator.forEach((oc, o) => {
    for (const p of byKey.get(originKey(oc)) ?? []) {
      const pc = plan[p];
      const dM = Math.hypot(oc.xy[0] - pc.xy[0], oc.xy[1] - pc.xy[1]);
      if (originKey(oc) === 'report' && dM > mergeRadiusM) continue;
      candidates.push({ o, p, dtS: Math.abs(oc.openedS - pc.openedS), dM });
    }
  });
  candidates.sort((a, b) => a.dtS - b.dtS || a.dM - b.dM || a.o - b.o || a.p - b.p);
  const planOf = new Int32Array(operator.length).fill(-1);
  const taken = new Uint8Array(plan.length);
  for (const c of candidates) {
    if (planOf[c.o] >= 0 || taken[c.p]) continue;
    planOf[c.o] = c.p;
    taken[c.p] = 1;
  }
  const pairs: CasePair[] = operator.map((c, o) => ({ operator: c, plan: planOf[o] >= 0 ? plan[planOf[o]] : null }));
  plan.forEach((c, p) => {
    if (!taken[p]) pairs.push({ operator: null, plan: c });
  });
  const openedOf = (x: CasePair): number => (x.operator ?? x.plan)!.openedS;
  const idOf = (x: CasePair): string => x.operator?.caseId ?? `~${x.plan!.caseId}`;
  return pairs.sort((a, b) => openedOf(a) - openedOf(b) || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}
