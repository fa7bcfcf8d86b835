// Any error as the API's coded body: domain errors keep their code and message (what, where, fix), fastify's own
// (schema validation with the JSON path, malformed JSON, body too large, rate limit) get theirs, anything else is a
// 500 that says nothing of the internals.
import { ApiError, ERROR_CODES, type ErrorBody, type ErrorCode } from './error-codes.ts';

interface FastifyLikeError extends Error {
  code?: string;
  statusCode?: number;
  validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}

export function errorBody(err: unknown): ErrorBody {
  const e = err as FastifyLikeError;
  const make = (code: ErrorCode, message: string, hint?: string): ErrorBody => ({
    statusCode: ERROR_CODES[code].status,
    code,
    error: ERROR_CODES[code].title,
    message,
    ...(hint ? { hint } : {}),
  });
  if (e instanceof ApiError) return make(e.code, e.message, e.hint);
  if ((e?.name === 'TwinError' || e?.name === 'SimulationError') && typeof e.code === 'string' && e.code in ERROR_CODES)
    return make(e.code as ErrorCode, e.message, (e as { hint?: string }).hint);
  if (e?.validation) {
    const v = e.validation[0] ?? {};
    const where = `${e.validationContext ?? 'body'}${v.instancePath || ''}`;
    const extra =
      v.params && 'additionalProperty' in v.params ? ` ("${String(v.params.additionalProperty)}" is not a field)` : '';
    const code: ErrorCode = e.validationContext === 'params' ? 'API_ERR_BAD_ID' : 'API_ERR_VALIDATION';
    return make(code, `${where}: ${v.message ?? 'is not valid'}${extra}`, 'see the schema at /docs');
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return make('API_ERR_BAD_JSON', `the body is not valid JSON: ${e.message}`, 'send a JSON object');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return make('API_ERR_TOO_LARGE', e.message, 'send a smaller body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { ...make('API_ERR_BAD_REQUEST', e.message, 'send application/json'), statusCode: 415 };
  }
  if (e instanceof SyntaxError) return make('API_ERR_BAD_JSON', `the body is not valid JSON: ${e.message}`);
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return { ...make('API_ERR_BAD_REQUEST', e.message), statusCode: e.statusCode };
  return make('API_ERR_INTERNAL', 'the server failed to answer', 'try again; the log has the cause');
}
