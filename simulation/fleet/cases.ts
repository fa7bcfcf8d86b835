// Cases (工单): opened by an alarm (a water-level sensor or a hotspot whose depth passes its threshold) or an operator
// report; prioritised by depth × exposure; escalated (督办) when not cleared in time; cleared, then closed (结案).
import type { XY } from '../../twin/types.ts';
import type { RoadLocation } from '../roads/index.ts';
import type { CaseSourceKind, EventBuffer } from './events.ts';
import { meanDepthM, type DischargePoint } from './pump-sink.ts';

/** The life of a case. */
export type CaseState = 'open' | 'dispatched' | 'arrived' | 'pumping' | 'cleared' | 'closed';

/** A place trucks are sent to: its position, its point on the road network, the cells pumped and the discharge. */
export interface Site {
  xy: XY;
  location: RoadLocation;
  /** Open cells within the site radius (ascending). */
  cells: Int32Array;
  discharge: DischargePoint;
}

/** A sensor or hotspot watched for alarms. */
export interface AlarmSource {
  kind: 'sensor' | 'hotspot';
  id: string;
  /** Cell read for the alarm (the cell under the sensor or hotspot). */
  cell: number;
  /** Depth (m) above which it alarms. */
  thresholdM: number;
  exposure: number;
  site: Site;
  /** Ready to open a case: false from an alarm until the reading falls back below the threshold. */
  armed: boolean;
  /** The case it last opened or joined, -1 for none. */
  caseIndex: number;
}

/** A work order. Times are simulation seconds, NaN until the step happens. */
export interface Case {
  index: number;
  id: string;
  source: CaseSourceKind;
  sourceId: string;
  site: Site;
  exposure: number;
  /** Latest reading (m): the deepest of its reading cells, or the site's mean depth for an operator's report. */
  depthM: number;
  priority: number;
  state: CaseState;
  /** Truck serving it (index), -1 for none. */
  truckIndex: number;
  /**
   * Cells whose depth is its reading: the alarm cells of the sources that joined it, or the cell a hotline caller saw
   * flooded; empty for an operator's report.
   */
  readingCells: number[];
  openedS: number;
  dispatchedS: number;
  arrivedS: number;
  pumpingS: number;
  clearedS: number;
  closedS: number;
  escalatedS: number;
  pumpedM3: number;
  /** Reported unreachable since it was last reachable. */
  unreachableReported: boolean;
}

/** How cases are judged. */
export interface CaseRules {
  /** Mean depth over the site's cells (m) below which the water counts as cleared. Default 0.05. */
  targetDepthM: number;
  /** A case not cleared this long after opening (s) is escalated. Default 1800. */
  escalateAfterS: number;
  /** Priority multiplier of an escalated case. Default 2. */
  escalationFactor: number;
  /** Time (s) a cleared case waits before it is closed; water back above `reopenDepthM` meanwhile reopens it. Default 0. */
  closeAfterS: number;
  /** Depth (m) over the site that reopens a cleared case. Default 0.15. */
  reopenDepthM: number;
  /** An alarm within this distance (m) of an active case joins it instead of opening another. Default 40. */
  mergeRadiusM: number;
  /** Depth floor (m) in the priority, so a case reported dry still ranks by exposure. Default 0.01. */
  minPriorityDepthM: number;
}

/** The defaults of CaseRules. */
export const DEFAULT_CASE_RULES: CaseRules = {
  targetDepthM: 0.05,
  escalateAfterS: 1800,
  escalationFactor: 2,
  closeAfterS: 0,
  reopenDepthM: 0.15,
  mergeRadiusM: 40,
  minPriorityDepthM: 0.01,
};

/** States in which a case still needs a truck or has one working on it. */
export function isActive(c: Case): boolean {
  return c.state !== 'cleared' && c.state !== 'closed';
}

/** All cases of a run and the alarm sources that open them. */
export class CaseBook {
  readonly cases: Case[] = [];

  constructor(
    readonly sources: readonly AlarmSource[],
    readonly rules: CaseRules,
  ) {}

  /** Priority of `c` now: max(depth, floor) × exposure, × the escalation factor once escalated. */
  priorityOf(c: Case): number {
    const depth = Math.max(c.depthM, this.rules.minPriorityDepthM);
    return depth * c.exposure * (Number.isNaN(c.escalatedS) ? 1 : this.rules.escalationFactor);
  }

  /** Opens a case and writes case.opened. */
  open(
    source: CaseSourceKind,
    sourceId: string,
    site: Site,
    exposure: number,
    depthM: number,
    timeS: number,
    events: EventBuffer,
  ): Case {
    const index = this.cases.length;
    const c: Case = {
      index,
      id: `C${String(index + 1).padStart(3, '0')}`,
      source,
      sourceId,
      site,
      exposure,
      depthM,
      priority: 0,
      state: 'open',
      truckIndex: -1,
      readingCells: [],
      openedS: timeS,
      dispatchedS: NaN,
      arrivedS: NaN,
      pumpingS: NaN,
      clearedS: NaN,
      closedS: NaN,
      escalatedS: NaN,
      pumpedM3: 0,
      unreachableReported: false,
    };
    c.priority = this.priorityOf(c);
    this.cases.push(c);
    events.emit({
      type: 'case.opened',
      timeS,
      caseId: c.id,
      source,
      sourceId,
      xy: site.xy,
      depthM,
      exposure,
      priority: c.priority,
    });
    return c;
  }

  /**
   * Reads every alarm source from the depth field: re-arms those back below threshold, opens a case (or joins an
   * active one nearby) for each armed source above it, and refreshes the readings and priorities of active cases.
   */
  readAlarms(depthM: ArrayLike<number>, timeS: number, events: EventBuffer): void {
    // 1. Alarms, in source order.
    for (const s of this.sources) {
      const reading = depthM[s.cell] > 0 ? depthM[s.cell] : 0;
      // A float32 field holds 0.15 as 0.15000000596: a reading equal to the threshold at that precision is not above it.
      if (reading <= Math.fround(s.thresholdM)) {
        s.armed = true;
        continue;
      }
      if (!s.armed) continue;
      s.armed = false;
      const current = s.caseIndex >= 0 ? this.cases[s.caseIndex] : undefined;
      if (current && isActive(current)) continue;
      const near = this.nearestActive(s.site.xy);
      if (near) {
        near.exposure = Math.max(near.exposure, s.exposure);
        if (!near.readingCells.includes(s.cell)) near.readingCells.push(s.cell);
        s.caseIndex = near.index;
        continue;
      }
      const c = this.open(s.kind, s.id, s.site, s.exposure, reading, timeS, events);
      c.readingCells.push(s.cell);
      s.caseIndex = c.index;
    }
    // 2. Readings and priorities of the cases still in play.
    for (const c of this.cases) {
      if (c.state === 'closed') continue;
      c.depthM = this.readingOf(c, depthM);
      c.priority = this.priorityOf(c);
    }
  }

  /** Escalates active cases older than the rule; returns true if any was. */
  escalate(timeS: number, events: EventBuffer): boolean {
    let any = false;
    for (const c of this.cases) {
      if (!isActive(c) || !Number.isNaN(c.escalatedS)) continue;
      if (timeS - c.openedS < this.rules.escalateAfterS) continue;
      c.escalatedS = timeS;
      c.priority = this.priorityOf(c);
      any = true;
      events.emit({ type: 'case.escalated', timeS, caseId: c.id, ageS: timeS - c.openedS, priority: c.priority });
    }
    return any;
  }

  /** Reopens cleared cases whose site flooded again, and closes the others once their wait is over. Returns reopened count. */
  closeCleared(depthM: ArrayLike<number>, timeS: number, events: EventBuffer): number {
    let reopened = 0;
    for (const c of this.cases) {
      if (c.state !== 'cleared') continue;
      const siteDepth = meanDepthM(depthM, c.site.cells);
      if (siteDepth >= this.rules.reopenDepthM) {
        c.state = 'open';
        c.clearedS = NaN;
        c.truckIndex = -1;
        c.depthM = this.readingOf(c, depthM);
        c.priority = this.priorityOf(c);
        reopened++;
        events.emit({ type: 'case.reopened', timeS, caseId: c.id, depthM: siteDepth });
      } else if (timeS - c.clearedS >= this.rules.closeAfterS) {
        c.state = 'closed';
        c.closedS = timeS;
        events.emit({ type: 'case.closed', timeS, caseId: c.id });
      }
    }
    return reopened;
  }

  /** Cases waiting for a truck. */
  waiting(): Case[] {
    return this.cases.filter((c) => c.state === 'open');
  }

  private readingOf(c: Case, depthM: ArrayLike<number>): number {
    if (c.readingCells.length === 0) return meanDepthM(depthM, c.site.cells);
    let max = 0;
    for (const cell of c.readingCells) if (depthM[cell] > max) max = depthM[cell];
    return max;
  }

  /** The active case nearest to `xy` within the merge radius, if any: where an alarm or a report there joins. */
  nearestActive(xy: XY): Case | undefined {
    let best: Case | undefined;
    let bestD = this.rules.mergeRadiusM;
    for (const c of this.cases) {
      if (!isActive(c)) continue;
      const d = Math.hypot(c.site.xy[0] - xy[0], c.site.xy[1] - xy[1]);
      if (d <= bestD) {
        best = c;
        bestD = d;
      }
    }
    return best;
  }
}
