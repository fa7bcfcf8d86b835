// A scenario: which storm, which river stage, how long, which fleet policy, what operators do and when — checked
// against the one published schema (scenario-schema.ts) before any work starts, every default filled in from one place.
import { Value } from '@sinclair/typebox/value';
import { Type, type TSchema } from '@sinclair/typebox';
import { SimulationError } from '../errors.ts';
import { validateRainSpec, type RainSpec } from '../rain/index.ts';
import { validateRiverStage, type RiverStageSpec } from './river-stage.ts';
import type { RunCommand } from './run-commands.ts';
import { COMMAND_SCHEMAS, RAIN_SCHEMAS, RIVER_SCHEMAS, SCENARIO_DEFAULTS, ScenarioSchema } from './scenario-schema.ts';

export interface ScenarioSpec {
  schema: 'rivertwin.scenario/1';
  name: string;
  title?: string;
  titleEn?: string;
  description?: string;
  descriptionEn?: string;
  /** Simulated time (s). */
  durationS: number;
  /** Fleet and sensor control step (s). Default 60. */
  controlStepS: number;
  /** Grid cell size (m); default the district's. */
  cellM?: number;
  rain: RainSpec;
  /**
   * The river stage: given whole, or one of the district's presets by name (absent: the district's default).
   * A run resolves a name against the district's district.json (`resolveRiverStage`) before it starts.
   */
  river?: RiverStageSpec | string;
  /** Sewer storage upstream of each pump station, mm of water over its catchment (default 10). */
  sewerStorageMm: number;
  /** Pump stations that fail (stop) at a time. */
  pumpFailures: { id: string; atS: number }[];
  /**
   * `size`: how many of the district's trucks run (fleet-size.ts says which); absent, the whole fleet. `depots`: only
   * the trucks of these depots (absent, every depot's).
   */
  fleet: {
    policy: 'nearest' | 'optimal' | 'manual';
    setupS: number;
    prePosition: boolean;
    size?: number;
    depots?: string[];
  };
  /** Operator commands at set times (a drill's script, an incident): each applies at the first control step ≥ atS. */
  commands: (RunCommand & { atS: number })[];
  seed: number;
  /** q-centred weighting θ of the flood engine (default 0.7, de Almeida et al. 2012). */
  theta: number;
  /** Local time stepping levels of the flood engine (absent: SCENARIO_LTS_LEVELS; 0: one global step). */
  localTimeStep?: number;
}

/**
 * Validates a scenario (parsed JSON) against the schema and fills every default.
 * @param input what to call it in messages (a file name, an option)
 * @throws SimulationError naming the JSON path of the first bad field and what it takes
 */
export function parseScenario(raw: unknown, input = 'scenario'): ScenarioSpec {
  const problem = firstProblem(ScenarioSchema, raw, '');
  if (problem)
    throw new SimulationError(problem.message, { input, field: problem.path || '/' }, problem.hint, 'SIM_ERR_SCENARIO');
  const r = raw as Record<string, unknown>;
  const d = SCENARIO_DEFAULTS;
  const spec: ScenarioSpec = {
    schema: 'rivertwin.scenario/1',
    name: typeof r.name === 'string' && r.name ? r.name : d.name,
    ...pick(r, ['title', 'titleEn', 'description', 'descriptionEn']),
    durationS: r.durationS as number,
    controlStepS: (r.controlStepS as number | undefined) ?? d.controlStepS,
    ...(r.cellM !== undefined ? { cellM: r.cellM as number } : {}),
    rain: validateRainSpec(r.rain, `${input} /rain`),
    ...(r.river !== undefined ? { river: validateRiverStage(r.river, `${input} /river`) } : {}),
    sewerStorageMm: (r.sewerStorageMm as number | undefined) ?? d.sewerStorageMm,
    pumpFailures: structuredClone((r.pumpFailures as ScenarioSpec['pumpFailures'] | undefined) ?? d.pumpFailures),
    fleet: { ...d.fleet, ...(r.fleet as object | undefined) },
    commands: structuredClone((r.commands as ScenarioSpec['commands'] | undefined) ?? d.commands),
    seed: (r.seed as number | undefined) ?? d.seed,
    theta: (r.theta as number | undefined) ?? d.theta,
    ...(r.localTimeStep !== undefined ? { localTimeStep: r.localTimeStep as number } : {}),
  };
  // Checks across fields, after the shape is right.
  const late = (path: string, what: string): never => {
    throw new SimulationError(
      what,
      { input, field: path },
      `give a time within the run's ${spec.durationS} s`,
      'SIM_ERR_SCENARIO',
    );
  };
  if (spec.controlStepS > spec.durationS)
    late('/controlStepS', `control step ${spec.controlStepS} s is longer than the run`);
  spec.pumpFailures.forEach(
    (f, i) => f.atS > spec.durationS && late(`/pumpFailures/${i}/atS`, `${f.atS} s is after the run ends`),
  );
  spec.commands.forEach(
    (c, i) => c.atS > spec.durationS && late(`/commands/${i}/atS`, `${c.atS} s is after the run ends`),
  );
  return spec;
}

const CommandSchema = Type.Union(Object.values(COMMAND_SCHEMAS));

/**
 * The first thing wrong with one timed operator command (as a scenario's `commands` item or a line of a command file
 * takes it), with its JSON path inside the command (e.g. `/truckId`), or null when it is well formed. Ids (trucks,
 * cases, stations) are not checked here: that needs the district and the run.
 */
export function commandProblem(raw: unknown): { path: string; message: string; hint?: string } | null {
  return firstProblem(CommandSchema, raw, '');
}

/** The first thing wrong with `value` against `schema`, with its JSON path, or null. */
function firstProblem(
  schema: TSchema,
  value: unknown,
  path: string,
): { path: string; message: string; hint?: string } | null {
  const e = Value.Errors(schema, value).First();
  if (!e) return null;
  const at = path + e.path;
  const here = pointer(value, e.path);
  // Unions told apart by `kind` (rain, river, commands): report inside the member the kind names.
  const members = unionMembers(e.schema);
  if (members) {
    const kind = (here as { kind?: unknown } | null)?.kind;
    if (typeof here === 'string' && members === RIVER_SCHEMAS) return null; // a preset name: checked when resolved
    if (typeof kind !== 'string' || !(kind in members))
      return {
        path: `${at}/kind`,
        message: `unknown kind ${JSON.stringify(kind)}`,
        hint: `use one of ${Object.keys(members).join(', ')}`,
      };
    return firstProblem(members[kind], here, at);
  }
  if (e.message.startsWith('Unexpected property')) {
    const fields = Object.keys(parentSchema(schema, e.path)?.properties ?? {});
    return { path: at, message: 'unknown field', hint: `fields here are ${fields.join(', ')}` };
  }
  const hint = schemaHint(at, e.schema);
  if (e.message.startsWith('Expected required property')) return { path: at, message: 'is missing', hint };
  return { path: at, message: `${JSON.stringify(here) ?? 'nothing'}: ${e.message.toLowerCase()}`, hint };
}

function unionMembers(schema: TSchema): Record<string, TSchema> | null {
  if (!('anyOf' in schema)) return null;
  for (const family of [RAIN_SCHEMAS, RIVER_SCHEMAS, COMMAND_SCHEMAS])
    if ((schema.anyOf as TSchema[]).some((m) => Object.values(family).includes(m))) return family;
  return null;
}

/** The schema of the object holding the property at `path`. */
function parentSchema(schema: TSchema, path: string): { properties?: Record<string, TSchema> } | undefined {
  let s: TSchema | undefined = schema;
  const parts = path.split('/').slice(1, -1);
  for (const p of parts) {
    if (!s) return undefined;
    if (s.type === 'array') s = s.items as TSchema;
    else s = (s.properties as Record<string, TSchema> | undefined)?.[p];
  }
  return s as { properties?: Record<string, TSchema> } | undefined;
}

function pointer(value: unknown, path: string): unknown {
  let v = value;
  for (const p of path.split('/').slice(1))
    v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[p];
  return v;
}

function schemaHint(path: string, s: TSchema): string | undefined {
  return typeof s.description === 'string' ? `${path.slice(path.lastIndexOf('/') + 1)}: ${s.description}` : undefined;
}

function pick(r: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof r[k] === 'string') out[k] = r[k] as string;
  return out;
}
