// Districts: the list, one's summary (counts, extent, terrain provenance), its layers as GeoJSON in WGS84, and the
// simulation grid's metadata (size, cell, corner, CRS) that frames are drawn on.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DISTRICT_LAYERS, districtLayer, isDistrictLayer } from '../../../twin/district/index.ts';
import { localFrameProj4, localFrameWkt } from '../../../twin/projection/index.ts';
import { requireRole } from '../auth.ts';
import { districtInfo } from '../district-registry.ts';
import { ApiError } from '../error-codes.ts';
import { anyObject, errors, ID_PATTERN, IdParam } from '../schemas.ts';

export async function districtRoutes(app: FastifyInstance): Promise<void> {
  const viewer = requireRole('viewer');
  const reg = app.twin.districts;
  app.get(
    '/api/districts',
    {
      onRequest: viewer,
      schema: {
        tags: ['districts'],
        summary: 'Districts this server serves',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              name: Type.String(),
              nameEn: Type.String(),
              origin: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
              terrain: Type.String(),
              scenarios: Type.Array(Type.String()),
              attribution: Type.String(),
              riverPresets: Type.Array(Type.String(), { description: 'river stage presets (district.json river)' }),
              riverDefault: Type.String({ description: "the preset a scenario without river runs on ('' none)" }),
            }),
          ),
          ...errors(401, 403),
        },
      },
    },
    async () => reg.list().map(districtInfo),
  );
  app.get(
    '/api/districts/:id',
    {
      onRequest: viewer,
      schema: {
        tags: ['districts'],
        summary: "A district's summary (as `rivertwin inspect --json`)",
        params: IdParam,
        response: { 200: anyObject('DistrictSummary'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => reg.summary((req.params as { id: string }).id),
  );
  app.get(
    '/api/districts/:id/layers/:layer',
    {
      onRequest: viewer,
      schema: {
        tags: ['districts'],
        summary: 'One layer as a GeoJSON FeatureCollection in WGS84',
        description: `Layers: ${DISTRICT_LAYERS.join(', ')}`,
        params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), layer: Type.String({ pattern: ID_PATTERN }) }),
        response: { 200: anyObject('GeoJSON FeatureCollection (RFC 7946)'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id, layer } = req.params as { id: string; layer: string };
      const e = reg.get(id);
      if (!isDistrictLayer(layer))
        throw new ApiError('API_ERR_NOT_FOUND', `no layer "${layer}"`, `use one of ${DISTRICT_LAYERS.join(', ')}`);
      void reply.type('application/geo+json');
      return districtLayer(e.district, layer);
    },
  );
  app.get(
    '/api/districts/:id/grid',
    {
      onRequest: viewer,
      schema: {
        tags: ['districts'],
        summary: "The simulation grid at the district's cell size: size, corner, CRS",
        params: IdParam,
        response: {
          200: Type.Object({
            nx: Type.Integer(),
            ny: Type.Integer(),
            cellM: Type.Number(),
            x0: Type.Number(),
            y0: Type.Number(),
            proj4: Type.String(),
            crsWkt: Type.String(),
            origin: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const e = reg.get(id);
      const g = reg.twin(id).grid;
      return {
        nx: g.nx,
        ny: g.ny,
        cellM: g.cellM,
        x0: g.x0,
        y0: g.y0,
        proj4: localFrameProj4(e.district.frame),
        crsWkt: localFrameWkt(e.district.frame),
        origin: { lon: e.district.frame.originLon, lat: e.district.frame.originLat },
      };
    },
  );
}
