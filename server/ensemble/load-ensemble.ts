// Reads an ensemble for a run: the spec checked, its district loaded (relative to the spec file, or given), the base
// scenario read from the district's library or taken inline, and every member's scenario placed on the district with
// its cell size set — all before any member is queued, so a bad axis or value fails at once, naming its JSON path.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SimulationError } from '../../simulation/errors.ts';
import {
  ensembleMembers,
  parseEnsemble,
  type EnsembleMember,
  type EnsembleSpec,
} from '../../simulation/ensemble/index.ts';
import { placeScenario } from '../../simulation/scenario/index.ts';
import type { PlacedScenario } from '../../simulation/scenario/scenario-setup.ts';
import { parseJson, readScenarioInput } from '../../simulation/scenario/resolve-scenario.node.ts';
import { districtContentHash } from '../../twin/district/district-hash.node.ts';
import type { District } from '../../twin/district/index.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';

/** An ensemble ready to run. */
export interface LoadedEnsemble {
  spec: EnsembleSpec;
  /** The district folder, absolute (workers on other machines must see it at the same path). */
  districtDir: string;
  district: District;
  contentHash: string;
  members: (EnsembleMember & { scenario: PlacedScenario })[];
  /** A hash of the spec and the district: the same ensemble gets the same id, and its members the same run ids. */
  id: string;
}

/** Reads `specPath` (a file) and loads the district it names, relative to the file. */
export async function loadEnsembleFile(specPath: string): Promise<LoadedEnsemble> {
  const raw = parseJson(readFileSync(specPath, 'utf8'), specPath);
  const spec = parseEnsemble(raw, specPath);
  if (!spec.district)
    throw new SimulationError(
      'is missing',
      { input: specPath, field: '/district' },
      'name the district folder, relative to this file (e.g. "..")',
      'SIM_ERR_SCENARIO',
    );
  return prepareEnsemble(spec, resolve(dirname(specPath), spec.district), specPath);
}

/**
 * Expands a checked spec on a district folder.
 * @param input what to call the ensemble in messages
 * @param loadedDistrict the district of that folder when it is loaded already (the server's registry)
 */
export async function prepareEnsemble(
  spec: EnsembleSpec,
  districtDir: string,
  input: string,
  loadedDistrict?: District,
): Promise<LoadedEnsemble> {
  const dir = resolve(districtDir);
  const district = loadedDistrict ?? (await loadDistrict(dir));
  let baseRaw: Record<string, unknown>;
  if (typeof spec.base === 'string') {
    const base = readScenarioInput(spec.base, dir).raw;
    if (base === null || typeof base !== 'object' || Array.isArray(base))
      throw new SimulationError('is not a scenario object', { input: spec.base }, 'give a scenario file');
    baseRaw = base as Record<string, unknown>;
  } else baseRaw = spec.base;
  const facts = {
    riverPresets: Object.keys(district.manifest.river?.presets ?? {}),
    fleetSize: district.fleet.length,
  };
  const members = ensembleMembers(spec, baseRaw, facts, input).map((m) => {
    const scenario = placeScenario(m.scenario, district);
    scenario.cellM ??= district.manifest.grid.cellM;
    return { ...m, scenario };
  });
  const contentHash = districtContentHash(dir);
  const id = `ens-${createHash('sha256').update(JSON.stringify({ spec, contentHash })).digest('hex').slice(0, 12)}`;
  return { spec, districtDir: dir, district, contentHash, members, id };
}
