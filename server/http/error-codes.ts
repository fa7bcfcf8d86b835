// Every error the API can answer with, in one place: a coded constant, its HTTP status and what it means. The twin's
// and the simulation's errors carry their codes (TwinError.code, SimulationError.code); the API adds its own.
import type { TwinErrorCode } from '../../twin/errors.ts';
import type { SimErrorCode } from '../../simulation/errors.ts';

export type ApiErrorCode =
  | 'API_ERR_BAD_REQUEST'
  | 'API_ERR_VALIDATION'
  | 'API_ERR_BAD_JSON'
  | 'API_ERR_BAD_ID'
  | 'API_ERR_NOT_FOUND'
  | 'API_ERR_UNAUTHORIZED'
  | 'API_ERR_FORBIDDEN'
  | 'API_ERR_TOO_LARGE'
  | 'API_ERR_RATE_LIMITED'
  | 'API_ERR_RUN_STATE'
  | 'API_ERR_COMMAND_REJECTED'
  | 'API_ERR_QUEUE_FULL'
  | 'API_ERR_CONFLICT'
  | 'API_ERR_UPGRADE'
  | 'API_ERR_INTERNAL';

export type ErrorCode = ApiErrorCode | TwinErrorCode | SimErrorCode;

/** Status and meaning of every code. */
export const ERROR_CODES: Record<ErrorCode, { status: number; title: string }> = {
  API_ERR_BAD_REQUEST: { status: 400, title: 'the request is not valid' },
  API_ERR_VALIDATION: { status: 400, title: 'the request does not match the schema' },
  API_ERR_BAD_JSON: { status: 400, title: 'the body is not valid JSON' },
  API_ERR_BAD_ID: { status: 400, title: 'an id or file name is not allowed' },
  API_ERR_NOT_FOUND: { status: 404, title: 'no such resource' },
  API_ERR_UNAUTHORIZED: { status: 401, title: 'a valid token is needed' },
  API_ERR_FORBIDDEN: { status: 403, title: "the token's role may not do this" },
  API_ERR_TOO_LARGE: { status: 413, title: 'the body is too large' },
  API_ERR_RATE_LIMITED: { status: 429, title: 'too many requests' },
  API_ERR_RUN_STATE: { status: 409, title: 'the run is not in a state that allows this' },
  API_ERR_COMMAND_REJECTED: { status: 422, title: 'the run rejected the command' },
  API_ERR_QUEUE_FULL: { status: 503, title: 'the run queue is full' },
  API_ERR_CONFLICT: { status: 409, title: 'the resource exists already' },
  API_ERR_UPGRADE: { status: 426, title: 'this route is a WebSocket' },
  API_ERR_INTERNAL: { status: 500, title: 'internal error' },
  TWIN_ERR_INPUT: { status: 400, title: 'district data is not valid' },
  SIM_ERR_INPUT: { status: 400, title: 'simulation input is not valid' },
  SIM_ERR_SCENARIO: { status: 400, title: 'the scenario is not valid' },
  SIM_ERR_RECORD: { status: 422, title: 'the record cannot be read' },
};

/** An error the API answers with: a code, a message saying what and where, and the fix. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = ERROR_CODES[code].status;
    this.hint = hint;
  }
}

/** The error body every 4xx and 5xx carries. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  hint?: string;
}

/** 404 for an id that names nothing. */
export function notFound(kind: string, id: string): ApiError {
  return new ApiError('API_ERR_NOT_FOUND', `${kind} "${id}" does not exist`, `list them with GET /api/${kind}s`);
}
