// Security defaults: helmet's headers, no CORS unless origins are configured, a per-client rate limit answered with a
// coded 429, and the browsable API docs page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
let limited: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  limited = await startTestServer({ rateLimitPerMinute: 5, corsOrigins: ['https://ops.example.gov.cn'] });
}, 60_000);
afterAll(async () => {
  await s?.close();
  await limited?.close();
});

describe('security defaults', () => {
  it('sends security headers', async () => {
    const r = await s.call('/api/districts');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('allows no cross-origin reads unless configured', async () => {
    const r = await s.call('/api/districts', { headers: { origin: 'https://evil.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await limited.call('/api/districts', { headers: { origin: 'https://ops.example.gov.cn' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://ops.example.gov.cn');
    const other = await limited.call('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits the request rate per client with a coded 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await limited.call('/api/runs')).status);
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    const last = await limited.call('/api/runs');
    expect(last.status).toBe(429);
    expect(((await last.json()) as { code: string }).code).toBe('API_ERR_RATE_LIMITED');
  });

  it('serves the API docs page', async () => {
    const r = await s.call('/docs/static/index.html');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('swagger');
  });
});
