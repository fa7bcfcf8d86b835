// Shared route schemas (TypeBox, i.e. JSON Schema): ids checked against traversal by pattern, the error body, and
// small pieces the resource plugins reuse. The scenario body is the same ScenarioSchema the CLI and the published
// datasets/schemas/scenario.schema.json use.
import { Type } from '@sinclair/typebox';

/** Ids: letters, digits, dot, dash, underscore; no slash, no leading dot, no '..'. */
export const ID_PATTERN = '^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,95}$';

export const IdParam = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export const ErrorBodySchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'TWIN_ERR_…, SIM_ERR_… or API_ERR_… (server/http/error-codes.ts)' }),
    error: Type.String(),
    message: Type.String(),
    hint: Type.Optional(Type.String()),
  },
  { $id: 'ErrorBody' },
);

/** The 4xx answers a route documents. */
export function errors(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorBody')]));
}

/** A JSON object of any shape (GeoJSON, views, KPIs) documented by its description. */
export function anyObject(description: string) {
  return Type.Object({}, { additionalProperties: true, description });
}

export const SECONDS = (description: string) => Type.Number({ minimum: 0, maximum: 1e7, description });
