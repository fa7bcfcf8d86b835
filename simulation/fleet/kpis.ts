// Fleet KPIs (评效): per case the time to dispatch, arrive and clear; water pumped; road-km·hours closed; the share of
// hotspots a free truck can reach within 10 minutes, over time; cases left unserved.
import type { FloodAwareNetwork } from '../roads/index.ts';
import type { Case, CaseState } from './cases.ts';
import type { CaseSourceKind } from './events.ts';

/** One case's response times (s from opening; NaN when the step never happened). */
export interface CaseKpi {
  caseId: string;
  source: CaseSourceKind;
  sourceId: string;
  state: CaseState;
  escalated: boolean;
  openedS: number;
  toDispatchS: number;
  toArriveS: number;
  toClearS: number;
  pumpedM3: number;
}

/** The fleet's KPIs at a moment of the run. */
export interface FleetKpis {
  timeS: number;
  cases: CaseKpi[];
  casesOpened: number;
  casesCleared: number;
  /** Cases still waiting or being worked on (not cleared). */
  unservedCases: number;
  /** Cases that never had a truck. */
  neverDispatched: number;
  escalated: number;
  /** Means over the cases that reached each step (NaN if none did). */
  meanToDispatchS: number;
  meanToArriveS: number;
  meanToClearS: number;
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

/** Accumulates the KPIs that integrate over time; piecewise constant from each sample to the next. */
export class KpiRecorder {
  pumpedM3 = 0;
  private roadKmHours = 0;
  private closedKm = 0;
  private roadsS = NaN;
  private readonly reachTimes: number[] = [];
  private readonly reachShare: number[] = [];

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

  /** Records the share of hotspots reachable in time now. */
  sampleReachability(timeS: number, share: number): void {
    this.reachTimes.push(timeS);
    this.reachShare.push(share);
  }

  /** The KPIs as of `timeS` (≥ the last sample): integrals are carried to `timeS`. */
  report(cases: readonly Case[], timeS: number): FleetKpis {
    const kpis = cases.map(caseKpi);
    const mean = (pick: (k: CaseKpi) => number): number => {
      const xs = kpis.map(pick).filter((x) => !Number.isNaN(x));
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
    };
    const tail = Number.isNaN(this.roadsS) ? 0 : (this.closedKm * Math.max(0, timeS - this.roadsS)) / 3600;
    return {
      timeS,
      cases: kpis,
      casesOpened: cases.length,
      casesCleared: cases.filter((c) => c.state === 'cleared' || c.state === 'closed').length,
      unservedCases: cases.filter((c) => c.state !== 'cleared' && c.state !== 'closed').length,
      neverDispatched: cases.filter((c) => Number.isNaN(c.dispatchedS)).length,
      escalated: cases.filter((c) => !Number.isNaN(c.escalatedS)).length,
      meanToDispatchS: mean((k) => k.toDispatchS),
      meanToArriveS: mean((k) => k.toArriveS),
      meanToClearS: mean((k) => k.toClearS),
      pumpedM3: this.pumpedM3,
      roadKmHoursClosed: this.roadKmHours + tail,
      reachability: { timesS: [...this.reachTimes], share: [...this.reachShare] },
      meanReachableShare: timeWeightedMean(this.reachTimes, this.reachShare, timeS),
    };
  }
}

function caseKpi(c: Case): CaseKpi {
  return {
    caseId: c.id,
    source: c.source,
    sourceId: c.sourceId,
    state: c.state,
    escalated: !Number.isNaN(c.escalatedS),
    openedS: c.openedS,
    toDispatchS: c.dispatchedS - c.openedS,
    toArriveS: c.arrivedS - c.openedS,
    toClearS: c.clearedS - c.openedS,
    pumpedM3: c.pumpedM3,
  };
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
