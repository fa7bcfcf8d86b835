// Finds a scenario by name in a district's library (<district>/scenarios/<name>.json) or by path, reads and validates
// it; an unknown name lists the names there, broken JSON names the file, line and column.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SimulationError } from '../errors.ts';
import { parseScenario, type ScenarioSpec } from './scenario-spec.ts';

/** The scenario names of a district's library, sorted. */
export function scenarioNames(districtDir: string): string[] {
  const dir = join(resolve(districtDir), 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Reads and validates the scenario `nameOrPath` (a library name, or a path to a JSON file). */
export function resolveScenario(nameOrPath: string, districtDir: string): ScenarioSpec {
  const { raw, input } = readScenarioInput(nameOrPath, districtDir);
  return parseScenario(raw, input);
}

/** The scenario JSON as written (not yet validated) and what to call it in messages. */
export function readScenarioInput(nameOrPath: string, districtDir: string): { raw: unknown; input: string } {
  const isName = /^[a-z0-9][a-z0-9-]*$/i.test(nameOrPath) && !nameOrPath.endsWith('.json');
  const path = isName ? join(resolve(districtDir), 'scenarios', `${nameOrPath}.json`) : resolve(nameOrPath);
  if (!existsSync(path) || !statSync(path).isFile()) {
    if (isName) {
      const names = scenarioNames(districtDir);
      throw new SimulationError(
        `no scenario "${nameOrPath}" in ${join(districtDir, 'scenarios')}`,
        { input: '--scenario' },
        names.length
          ? `use one of ${names.join(', ')}, or a path to a scenario file`
          : 'give a path to a scenario file',
      );
    }
    throw new SimulationError(
      'file not found',
      { input: nameOrPath },
      'give a scenario name or the path of a JSON file',
    );
  }
  const text = readFileSync(path, 'utf8');
  const input = isName ? `scenario ${nameOrPath}` : nameOrPath;
  return { raw: parseJson(text, isName ? `${nameOrPath}.json` : nameOrPath), input };
}

/** JSON.parse with the error placed at a line and column of the file. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')}`;
    } else if (/Unexpected end of JSON input/.test(msg)) where = ' (it ends too soon: truncated?)';
    throw new SimulationError(
      `is not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`,
      { input: file },
      'the file is cut short or has a typo there',
    );
  }
}
