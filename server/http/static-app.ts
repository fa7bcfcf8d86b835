// The 3D twin app at `/`: the static build of scenes/ (npm run build → scenes/dist) served with @fastify/static,
// hashed assets cached for good and index.html never; without a build, `/` says how to make one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` writes the app. */
export const APP_DIST = join(import.meta.dirname, '..', '..', 'scenes', 'dist');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rivertwin: the app is not built</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>rivertwin</h1>
<p>The server is running, but the 3D app has not been built. Build it once, then reload this page:</p>
<pre>npm run build</pre>
<p>The API and its documentation are at <a href="/docs">/docs</a>.</p>
</body></html>
`;

/** Serves `dir` (default scenes/dist) at `/`; checked per request, so a build made after the start is picked up. */
export function staticApp(dir: string = APP_DIST) {
  return async function staticAppPlugin(app: FastifyInstance): Promise<void> {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: true,
      index: false,
      setHeaders(res, path) {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { schema: { hide: true } }, async (_req, reply) => {
      if (existsSync(join(dir, 'index.html'))) return reply.sendFile('index.html');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    });
  };
}
