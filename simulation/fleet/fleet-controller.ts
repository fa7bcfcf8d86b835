// The fleet controller: called once per control step with the depth field and the time, it moves the trucks, updates
// the road network, clears sites, opens and escalates cases, applies operator commands, dispatches, and returns the
// pump sinks the flood engine applies until the next step. Deterministic: no clock, no unseeded randomness.
import type { XY } from '../../twin/types.ts';
import { SimulationError } from '../errors.ts';
import type { Case } from './cases.ts';
import { applyCommand } from './commands.ts';
import type { OperatorCommand } from './operator-command.ts';
import { reportUnreachable, runDispatch } from './dispatch-phase.ts';
import { EventBuffer, type FleetEvent } from './events.ts';
import { detachCase, emitRoadChanges, sendHome } from './fleet-actions.ts';
import { fastestArrivalS } from './fleet-matrix.ts';
import { buildFleetWorld, type FleetInput, type FleetOptions, type FleetWorld } from './fleet-setup.ts';
import { fileHotlineReports } from './hotline-reports.ts';
import { loadWorld, saveWorld, sinksOf, type FleetState } from './fleet-state.ts';
import { KpiRecorder, type FleetKpis } from './kpis.ts';
import { meanDepthM, type PumpSink } from './pump-sink.ts';
import { locationXY, type Truck, type TruckState } from './truck.ts';

/** What else a control step takes. */
export interface FleetStepInput {
  /** Operator commands to apply at this step, in order. */
  commands?: readonly OperatorCommand[];
  /**
   * Water (m³) each sink returned by the previous step actually took, in the same order, as the engine reports it.
   * Without it the fleet estimates it from the depths it saw when it set the sinks.
   */
  pumpedM3?: ArrayLike<number>;
}

/** A truck as the scene and the dashboards show it. */
export interface TruckView {
  id: string;
  state: TruckState;
  xy: XY;
  caseId: string;
  held: boolean;
  pumpedM3: number;
}

/** Runs the pump-truck fleet over a flood. Build once, then call `step` at every control step. */
export class FleetController {
  readonly world: FleetWorld;
  /** The append-only event log, in time order. */
  readonly events: FleetEvent[] = [];
  private readonly buffer: EventBuffer;
  private readonly kpi = new KpiRecorder();
  private lastS = NaN;
  private sinks: PumpSink[] = [];
  private sinkTrucks: Truck[] = [];
  private sinkDepthM: Float64Array[] = [];
  private depth32: Float32Array | null = null;
  private hotspotDepthM = new Float64Array(0);

  /** Checks the input and places the trucks at their depots or staging points; throws SimulationError on bad input. */
  constructor(input: FleetInput, options: FleetOptions = {}) {
    this.world = buildFleetWorld(input, options);
    this.buffer = new EventBuffer(this.events);
  }

  /** Cases so far, in opening order. */
  get cases(): readonly Case[] {
    return this.world.book.cases;
  }

  /** Time (s) of the last step, NaN before the first. */
  get timeS(): number {
    return this.lastS;
  }

  /**
   * One control step at `timeS` with the depth field (m per grid cell) at that time. Returns the sinks to apply from
   * now to the next step (do not keep the array: each step makes a new one).
   */
  step(depthM: ArrayLike<number>, timeS: number, input: FleetStepInput = {}): PumpSink[] {
    const w = this.world;
    const ev = this.buffer;
    const cellCount = w.grid.nx * w.grid.ny;
    if (!(timeS >= this.lastS) && !Number.isNaN(this.lastS)) {
      throw new SimulationError(
        `time ${timeS} s is before the last step (${this.lastS} s)`,
        { input: 'fleet step', field: 'timeS' },
        'call step with increasing times',
      );
    }
    if (depthM.length !== cellCount) {
      throw new SimulationError(
        `depth field has ${depthM.length} cells, the grid ${cellCount}`,
        { input: 'fleet step', field: 'depthM' },
        'pass the depth field of the fleet grid',
      );
    }
    const fromS = Number.isNaN(this.lastS) ? timeS : this.lastS;
    w.depthM = depthM;
    // 1. Water the last step's sinks took.
    this.creditPumping(timeS - fromS, input.pumpedM3);
    // 2. Trucks drive over the interval on the travel times set at its start.
    for (const t of w.trucks) {
      if (!t.driving) continue;
      const arrivedS = t.drive(w.net, fromS, timeS);
      if (!Number.isNaN(arrivedS)) this.arrive(t, arrivedS);
    }
    // 3. Roads at the new depths; trucks whose way ahead closed re-route.
    w.net.update(this.roadDepth(depthM), timeS, w.roadChanges);
    let replan = emitRoadChanges(w, timeS, ev);
    for (const t of w.trucks) replan = this.checkRoute(t, timeS) || replan;
    // 4. Sites pumped (or drained) below the target.
    this.clearSites(depthM, timeS);
    // 5. Alarms, then hotline reports (which join the alarm cases near them), escalation, closing.
    w.book.readAlarms(depthM, timeS, ev);
    fileHotlineReports(w, depthM, timeS, timeS - fromS, ev);
    replan = w.book.escalate(timeS, ev) || replan;
    w.book.closeCleared(depthM, timeS, ev);
    // 6. Operator commands (which may close roads too), then the policy; trucks left without work go home. Orders
    // come in the dispatch phase, after this step's cases opened, so an operator who sends a truck to a case at the
    // step it opens acts when the automatic policy would: a drill that copies the plan is the plan.
    replan = this.applyCommands(input.commands ?? [], timeS) || replan;
    runDispatch(w, timeS, replan, ev);
    for (const t of w.trucks) {
      if (t.state === 'idle' && t.caseIndex < 0 && !t.held && !t.atHome) sendHome(w, t, timeS, ev);
    }
    reportUnreachable(w, timeS, ev);
    // 7. KPIs that integrate over time.
    this.kpi.sampleRoads(w.net, timeS);
    this.sampleReachability(timeS);
    this.sampleHotspotWater(depthM, timeS);
    // 8. Set-up done → pumping; the sinks for the next interval.
    const sinks = this.makeSinks(depthM, timeS);
    ev.flush();
    this.lastS = timeS;
    return sinks;
  }

  /** Applies operator commands in order; trucks whose way ahead a closure cut re-route. True when roads changed. */
  private applyCommands(commands: readonly OperatorCommand[], timeS: number): boolean {
    const w = this.world;
    if (commands.length === 0) return false;
    let replan = false;
    for (const cmd of commands) {
      applyCommand(w, cmd, timeS, this.buffer);
      replan = emitRoadChanges(w, timeS, this.buffer) || replan;
    }
    for (const t of w.trucks) replan = this.checkRoute(t, timeS) || replan;
    return replan;
  }

  /** Everything that changed since set-up, as plain data (see fleet-state.ts). */
  saveState(): FleetState {
    return saveWorld(
      this.world,
      this.kpi,
      this.lastS,
      this.sinks.map((s, k) => ({
        truckIndex: this.sinkTrucks[k].index,
        cells: s.cells instanceof Int32Array ? s.cells : Int32Array.from(s.cells),
        rateM3PerS: s.rateM3PerS,
        depthM: this.sinkDepthM[k],
      })),
    );
  }

  /**
   * Continues from a `saveState()` of a controller built from the same input (the options, e.g. the policy, may
   * differ: a fork's what-if). Throws SimulationError for a state of another fleet.
   */
  loadState(state: FleetState): void {
    const { lastS, sinks } = loadWorld(this.world, this.kpi, state);
    this.lastS = lastS;
    this.sinks = sinksOf(this.world, sinks);
    this.sinkTrucks = sinks.map((x) => this.world.trucks[x.truckIndex]);
    this.sinkDepthM = sinks.map((x) => x.depthM);
  }

  /** The KPIs as of `timeS` (default: the last step). */
  kpis(timeS = this.lastS): FleetKpis {
    return this.kpi.report(this.world.book.cases, Number.isNaN(timeS) ? 0 : timeS);
  }

  /** Every truck's state and position now. */
  trucks(): TruckView[] {
    const { book, net } = this.world;
    return this.world.trucks.map((t) => ({
      id: t.spec.id,
      state: t.state,
      xy: t.xy(net),
      caseId: t.caseIndex >= 0 ? book.cases[t.caseIndex].id : '',
      held: t.held,
      pumpedM3: t.pumpedM3,
    }));
  }

  /**
   * The standing water on the ground as float32 for the network: river cells read as dry, since the engine holds them
   * at the river's depth and a bridge's cells over the river must not close the bridge. Copied into a reused buffer
   * unless the field is already float32 and there is no river.
   */
  private roadDepth(depthM: ArrayLike<number>): Float32Array {
    const river = this.world.grid.riverMask;
    if (depthM instanceof Float32Array && !river) return depthM;
    if (!this.depth32 || this.depth32.length !== depthM.length) this.depth32 = new Float32Array(depthM.length);
    const out = this.depth32;
    for (let i = 0; i < depthM.length; i++) out[i] = river && river[i] ? 0 : depthM[i];
    return out;
  }

  private creditPumping(dtS: number, reported: ArrayLike<number> | undefined): void {
    if (reported && reported.length !== this.sinks.length) {
      throw new SimulationError(
        `${reported.length} pumped volumes for ${this.sinks.length} sinks`,
        { input: 'fleet step', field: 'pumpedM3' },
        'report one volume per sink of the previous step, in order',
      );
    }
    const area = this.world.cellAreaM2;
    this.sinks.forEach((sink, k) => {
      let taken = 0;
      if (reported) taken = reported[k];
      else {
        const share = (sink.rateM3PerS * dtS) / sink.cells.length;
        for (const d of this.sinkDepthM[k]) taken += Math.min(share, d * area);
      }
      if (!(taken >= 0)) taken = 0;
      const t = this.sinkTrucks[k];
      t.pumpedM3 += taken;
      t.casePumpedM3 += taken;
      if (t.caseIndex >= 0) this.world.book.cases[t.caseIndex].pumpedM3 += taken;
      this.kpi.pumpedM3 += taken;
    });
  }

  private arrive(t: Truck, timeS: number): void {
    const w = this.world;
    if (t.caseIndex >= 0) {
      const c = w.book.cases[t.caseIndex];
      const jitter = w.options.setupJitterS > 0 ? (2 * w.rng.next() - 1) * w.options.setupJitterS : 0;
      t.state = 'settingUp';
      t.atSite = true;
      t.setupDoneS = timeS + w.options.setupS + jitter;
      c.state = 'arrived';
      if (Number.isNaN(c.arrivedS)) c.arrivedS = timeS;
      this.buffer.emit({ type: 'truck.arrived', timeS, truckId: t.spec.id, caseId: c.id });
    } else {
      t.state = 'idle';
      if (t.atHome) this.buffer.emit({ type: 'truck.returned', timeS, truckId: t.spec.id, home: t.home.name });
    }
  }

  /** Re-routes a driving truck whose way ahead closed; a truck with no way left waits and gives its case up. */
  private checkRoute(t: Truck, timeS: number): boolean {
    const w = this.world;
    const blocked = t.blockedEdge(w.net);
    if (blocked < 0) return false;
    const caseId = t.caseIndex >= 0 ? w.book.cases[t.caseIndex].id : '';
    const route = t.reroute(w.finder);
    if (route) {
      this.buffer.emit({
        type: 'truck.rerouted',
        timeS,
        truckId: t.spec.id,
        caseId,
        closedEdgeKey: w.net.csr.edgeKeys[blocked],
        etaS: route.timeS,
      });
      return true;
    }
    this.buffer.emit({
      type: 'route.unreachable',
      timeS,
      truckId: t.spec.id,
      caseId,
      xy: locationXY(w.net, t.location),
    });
    t.stranded = true;
    detachCase(w, t, 'unreachable', timeS, this.buffer);
    t.state = 'idle';
    return true;
  }

  /**
   * Clears cases whose site is below the target depth: served ones with their truck, and cases still waiting whose
   * water drained away by itself (those read from the field: alarms, hotline calls). An operator's report, which has
   * no reading cell, waits for a truck to have been there.
   */
  private clearSites(depthM: ArrayLike<number>, timeS: number): void {
    const { book } = this.world;
    const target = book.rules.targetDepthM;
    for (const c of book.cases) {
      const onSite = c.state === 'arrived' || c.state === 'pumping';
      if (!(onSite || (c.state === 'open' && c.readingCells.length > 0 && c.depthM < target))) continue;
      const depth = meanDepthM(depthM, c.site.cells);
      if (!(depth < target)) continue;
      let truckId = '';
      if (onSite) {
        const t = this.world.trucks[c.truckIndex];
        truckId = t.spec.id;
        if (t.state === 'pumping') {
          this.buffer.emit({
            type: 'pumping.stopped',
            timeS,
            truckId,
            caseId: c.id,
            pumpedM3: t.casePumpedM3,
            reason: 'cleared',
          });
        }
        t.state = 'idle';
        t.caseIndex = -1;
        t.manual = false;
        t.setupDoneS = NaN;
        t.casePumpedM3 = 0;
      }
      c.state = 'cleared';
      c.clearedS = timeS;
      c.truckIndex = -1;
      this.buffer.emit({ type: 'case.cleared', timeS, caseId: c.id, truckId, depthM: depth });
    }
  }

  /** Water at each hotspot's reading cell against the hotspot alarm depth, for the water-hours KPI. */
  private sampleHotspotWater(depthM: ArrayLike<number>, timeS: number): void {
    const hotspots = this.world.book.sources.filter((s) => s.kind === 'hotspot');
    if (hotspots.length === 0) return;
    if (this.hotspotDepthM.length !== hotspots.length) this.hotspotDepthM = new Float64Array(hotspots.length);
    hotspots.forEach((s, i) => (this.hotspotDepthM[i] = depthM[s.cell] > 0 ? depthM[s.cell] : 0));
    this.kpi.sampleHotspotWater(
      timeS,
      hotspots.map((s) => s.id),
      this.hotspotDepthM,
      this.world.options.hotspotAlarmDepthM,
    );
  }

  private sampleReachability(timeS: number): void {
    const w = this.world;
    if (w.hotspotLocations.length === 0) return;
    const free = w.trucks.filter((t) => t.available);
    const limit = w.options.reachableWithinS;
    const best = fastestArrivalS(w.finder, free, w.hotspotLocations, limit);
    let reached = 0;
    for (const s of best) if (s <= limit) reached++;
    this.kpi.sampleReachability(timeS, reached / w.hotspotLocations.length);
  }

  private makeSinks(depthM: ArrayLike<number>, timeS: number): PumpSink[] {
    const w = this.world;
    this.sinks = [];
    this.sinkTrucks = [];
    this.sinkDepthM = [];
    for (const t of w.trucks) {
      if (t.state === 'settingUp' && t.setupDoneS <= timeS) {
        const c = w.book.cases[t.caseIndex];
        t.state = 'pumping';
        c.state = 'pumping';
        if (Number.isNaN(c.pumpingS)) c.pumpingS = timeS;
        const d = c.site.discharge;
        this.buffer.emit({
          type: 'pumping.started',
          timeS,
          truckId: t.spec.id,
          caseId: c.id,
          rateM3PerS: t.rateM3PerS,
          cells: c.site.cells.length,
          discharge: d.kind,
          dischargeXY: d.xy,
        });
      }
      if (t.state !== 'pumping') continue;
      const cells = w.book.cases[t.caseIndex].site.cells;
      this.sinks.push({ cells, rateM3PerS: t.rateM3PerS });
      this.sinkTrucks.push(t);
      this.sinkDepthM.push(Float64Array.from(cells, (c) => (depthM[c] > 0 ? depthM[c] : 0)));
    }
    return [...this.sinks];
  }
}
