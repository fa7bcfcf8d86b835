// GET /api/runs/:id/stream (WebSocket): a live run's progress, events and frames as they are produced — after a
// hello and the events so far (or since `since`) — or, for a finished run, a replay of its record at `speed`
// (simulated s per wall s) on one clock shared by every screen that follows it. JSON text for everything but frames,
// which are binary RTF1 messages.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth.ts';
import { ApiError } from '../error-codes.ts';
import { ReplayChannel } from '../live/replay-channel.ts';
import { errors, IdParam } from '../schemas.ts';
import { runInfo } from './runs.ts';

export async function streamRoutes(app: FastifyInstance): Promise<void> {
  const { runs, store } = app.twin;
  const replays = new Map<string, ReplayChannel>();
  app.route({
    method: 'GET',
    url: '/api/runs/:id/stream',
    onRequest: requireRole('viewer'),
    schema: {
      tags: ['live'],
      summary: 'WebSocket: a live run as it goes, or a finished run replayed at a speed',
      params: IdParam,
      querystring: Type.Object({
        since: Type.Integer({ minimum: 0, default: 0, description: 'live: send stored events after this seq first' }),
        speed: Type.Number({ minimum: 1, maximum: 3600, default: 60, description: 'replay: simulated s per wall s' }),
      }),
      response: { ...errors(400, 401, 403, 404, 426) },
    },
    // A plain GET (no upgrade) is told to upgrade; declared this way the route stays in the OpenAPI document.
    handler: async (req) => {
      app.twin.runs.get((req.params as { id: string }).id);
      throw new ApiError('API_ERR_UPGRADE', 'this is a WebSocket stream', 'connect with a WebSocket client (ws://…)');
    },
    wsHandler: (socket, req) => {
      const { id } = req.params as { id: string };
      const { since, speed } = req.query as { since: number; speed: number };
      const row = runs.get(id);
      if (['queued', 'running', 'paused', 'interrupted'].includes(row.status)) {
        // Joined and backfilled in one tick: the store and the channel are fed by the same thread, so no event is
        // missed or sent twice between them.
        const channel = runs.channel(id);
        channel.add(socket);
        socket.send(JSON.stringify({ type: 'hello', mode: 'live', run: runInfo(row) }));
        const backlog = store.events(id, { afterSeq: since, limit: 1e9 });
        if (backlog.length) socket.send(JSON.stringify({ type: 'events', events: backlog }));
        if (channel.lastFrame) socket.send(channel.lastFrame);
        return;
      }
      const key = `${id}@${speed}`;
      let replay = replays.get(key);
      if (!replay) {
        replay = new ReplayChannel(runs.recordDir(id), speed, () => replays.delete(key));
        replays.set(key, replay);
      }
      const r = replay;
      r.channel.add(socket, () => r.stop());
      socket.send(JSON.stringify({ ...r.hello(), run: runInfo(row) }));
      const passed = r.passed();
      if (passed.length) socket.send(JSON.stringify({ type: 'events', events: passed }));
      if (r.channel.lastFrame) socket.send(r.channel.lastFrame);
      r.start();
    },
  });
}
