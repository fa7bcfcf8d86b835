// Fleet KPIs (评效) defined so they cannot read better when things are worse: response times over ALL cases, a case
// that never reached a step counted until the moment of the report (censored, so a missed case adds time instead of
// dropping out); served and unserved cases apart; case-hours waiting; water-hours above the alarm depth at hotspots;
// water pumped; road-km·hours closed; the share of hotspots a free truck can reach within 10 minutes.
import type { FloodAwareNetwork } from '../roads/index.ts';
import type { Case, CaseState } from './cases.ts';
import type { CaseSourceKind } from './events.ts';

/**
 * One case's response (times in s). `to…S` run from opening to the step, or to the report time when the step never
 * happened (then `…Censored` is true): a lower bound that grows the longer the case waits.
 */
export interface CaseKpi {
  caseId: string;
  source: CaseSourceKind;
  sourceId: string;
  state: CaseState;
  escalated: boolean;
  openedS: number;
  /** When it first had a truck sent, arrived, was cleared (s; NaN when it never did). */
  dispatchedS: number;
  arrivedS: number;
  clearedS: number;
  toDispatchS: number;
  toArriveS: number;
  toClearS: number;
  dispatchCensored: boolean;
  arriveCensored: boolean;
  clearCensored: boolean;
  pumpedM3: number;
}

/** A hotspot's time with water above its alarm depth. */
export interface HotspotWater {
  id: string;
  hoursAbove: number;
}

/** The fleet's KPIs at a moment of the run (every definition in the README, "KPIs"). */
export interface FleetKpis {
  timeS: number;
  cases: CaseKpi[];
  casesOpened: number;
  /** Cases a truck was ever sent to. */
  casesDispatched: number;
  /** Served: a truck reached the site. Unserved: none ever did (opened − served). */
  casesServed: number;
  casesUnserved: number;
  /** Cases whose water went below the target (cleared or closed), and those still open at the report time. */
  casesCleared: number;
  casesOpenAtEnd: number;
  escalated: number;
  /** Over all opened cases, censored at the report time (lower bounds; NaN when no case opened). */
  meanToDispatchS: number;
  medianToDispatchS: number;
  meanToArriveS: number;
  medianToArriveS: number;
  meanToClearS: number;
  medianToClearS: number;
  /** Over the cases that reached each step only — these alone can look better when fewer cases are served. */
  meanToArriveServedS: number;
  meanToClearServedS: number;
  /** Σ over cases of the time from opening until a truck arrived (or the report time), in hours. */
  caseHoursWaiting: number;
  /** Σ over hotspots of the time their water stood above the alarm depth (h), sampled each control step. */
  hotspotWaterHours: number;
  hotspotWater: HotspotWater[];
  pumpedM3: number;
  /** ∫ closed road length dt for cars, each two-way street counted once (km·h). */
  roadKmHoursClosed: number;
  /** Share (0..1) of hotspots reachable within the threshold from the nearest free truck, at each control step. */
  reachability: { timesS: number[]; share: number[] };
  /** Time-weighted mean of that share (NaN before the first sample). */
  meanReachableShare: number;
}

/**
 * Length (km) of road closed to class `classIndex`, counting a two-way street once: an edge counts if it is closed and
 * its twin is open or has a higher index (so a pair closed both ways counts once, at its lower edge).
 */
export function closedRoadKm(net: FloodAwareNetwork, classIndex = 0): number {
  const { csr } = net;
  const times = net.travelTimeS[classIndex];
  let m = 0;
  for (let e = 0; e < csr.edgeCount; e++) {
    if (times[e] !== Infinity) continue;
    const twin = csr.edgeTwin[e];
    if (twin < 0 || e < twin || times[twin] !== Infinity) m += csr.edgeLengthM[e];
  }
  return m / 1000;
}

/** What the KPIs read of a case: its source, state and step times (a simulated Case, or an imported work order). */
export type CaseTimes = Pick<
  Case,
  | 'id'
  | 'source'
  | 'sourceId'
  | 'state'
  | 'escalatedS'
  | 'openedS'
  | 'dispatchedS'
  | 'arrivedS'
  | 'clearedS'
  | 'pumpedM3'
>;

/** Accumulates the KPIs that integrate over time; piecewise constant from each sample to the next. */
export class KpiRecorder {
  pumpedM3 = 0;
  private roadKmHours = 0;
  private closedKm = 0;
  private roadsS = NaN;
  private readonly reachTimes: number[] = [];
  private readonly reachShare: number[] = [];
  private waterIds: string[] = [];
  private waterAbove: number[] = [];
  private waterS: number[] = [];
  private waterSampleS = NaN;

  /** Every accumulator, copied (all are own plain fields, so additions come along). */
  toState(): Record<string, unknown> {
    return structuredClone({ ...this }) as unknown as Record<string, unknown>;
  }

  /** Puts back a `toState()`. */
  fromState(s: Record<string, unknown>): void {
    Object.assign(this, structuredClone(s));
  }

  /** Records the closed road length now (after the network's update at `timeS`). */
  sampleRoads(net: FloodAwareNetwork, timeS: number): void {
    if (!Number.isNaN(this.roadsS)) this.roadKmHours += (this.closedKm * (timeS - this.roadsS)) / 3600;
    this.closedKm = closedRoadKm(net, 0);
    this.roadsS = timeS;
  }

  /**
   * Records which hotspots stand above their alarm depth now (`depthM` per hotspot, in `ids` order); each state holds
   * until the next sample.
   */
  sampleHotspotWater(timeS: number, ids: readonly string[], depthM: ArrayLike<number>, alarmDepthM: number): void {
    if (this.waterIds.length === 0) {
      this.waterIds = [...ids];
      this.waterAbove = ids.map(() => 0);
      this.waterS = ids.map(() => 0);
    }
    const dt = Number.isNaN(this.waterSampleS) ? 0 : timeS - this.waterSampleS;
    for (let i = 0; i < this.waterIds.length; i++) {
      this.waterS[i] += this.waterAbove[i] * dt;
      this.waterAbove[i] = depthM[i] > alarmDepthM ? 1 : 0;
    }
    this.waterSampleS = timeS;
  }

  /** Records the share of hotspots reachable in time now. */
  sampleReachability(timeS: number, share: number): void {
    this.reachTimes.push(timeS);
    this.reachShare.push(share);
  }

  /** The KPIs as of `timeS` (≥ the last sample): integrals are carried to `timeS`, open cases censored there. */
  report(cases: readonly CaseTimes[], timeS: number): FleetKpis {
    const kpis = cases.map((c) => caseKpi(c, timeS));
    const served = kpis.filter((k) => !k.arriveCensored);
    const tail = Number.isNaN(this.roadsS) ? 0 : (this.closedKm * Math.max(0, timeS - this.roadsS)) / 3600;
    const waterTail = Number.isNaN(this.waterSampleS) ? 0 : Math.max(0, timeS - this.waterSampleS);
    const hotspotWater = this.waterIds.map((id, i) => ({
      id,
      hoursAbove: (this.waterS[i] + this.waterAbove[i] * waterTail) / 3600,
    }));
    return {
      timeS,
      cases: kpis,
      casesOpened: cases.length,
      casesDispatched: kpis.filter((k) => !k.dispatchCensored).length,
      casesServed: served.length,
      casesUnserved: kpis.length - served.length,
      casesCleared: cases.filter((c) => c.state === 'cleared' || c.state === 'closed').length,
      casesOpenAtEnd: cases.filter((c) => c.state !== 'cleared' && c.state !== 'closed').length,
      escalated: cases.filter((c) => !Number.isNaN(c.escalatedS)).length,
      meanToDispatchS: mean(kpis.map((k) => k.toDispatchS)),
      medianToDispatchS: median(kpis.map((k) => k.toDispatchS)),
      meanToArriveS: mean(kpis.map((k) => k.toArriveS)),
      medianToArriveS: median(kpis.map((k) => k.toArriveS)),
      meanToClearS: mean(kpis.map((k) => k.toClearS)),
      medianToClearS: median(kpis.map((k) => k.toClearS)),
      meanToArriveServedS: mean(served.map((k) => k.toArriveS)),
      meanToClearServedS: mean(kpis.filter((k) => !k.clearCensored).map((k) => k.toClearS)),
      caseHoursWaiting: kpis.reduce((sum, k) => sum + k.toArriveS, 0) / 3600,
      hotspotWaterHours: hotspotWater.reduce((sum, h) => sum + h.hoursAbove, 0),
      hotspotWater,
      pumpedM3: this.pumpedM3,
      roadKmHoursClosed: this.roadKmHours + tail,
      reachability: { timesS: [...this.reachTimes], share: [...this.reachShare] },
      meanReachableShare: timeWeightedMean(this.reachTimes, this.reachShare, timeS),
    };
  }
}

function caseKpi(c: CaseTimes, endS: number): CaseKpi {
  // A step that never happened counts until the report time: the case is still waiting for it.
  const upTo = (t: number): number => (Number.isNaN(t) ? Math.max(0, endS - c.openedS) : t - c.openedS);
  return {
    caseId: c.id,
    source: c.source,
    sourceId: c.sourceId,
    state: c.state,
    escalated: !Number.isNaN(c.escalatedS),
    openedS: c.openedS,
    dispatchedS: c.dispatchedS,
    arrivedS: c.arrivedS,
    clearedS: c.clearedS,
    toDispatchS: upTo(c.dispatchedS),
    toArriveS: upTo(c.arrivedS),
    toClearS: upTo(c.clearedS),
    dispatchCensored: Number.isNaN(c.dispatchedS),
    arriveCensored: Number.isNaN(c.arrivedS),
    clearCensored: Number.isNaN(c.clearedS),
    pumpedM3: c.pumpedM3,
  };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Mean of a step function sampled at `times` (each value holds until the next sample, the last until `endS`). */
export function timeWeightedMean(times: readonly number[], values: readonly number[], endS: number): number {
  if (times.length === 0) return NaN;
  let sum = 0;
  let span = 0;
  for (let k = 0; k < times.length; k++) {
    const dt = Math.max(0, (k + 1 < times.length ? times[k + 1] : endS) - times[k]);
    sum += values[k] * dt;
    span += dt;
  }
  if (span === 0) return values.reduce((a, b) => a + b, 0) / values.length;
  return sum / span;
}
