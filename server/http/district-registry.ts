// The districts a server serves, loaded once at start from their folders (the bundled one by default): the District,
// its scenario library, and — built on first use — its twin at the district's own cell size for summaries and grids.
import { basename } from 'node:path';
import { placeScenario, type ScenarioSpec } from '../../simulation/scenario/index.ts';
import { readScenarioInput, scenarioNames } from '../../simulation/scenario/resolve-scenario.node.ts';
import { parseScenario } from '../../simulation/scenario/scenario-spec.ts';
import { buildTwin, type Twin } from '../../twin/district/build-twin.ts';
import type { District } from '../../twin/district/index.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import { summariseDistrict, type DistrictSummary } from '../../twin/district/summary.ts';
import { notFound } from './error-codes.ts';

export interface DistrictEntry {
  id: string;
  dir: string;
  district: District;
  scenarios: string[];
}

/** What GET /api/districts lists for a district (and the offline pack's index holds). */
export function districtInfo(e: DistrictEntry) {
  return {
    id: e.id,
    name: e.district.manifest.name,
    nameEn: e.district.manifest.nameEn ?? e.id,
    origin: { lon: e.district.frame.originLon, lat: e.district.frame.originLat },
    terrain: e.district.terrain.provenance,
    scenarios: e.scenarios,
    attribution: e.district.manifest.attribution ?? '',
    // The river stages a scenario may name (the scenario editor offers them).
    riverPresets: Object.keys(e.district.manifest.river?.presets ?? {}),
    riverDefault: e.district.manifest.river?.default ?? '',
  };
}

export class DistrictRegistry {
  private readonly twins = new Map<string, Twin>();

  private constructor(private readonly entries: Map<string, DistrictEntry>) {}

  /** Loads every folder; a folder that fails to load fails the start with its error. */
  static async load(dirs: readonly string[]): Promise<DistrictRegistry> {
    const entries = new Map<string, DistrictEntry>();
    for (const dir of dirs) {
      const district = await loadDistrict(dir);
      const id = district.manifest.id ?? basename(dir);
      entries.set(id, { id, dir, district, scenarios: scenarioNames(dir) });
    }
    return new DistrictRegistry(entries);
  }

  list(): DistrictEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): DistrictEntry {
    const e = this.entries.get(id);
    if (!e) throw notFound('district', id);
    return e;
  }

  /** The twin at the district's own cell size, built once. */
  twin(id: string): Twin {
    const e = this.get(id);
    let t = this.twins.get(id);
    if (!t) {
      t = buildTwin(e.district, { cellM: e.district.manifest.grid.cellM });
      this.twins.set(id, t);
    }
    return t;
  }

  summary(id: string): DistrictSummary {
    const e = this.get(id);
    const t = this.twin(id);
    return summariseDistrict(e.district, t.graphReport, t.grid, t.grid.report, t.estimate);
  }

  /** A library scenario as written (unvalidated JSON), or 404. */
  libraryScenario(id: string, name: string): unknown {
    const e = this.get(id);
    if (!e.scenarios.includes(name)) throw notFound('scenario', name);
    return readScenarioInput(name, e.dir).raw;
  }

  /** Validates raw scenario JSON and places it on the district (river presets, cell size). */
  place(id: string, raw: unknown, input: string): ScenarioSpec {
    const e = this.get(id);
    const spec = placeScenario(parseScenario(raw, input), e.district);
    spec.cellM ??= e.district.manifest.grid.cellM;
    return spec;
  }
}
