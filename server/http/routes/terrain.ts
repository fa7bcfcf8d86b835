// GET /api/districts/:id/terrain: the ground the app draws — the grid's bed elevation (float32 m) and surface class
// (uint8) at the district's cell size, as one binary RTT1 message (twin/grid/terrain-message.ts), gzip on request.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { encodeTerrainMessage } from '../../../twin/grid/index.ts';
import { requireRole } from '../auth.ts';
import { errors, IdParam } from '../schemas.ts';

export async function terrainRoutes(app: FastifyInstance): Promise<void> {
  // A district's ground does not change while the server runs: encoded and compressed once.
  const cache = new Map<string, { raw: Buffer; gz: Buffer }>();
  app.get(
    '/api/districts/:id/terrain',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['districts'],
        summary: "The grid's ground: RTT1 header (40 bytes) + float32 bed elevation (m) + uint8 surface, rows N to S",
        description:
          'Little-endian: u32 magic "RTT1", u32 nx, u32 ny, u32 0, f64 cellM, f64 x0, f64 y0 (south-west corner, local ' +
          'metres); then nx·ny float32 bed elevations in metres above the datum (flood walls included); then nx·ny ' +
          'uint8 surface classes (0 paved, 1 road, 2 roof, 3 green, 4 water). Decode with decodeTerrainMessage.',
        params: IdParam,
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      let entry = cache.get(id);
      if (!entry) {
        const g = app.twin.districts.twin(id).grid;
        const bytes = encodeTerrainMessage(g);
        const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        entry = { raw, gz: gzipSync(raw, { level: 6 }) };
        cache.set(id, entry);
      }
      void reply.type('application/octet-stream').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        void reply.header('content-encoding', 'gzip');
        return entry.gz;
      }
      return entry.raw;
    },
  );
}
