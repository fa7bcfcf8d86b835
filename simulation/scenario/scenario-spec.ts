// A scenario: which storm, which river stage, how long, which fleet policy; validated before any work starts.
import { SimulationError } from '../errors.ts';
import { validateRainSpec, type RainSpec } from '../rain/index.ts';
import { validateRiverStage, type RiverStageSpec } from './river-stage.ts';
import type { RunCommand } from './run-commands.ts';

export interface ScenarioSpec {
  schema: 'rivertwin.scenario/1';
  name: string;
  /** Simulated time (s). */
  durationS: number;
  /** Fleet and sensor control step (s). Default 60. */
  controlStepS: number;
  /** Grid cell size (m); default the district's. */
  cellM?: number;
  rain: RainSpec;
  river: RiverStageSpec;
  /** Sewer storage upstream of each pump station, mm of water over its catchment (default 10). */
  sewerStorageMm: number;
  /** Pump stations that fail (stop) at a time. */
  pumpFailures: { id: string; atS: number }[];
  fleet: { policy: 'nearest' | 'optimal'; setupS: number; prePosition: boolean };
  seed: number;
  /** q-centred weighting θ of the flood engine (default 0.7, de Almeida et al. 2012). */
  theta: number;
  /** Operator commands at set times (a drill's script, an incident): each applies at the first control step ≥ atS. */
  commands?: (RunCommand & { atS: number })[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a scenario (parsed JSON) and fills defaults. */
export function parseScenario(raw: unknown, input = 'scenario'): ScenarioSpec {
  if (!isRecord(raw)) throw new SimulationError('not a JSON object', { input });
  const known = [
    'schema',
    'name',
    'durationS',
    'controlStepS',
    'cellM',
    'rain',
    'river',
    'sewerStorageMm',
    'pumpFailures',
    'fleet',
    'seed',
    'theta',
  ];
  for (const k of Object.keys(raw)) {
    if (!known.includes(k))
      throw new SimulationError(`unknown field "${k}"`, { input, field: k }, `fields are ${known.join(', ')}`);
  }
  const num = (v: unknown, field: string, min: number, max: number, dflt?: number): number => {
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new SimulationError(`${JSON.stringify(v)} is not a number in ${min}..${max}`, { input, field });
    }
    return v;
  };
  if (raw.schema !== undefined && raw.schema !== 'rivertwin.scenario/1') {
    throw new SimulationError(
      `unknown schema ${JSON.stringify(raw.schema)}`,
      { input, field: 'schema' },
      'use "rivertwin.scenario/1"',
    );
  }
  const durationS = num(raw.durationS, 'durationS', 60, 30 * 86_400);
  const controlStepS = num(raw.controlStepS, 'controlStepS', 1, 3600, 60);
  if (controlStepS > durationS)
    throw new SimulationError('controlStepS is longer than the run', { input, field: 'controlStepS' });
  const fleet = isRecord(raw.fleet) ? raw.fleet : {};
  const policy = fleet.policy ?? 'optimal';
  if (policy !== 'nearest' && policy !== 'optimal') {
    throw new SimulationError(
      `unknown policy ${JSON.stringify(policy)}`,
      { input, field: 'fleet.policy' },
      'use "nearest" or "optimal"',
    );
  }
  const failures = raw.pumpFailures ?? [];
  if (!Array.isArray(failures)) throw new SimulationError('must be a list', { input, field: 'pumpFailures' });
  const spec: ScenarioSpec = {
    schema: 'rivertwin.scenario/1',
    name: typeof raw.name === 'string' && raw.name ? raw.name : 'unnamed scenario',
    durationS,
    controlStepS,
    rain: validateRainSpec(raw.rain, `${input}.rain`),
    river: validateRiverStage(raw.river ?? 'ordinary', `${input}.river`),
    sewerStorageMm: num(raw.sewerStorageMm, 'sewerStorageMm', 0, 500, 10),
    pumpFailures: failures.map((f: unknown, i: number) => {
      if (!isRecord(f) || typeof f.id !== 'string')
        throw new SimulationError('must be {"id": "P01", "atS": 3600}', { input, field: `pumpFailures[${i}]` });
      return { id: f.id, atS: num(f.atS, `pumpFailures[${i}].atS`, 0, durationS) };
    }),
    fleet: {
      policy,
      setupS: num(fleet.setupS, 'fleet.setupS', 0, 7200, 600),
      prePosition: fleet.prePosition === true,
    },
    seed: num(raw.seed, 'seed', 0, 2 ** 31, 1),
    theta: num(raw.theta, 'theta', 0.5, 1, 0.7),
  };
  if (raw.cellM !== undefined) spec.cellM = num(raw.cellM, 'cellM', 1, 200);
  return spec;
}
