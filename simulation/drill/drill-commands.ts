// A drill's script: timed operator commands, one JSON object per line (the shape `rivertwin fork --commands` and a
// scenario's `commands` take), checked line by line; fed to a ScenarioRun as the run reaches them; and the plan's own
// dispatches read back from its events as such a script (a drill that copies the plan).
import { commandProblem, type RunCommand, type RunEvent, type ScenarioRun } from '../scenario/index.ts';

/** A command with the time it applies at (s from the run start). */
export type TimedCommand = RunCommand & { atS: number };

/** One bad line of a command file. */
export interface CommandLineProblem {
  /** Line number, from 1. */
  line: number;
  /** The field at fault (`atS`, `truckId`, …), or '' for the line as a whole. */
  field: string;
  message: string;
  /** How to fix it. */
  hint: string;
}

/** What a command file holds: the good commands (with their line numbers) and the bad lines. */
export interface DrillScriptText {
  commands: TimedCommand[];
  lines: number[];
  problems: CommandLineProblem[];
}

/** What the lines are checked against: the run's length and the ids of its trucks and pump stations. */
export interface DrillScriptContext {
  durationS: number;
  truckIds: readonly string[];
  stationIds: readonly string[];
}

/**
 * Reads a command file: blank lines and lines starting with `#` are skipped; every other line must be a well-formed
 * command with an `atS` within the run, naming a truck and station of the district, in time order (an operator's log
 * is). Cases are not checked: they open as the run goes, and the fleet rejects an order for a case that has not.
 */
export function parseDrillScript(text: string, ctx: DrillScriptContext): DrillScriptText {
  const out: DrillScriptText = { commands: [], lines: [], problems: [] };
  let lastAtS = 0;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const body = raw.trim();
    if (!body || body.startsWith('#')) return;
    const bad = (field: string, message: string, hint: string): void => {
      out.problems.push({ line, field, message, hint });
    };
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      bad('', `not JSON (${(err as Error).message})`, 'write one JSON object per line');
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      bad('', 'not a JSON object', 'write e.g. {"atS": 5400, "kind": "dispatch", "truckId": "T03", "caseId": "C007"}');
      return;
    }
    const shape = commandProblem(value);
    if (shape) {
      bad(shape.path.slice(1), shape.message, shape.hint ?? 'see datasets/schemas/scenario.schema.json, "commands"');
      return;
    }
    const cmd = value as TimedCommand;
    if (cmd.atS > ctx.durationS) {
      bad('atS', `${cmd.atS} s is after the run ends (${ctx.durationS} s)`, 'give a time within the run');
      return;
    }
    if (cmd.atS < lastAtS) {
      bad('atS', `${cmd.atS} s is before the line above (${lastAtS} s)`, 'keep the lines in time order');
      return;
    }
    if ('truckId' in cmd && !ctx.truckIds.includes(cmd.truckId)) {
      bad('truckId', `unknown truck "${cmd.truckId}"`, `trucks are ${ctx.truckIds.join(', ')}`);
      return;
    }
    if ('stationId' in cmd && !ctx.stationIds.includes(cmd.stationId)) {
      bad('stationId', `unknown pump station "${cmd.stationId}"`, `stations are ${ctx.stationIds.join(', ')}`);
      return;
    }
    lastAtS = cmd.atS;
    out.commands.push(cmd);
    out.lines.push(line);
  });
  return out;
}

/**
 * Feeds a script to a run as an operator would give it: each command is issued through `ScenarioRun.command` at the
 * last control step before the one it applies at, so it lands in the command log when it was given. Call
 * `beforeStep` before every `advance`.
 */
export class DrillFeeder {
  private next = 0;

  constructor(private readonly commands: readonly TimedCommand[]) {}

  /** Issues the commands that apply at the coming control step. */
  beforeStep(run: ScenarioRun): void {
    const stepS = run.spec.controlStepS;
    const comingS = Math.min(run.tS + stepS, run.spec.durationS);
    while (this.next < this.commands.length && this.commands[this.next].atS <= comingS + 1e-9) {
      run.command(this.commands[this.next++]);
    }
  }

  /** Commands not issued yet (the run ended first). */
  get left(): number {
    return this.commands.length - this.next;
  }
}

/**
 * The dispatches a run made (re-plans included), as operator commands at the control step each was made: what a duty
 * officer would have to order to do what the automatic policy did.
 */
export function dispatchesAsCommands(events: readonly RunEvent[]): TimedCommand[] {
  const out: TimedCommand[] = [];
  for (const e of events) {
    if (e.type !== 'case.dispatched') continue;
    out.push({ atS: e.timeS, kind: 'dispatch', truckId: e.truckId, caseId: e.caseId });
  }
  return out;
}
