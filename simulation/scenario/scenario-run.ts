// A run that is a value: built from a twin and a scenario, stepped control step by control step, fed operator
// commands, observed (events since a sequence number, a view of now), saved to bytes and restored bit for bit.
import { FleetController, type FleetState, type OperatorCommand } from '../fleet/index.ts';
import { FloodEngine, stageAt, type FloodEngineSnapshot, type FloodRunBase } from '../hydro/index.ts';
import { rainFieldFromSpec } from '../rain/index.ts';
import { SimulationError } from '../errors.ts';
import { projectorFor, type Projector } from '../../twin/projection/index.ts';
import { decodePlain, encodePlain } from '../record/plain-codec.ts';
import type { RunEvent, UnnumberedEvent } from './run-events.ts';
import { buildView, round, type RunView } from './run-view.ts';
import { RunWatch, type WatchState } from './run-watch.ts';
import { placeScenario, setUpScenario, type ScenarioSetup, type ScenarioTwin } from './scenario-setup.ts';
import type { ScenarioSpec } from './scenario-spec.ts';
import { stageFleet, type StagingPlan } from './stage-fleet.ts';
import { applyPumpCommand, checkCommandNow, type PumpCommand, type RunCommand } from './run-commands.ts';

/** A command waiting for its control step. */
interface Pending {
  atS: number;
  order: number;
  command: OperatorCommand | PumpCommand;
}

/** How `command` answered: queued for the control step at `applyAtS`, or rejected now with the reason. */
export interface CommandAnswer {
  accepted: boolean;
  reason: string;
  applyAtS: number;
}

/** A command as the run log keeps it, to replay it in a fork: when it was issued, and what it said. */
export interface IssuedCommand {
  issuedS: number;
  command: RunCommand;
}

const CHECKPOINT_SCHEMA = 'rivertwin.checkpoint/1';

/** The run's flood engine, made as the twin says (worker threads in Node) or on this thread. */
function makeEngine(twin: ScenarioTwin, setup: ScenarioSetup): FloodRunBase {
  const options = setup.engineOptions();
  return twin.engine ? twin.engine(twin.grid, options) : new FloodEngine(twin.grid, options);
}

/** A steppable, checkpointable coupled run of flood, sensors and fleet. Deterministic. */
export class ScenarioRun {
  readonly spec: ScenarioSpec;
  readonly staging: StagingPlan | undefined;
  readonly steps: number;
  private readonly setup: ScenarioSetup;
  private readonly engine: FloodRunBase;
  private readonly fleet: FleetController;
  private readonly watch: RunWatch;
  private k = 0;
  private seq = 0;
  private fleetSeen = 0;
  private order = 0;
  private cancelled = false;
  private pending: Pending[] = [];
  private failuresDone: boolean[];
  private readonly log: RunEvent[] = [];
  private wgs84: Projector | undefined;
  /** Wall time (ms) spent in the flood engine, the fleet and the watch, for profiles (not part of the state). */
  readonly timing = { engineMs: 0, fleetMs: 0, watchMs: 0 };
  /** Every `command` call, in order (the record's command log). */
  readonly issued: IssuedCommand[] = [];

  private constructor(
    readonly twin: ScenarioTwin,
    spec: ScenarioSpec,
    staging: StagingPlan | undefined,
    fresh: boolean,
  ) {
    this.spec = placeScenario(spec, twin.district);
    this.staging = staging;
    this.setup = setUpScenario(twin, spec);
    this.steps = Math.ceil(spec.durationS / spec.controlStepS - 1e-9);
    this.engine = makeEngine(twin, this.setup);
    this.fleet = new FleetController(this.setup.fleetInput(staging), this.setup.fleetOptions);
    // Wall crests as the grid carries them (modelled walls live only there), else the district's wall lines.
    const walls = [...twin.grid.wallCrestM].filter((v) => Number.isFinite(v));
    if (walls.length === 0) walls.push(...twin.district.floodWalls.map((w) => w.crestM));
    this.watch = new RunWatch(
      twin.district.sensors,
      twin.grid,
      rainFieldFromSpec(spec.rain, twin.grid, 'scenario.rain'),
      (t) => stageAt(this.setup.stage, t),
      walls,
      spec.controlStepS,
      spec.durationS,
      (x, y) => this.lonLat(x, y),
      twin.district.manifest.river?.warningM,
    );
    this.failuresDone = spec.pumpFailures.map(() => false);
    if (!fresh) return;
    for (const c of spec.commands ?? []) {
      const { atS, ...command } = c;
      this.pending.push({ atS, order: this.order++, command: command as OperatorCommand | PumpCommand });
    }
    this.push([
      {
        type: 'run.started',
        timeS: 0,
        scenario: spec.name,
        durationS: spec.durationS,
        controlStepS: spec.controlStepS,
        seed: spec.seed,
      },
    ]);
  }

  /**
   * Starts a run. With `fleet.prePosition` a forecast run of the same storm (a perfect forecast) decides first where
   * the trucks wait. Throws SimulationError for a scenario that does not fit the twin.
   */
  static start(twin: ScenarioTwin, spec: ScenarioSpec): ScenarioRun {
    let staging: StagingPlan | undefined;
    if (spec.fleet.prePosition) {
      const setup = setUpScenario(twin, spec);
      const forecast = makeEngine(twin, setup);
      try {
        forecast.advanceTo(spec.durationS);
        const d = twin.district;
        staging = stageFleet(twin.graph, twin.grid, setup.trucks, d.depots, d.hotspots, forecast.maxDepthM());
      } finally {
        forecast.close();
      }
    }
    return new ScenarioRun(twin, spec, staging, true);
  }

  /**
   * A run restored from `snapshot()` bytes, continuing bit for bit. `spec` replaces the saved scenario from now on
   * (a fork's patch): it must keep the grid, the stations and the fleet.
   */
  static restore(twin: ScenarioTwin, bytes: Uint8Array, spec?: ScenarioSpec): ScenarioRun {
    const s = decodePlain(bytes, 'checkpoint') as unknown as CheckpointState;
    if (s?.schema !== CHECKPOINT_SCHEMA)
      throw new SimulationError(`is not a ${CHECKPOINT_SCHEMA}`, { input: 'checkpoint' }, 'use a file the run wrote');
    const run = new ScenarioRun(twin, spec ?? s.spec, s.staging ?? undefined, false);
    run.engine.restore(s.engine);
    run.fleet.loadState(s.fleet);
    run.watch.load(s.watch);
    run.k = s.k;
    run.seq = s.seq;
    run.order = s.order;
    run.pending = s.pending;
    // Matched by station and time, so a fork's patch that adds or drops failures keeps the ones already applied; one
    // it adds at a time already past applies at the next control step.
    const done = new Set(s.failuresDone);
    run.failuresDone = run.spec.pumpFailures.map((f) => done.has(failureKey(f)));
    run.fleetSeen = run.fleet.events.length;
    run.issued.push(...s.issued);
    return run;
  }

  /** Simulated time reached (s). */
  get tS(): number {
    return Math.min(this.k * this.spec.controlStepS, this.spec.durationS);
  }

  /** Control steps done. */
  get step(): number {
    return this.k;
  }

  /** True once the last control step ran, or the run was cancelled. */
  get finished(): boolean {
    return this.k >= this.steps || this.cancelled;
  }

  /** Runs control steps while the next one ends at or before `tS`. */
  stepTo(tS: number): void {
    while (!this.finished && Math.min((this.k + 1) * this.spec.controlStepS, this.spec.durationS) <= tS + 1e-9) {
      this.advance();
    }
  }

  /** Runs one control step (no-op when finished). */
  advance(): void {
    if (this.finished) return;
    const spec = this.spec;
    const t = Math.min((this.k + 1) * spec.controlStepS, spec.durationS);
    const t0 = performance.now();
    this.engine.advanceTo(t);
    const t1 = performance.now();
    this.timing.engineMs += t1 - t0;
    this.k++;
    const own: UnnumberedEvent[] = [];
    // 1. Scheduled pump failures, then operator commands due at this step (pump ones here, the rest to the fleet).
    spec.pumpFailures.forEach((f, i) => {
      if (this.failuresDone[i] || f.atS > t) return;
      this.failuresDone[i] = true;
      this.engine.setPumpStationFailed(f.id, true);
      own.push({
        type: 'pump.failed',
        timeS: t,
        stationId: f.id,
        reason: 'scenario',
        lonLat: this.stationLonLat(f.id),
      });
    });
    const due = this.pending.filter((p) => p.atS <= t + 1e-9).sort((a, b) => a.atS - b.atS || a.order - b.order);
    this.pending = this.pending.filter((p) => !(p.atS <= t + 1e-9));
    const fleetCommands: OperatorCommand[] = [];
    for (const p of due) {
      if (p.command.kind === 'failPump' || p.command.kind === 'restorePump')
        own.push(...applyPumpCommand(this.engine, p.command as PumpCommand, t, (id) => this.stationLonLat(id)));
      else fleetCommands.push(p.command as OperatorCommand);
    }
    // 2. The fleet reads the water, moves, dispatches, and hands the engine its pump sinks.
    const depth = this.engine.depthM();
    const sinks = this.fleet.step(depth, t, { commands: fleetCommands, pumpedM3: this.engine.pumpedBySinkM3() });
    this.engine.setTruckSinks(sinks);
    const t2 = performance.now();
    this.timing.fleetMs += t2 - t1;
    // 3. Sensors, river and rain.
    this.watch.observe(t, depth, own);
    this.timing.watchMs += performance.now() - t2;
    const fresh = this.fleet.events.slice(this.fleetSeen);
    this.fleetSeen = this.fleet.events.length;
    const merged: UnnumberedEvent[] = [...ownBefore(own), ...fresh, ...ownAfter(own)];
    if (this.finished && !this.cancelled) {
      const k = this.fleet.kpis(t);
      merged.push({ type: 'run.finished', timeS: t, casesOpened: k.casesOpened, casesCleared: k.casesCleared });
    }
    this.push(
      merged
        .map((e, i) => [e, i] as const)
        .sort((a, b) => a[0].timeS - b[0].timeS || a[1] - b[1])
        .map((x) => x[0]),
    );
  }

  /**
   * An operator command, timestamped (`atS`, default the next control step). Checked now against the time and the
   * ids it names; queued for its control step, where the fleet accepts or rejects it against the state then.
   */
  command(command: RunCommand): CommandAnswer {
    this.issued.push({ issuedS: this.tS, command: structuredClone(command) });
    const { atS: _a, ...rest } = command;
    const { reason, applyAtS } = this.check(command);
    if (reason) {
      this.push([{ type: 'command.rejected', timeS: this.tS, command: rest as OperatorCommand, reason }]);
      return { accepted: false, reason, applyAtS };
    }
    this.pending.push({ atS: applyAtS, order: this.order++, command: rest as OperatorCommand | PumpCommand });
    return { accepted: true, reason: '', applyAtS };
  }

  /**
   * What `command` would answer now, without issuing it or recording anything: a server checks a command before it
   * stores and acknowledges it.
   */
  check(command: RunCommand): CommandAnswer {
    const next = Math.min((this.k + 1) * this.spec.controlStepS, this.spec.durationS);
    const { atS, ...rest } = command;
    const applyAtS = atS ?? next;
    const reason = this.finished
      ? 'the run has finished'
      : checkCommandNow(rest as OperatorCommand | PumpCommand, applyAtS, this.tS, this.fleet, this.setup);
    return { accepted: !reason, reason, applyAtS };
  }

  /** Stops the run here; it is then finished. */
  cancel(reason: string): void {
    if (this.finished) return;
    this.cancelled = true;
    this.push([{ type: 'run.cancelled', timeS: this.tS, reason }]);
  }

  /** Events with a sequence number above `seq`, in order (only those since this object was built or restored). */
  eventsSince(seq: number): RunEvent[] {
    let lo = 0;
    while (lo < this.log.length && this.log[lo].seq <= seq) lo++;
    return this.log.slice(lo);
  }

  /** The last sequence number used. */
  get lastSeq(): number {
    return this.seq;
  }

  /** The picture of now: plain JSON. */
  view(): RunView {
    return buildView({
      tS: this.tS,
      step: this.k,
      durationS: this.spec.durationS,
      finished: this.finished,
      engine: this.engine,
      fleet: this.fleet,
      watch: this.watch,
      lonLat: (x, y) => this.lonLat(x, y),
    });
  }

  /** Everything needed to continue bit for bit, as bytes (see simulation/record/plain-codec.ts). */
  snapshot(): Uint8Array {
    const state: CheckpointState = {
      schema: CHECKPOINT_SCHEMA,
      spec: this.spec,
      staging: this.staging ?? null,
      k: this.k,
      seq: this.seq,
      order: this.order,
      pending: this.pending,
      failuresDone: this.spec.pumpFailures.filter((_, i) => this.failuresDone[i]).map(failureKey),
      issued: this.issued,
      engine: this.engine.snapshot(),
      fleet: this.fleet.saveState(),
      watch: this.watch.state(),
    };
    return encodePlain(state);
  }

  /** The engine, fleet and watch, for the record writer and result builders (read only). */
  get parts(): { engine: FloodEngine; fleet: FleetController; watch: RunWatch; setup: ScenarioSetup } {
    return { engine: this.engine, fleet: this.fleet, watch: this.watch, setup: this.setup };
  }

  /** WGS84 [lon, lat] of a local point, to 7 decimals (about 1 cm). */
  lonLat(x: number, y: number): [number, number] {
    this.wgs84 ??= projectorFor('EPSG:4326', this.twin.district.frame);
    const [lon, lat] = this.wgs84.fromLocal(x, y);
    return [round(lon, 7), round(lat, 7)];
  }

  /** Frees the engine's threads, if any. */
  close(): void {
    this.engine.close();
  }

  private stationLonLat(id: string): [number, number] | null {
    const p = this.twin.district.pumpStations.find((s) => s.id === id);
    return p ? this.lonLat(p.xy[0], p.xy[1]) : null;
  }

  private push(events: readonly UnnumberedEvent[]): void {
    for (const e of events) {
      const out = { ...e, seq: ++this.seq } as RunEvent;
      const xy = (e as { xy?: [number, number] }).xy;
      if (xy && !('lonLat' in e)) out.lonLat = this.lonLat(xy[0], xy[1]);
      this.log.push(out);
    }
  }
}

function failureKey(f: { id: string; atS: number }): string {
  return `${f.id}@${f.atS}`;
}

/** Pump events of a step come before the fleet's; watch events after. */
function ownBefore(own: UnnumberedEvent[]): UnnumberedEvent[] {
  return own.filter((e) => e.type.startsWith('pump.') || e.type.startsWith('command.'));
}

function ownAfter(own: UnnumberedEvent[]): UnnumberedEvent[] {
  return own.filter((e) => !(e.type.startsWith('pump.') || e.type.startsWith('command.')));
}

/** What a checkpoint holds. */
interface CheckpointState {
  schema: typeof CHECKPOINT_SCHEMA;
  spec: ScenarioSpec;
  staging: StagingPlan | null;
  k: number;
  seq: number;
  order: number;
  pending: Pending[];
  /** Scheduled failures already applied, as "station@atS". */
  failuresDone: string[];
  issued: IssuedCommand[];
  engine: FloodEngineSnapshot;
  fleet: FleetState;
  watch: WatchState;
}
