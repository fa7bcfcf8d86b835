// The embedded queue: at most maxThreads runs at once and maxQueued waiting, a coded 503 past that; a queued job can
// be taken out; a job whose district cannot load reports 'failed' with the cause, and the next one starts.
import { describe, expect, it } from 'vitest';
import { LocalPool } from '../../../../server/http/jobs/local-pool.ts';
import type { JobMessage, RunJob } from '../../../../server/http/jobs/job-queue.ts';
import { ApiError } from '../../../../server/http/error-codes.ts';

const job = (runId: string): RunJob => ({
  runId,
  districtDir: '/nonexistent/district',
  spec: { cellM: 20 } as RunJob['spec'],
  recordDir: `/tmp/rivertwin-pool-test/${runId}`,
  checkpointEveryS: 3600,
  pace: 0,
  start: { kind: 'new' },
});

describe('LocalPool', () => {
  it('bounds threads and backlog, dequeues, and reports a failing job', async () => {
    const pool = new LocalPool({ maxThreads: 1, maxQueued: 1 });
    const seen: JobMessage[] = [];
    const failed = new Promise<void>((resolve) =>
      pool.onMessage((m) => {
        seen.push(m);
        if (m.type === 'failed' && m.runId === 'b') resolve();
      }),
    );
    pool.submit(job('a'));
    pool.submit(job('b'));
    expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });
    expect(() => pool.submit(job('c'))).toThrow(ApiError);
    try {
      pool.submit(job('c'));
    } catch (err) {
      expect((err as ApiError).code).toBe('API_ERR_QUEUE_FULL');
      expect((err as ApiError).statusCode).toBe(503);
    }
    expect(pool.state('a')).toBe('running');
    expect(pool.state('b')).toBe('queued');
    await failed;
    const a = seen.find((m) => m.type === 'failed' && m.runId === 'a');
    expect(a && a.type === 'failed' && a.error).toMatch(/nonexistent/);
    while (pool.stats().running > 0) await new Promise((r) => setTimeout(r, 20));
    pool.submit(job('d'));
    pool.submit(job('e'));
    expect(pool.dequeue('e')).toBe(true);
    expect(pool.state('e')).toBe(null);
    await pool.close();
  }, 60_000);
});
