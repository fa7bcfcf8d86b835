// The real response's KPIs, by the fleet's own definitions (simulation/fleet/kpis.ts): response times over all work
// orders, an order that never reached a step counted until the report time; closed road-km·hours from the closures.
// What a log cannot say — water pumped, hotspot water-hours, reachability — is NaN (null in JSON), never 0.
import { DEFAULT_CASE_RULES, KpiRecorder, type CaseState, type CaseTimes, type FleetKpis } from '../fleet/index.ts';
import type { ImportedCase, IncidentLog } from './incident-log.ts';

/** A case's state as of `tS` from its logged step times. */
export function caseStateAt(c: ImportedCase, tS: number): CaseState {
  const by = (t: number) => Number.isFinite(t) && t <= tS;
  if (by(c.closedS)) return 'closed';
  if (by(c.clearedS)) return 'cleared';
  if (by(c.arrivedS)) return 'arrived';
  if (by(c.dispatchedS)) return 'dispatched';
  return 'open';
}

/** When a case was escalated (督办) by the fleet's rule — not cleared within 30 min of opening — as of `tS`, or NaN. */
export function escalatedAt(c: ImportedCase, tS: number): number {
  const due = c.openedS + DEFAULT_CASE_RULES.escalateAfterS;
  const clearedBefore = Number.isFinite(c.clearedS) && c.clearedS <= due;
  return !clearedBefore && due <= tS ? due : NaN;
}

/** A case as the KPIs read it as of `tS` (steps after `tS` not yet happened). */
function caseTimes(c: ImportedCase, tS: number): CaseTimes {
  const upTo = (t: number) => (Number.isFinite(t) && t <= tS ? t : NaN);
  return {
    id: c.id,
    source: c.source,
    sourceId: c.sourceId,
    state: caseStateAt(c, tS),
    escalatedS: escalatedAt(c, tS),
    openedS: c.openedS,
    dispatchedS: upTo(c.dispatchedS),
    arrivedS: upTo(c.arrivedS),
    clearedS: upTo(c.clearedS),
    pumpedM3: NaN,
  };
}

/** Length (km) of the roads closed as of `tS`, each segment once. */
export function closedKmAt(log: IncidentLog, tS: number): { km: number; edgeKeys: string[] } {
  const open = new Map<string, boolean>();
  const pieces = new Map<string, { lengthM: number; edgeKeys: string[] }>();
  for (const cl of log.closures) {
    if (cl.tS > tS) break;
    for (const p of cl.record.pieces) {
      open.set(p.segmentId, cl.record.action === 'reopened');
      pieces.set(p.segmentId, p);
    }
  }
  let m = 0;
  const edgeKeys: string[] = [];
  for (const [seg, isOpen] of [...open].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (isOpen) continue;
    m += pieces.get(seg)!.lengthM;
    edgeKeys.push(...pieces.get(seg)!.edgeKeys);
  }
  return { km: m / 1000, edgeKeys: edgeKeys.sort() };
}

/** The KPIs of the logged response as of `tS` (cases opened by then). */
export function incidentKpis(log: IncidentLog, tS: number): FleetKpis {
  const cases = log.cases.filter((c) => c.openedS <= tS).map((c) => caseTimes(c, tS));
  const k = new KpiRecorder().report(cases, tS);
  // ∫ closed km dt, piecewise constant between closure times.
  let kmH = 0;
  let last = 0;
  let km = 0;
  for (const t of [...new Set(log.closures.map((c) => c.tS).filter((t) => t <= tS))]) {
    kmH += (km * (t - last)) / 3600;
    km = closedKmAt(log, t).km;
    last = t;
  }
  kmH += (km * Math.max(0, tS - last)) / 3600;
  return { ...k, pumpedM3: NaN, hotspotWaterHours: NaN, roadKmHoursClosed: kmH };
}
