// Checks the editor's form as you type with the very parser the CLI and the API use (parseScenario, pure, bundled
// into the editor's chunk), and turns its error — or the server's placement error — into a message at a field.
import { SimulationError } from '../../../simulation/errors.ts';
import { parseScenario, type ScenarioSpec } from '../../../simulation/scenario/index.ts';
import { fieldOfPath, formToScenario, pathInMessage, type ScenarioForm } from './scenario-form.ts';

/** A problem shown at one field: the field id, the scenario's JSON path and the message (what, and the fix). */
export interface FieldProblem {
  field: string;
  path: string;
  message: string;
}

/** The outcome of a check: the scenario as it would run, or the first problem. */
export type FormCheck =
  | { ok: true; scenario: Record<string, unknown>; spec: ScenarioSpec }
  | { ok: false; scenario: Record<string, unknown>; problem: FieldProblem };

/** Parses the form's scenario with the shared schema and checks; never throws for bad input. */
export function checkForm(form: ScenarioForm): FormCheck {
  const { scenario, fields } = formToScenario(form);
  try {
    return { ok: true, scenario, spec: parseScenario(scenario, 'scenario') };
  } catch (e) {
    if (!(e instanceof SimulationError)) throw e;
    return { ok: false, scenario, problem: problemAt(e.where.field ?? pathInMessage(e.message), e.message, fields) };
  }
}

/** The server's answer to a placement (a coded error body's message) at the field its JSON path names. */
export function serverProblem(form: ScenarioForm, message: string): FieldProblem {
  return problemAt(pathInMessage(message), message, formToScenario(form).fields);
}

function problemAt(path: string, message: string, fields: readonly [string, string][]): FieldProblem {
  // "simulation: scenario, field "/x": what. Fix: how" — the field is shown by place, so the message keeps the rest.
  const text = message.replace(/^simulation: /, '').replace(/^scenario(?: [^,]*)?, field "[^"]*": /, '');
  return { field: fieldOfPath(path, fields), path, message: text };
}
