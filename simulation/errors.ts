// The simulation layer's one error type: bad scenario input or an impossible run, saying what, where and how to fix it.

/** Where in the input a simulation problem lies. */
export interface SimulationErrorWhere {
  /** The input (file, option or object) at fault, e.g. '--rain', 'hydrograph.csv', 'truck T3'. */
  input?: string;
  /** Row, index, cell or id within it. */
  item?: string | number;
  field?: string;
}

/**
 * What kind of simulation error, for the API (server/http/error-codes.ts maps each to an HTTP status): bad input in
 * general, a scenario that fails its schema or checks, a record that cannot be read.
 */
export type SimErrorCode = 'SIM_ERR_INPUT' | 'SIM_ERR_SCENARIO' | 'SIM_ERR_RECORD';

/** An error in simulation input or set-up. */
export class SimulationError extends Error {
  readonly where: SimulationErrorWhere;
  readonly hint: string | undefined;
  readonly code: SimErrorCode;

  constructor(what: string, where: SimulationErrorWhere = {}, hint?: string, code: SimErrorCode = 'SIM_ERR_INPUT') {
    const parts: string[] = [];
    if (where.input) parts.push(where.input);
    if (where.item !== undefined) parts.push(typeof where.item === 'number' ? `item ${where.item}` : where.item);
    if (where.field) parts.push(`field "${where.field}"`);
    super(`simulation: ${parts.length ? parts.join(', ') + ': ' : ''}${what}${hint ? `. Fix: ${hint}` : ''}`);
    this.name = 'SimulationError';
    this.where = where;
    this.hint = hint;
    this.code = code;
  }
}
