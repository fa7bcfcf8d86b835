// The embedded store: runs, events by seq with type prefixes and time windows, commands pending until accepted,
// tokens by hash; reopened from its file, everything is still there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../../server/http/store/sqlite-store.ts';
import type { RunRow } from '../../../../server/http/store/store.ts';
import type { RunEvent } from '../../../../simulation/scenario/index.ts';

const run: RunRow = {
  id: 'run-1',
  districtId: 'd',
  scenarioName: 's',
  specJson: '{}',
  seed: 1,
  status: 'queued',
  pace: 0,
  parentId: null,
  forkAtS: null,
  planFor: null,
  checkpointEveryS: 3600,
  reachedS: 0,
  durationS: 7200,
  kpisJson: null,
  error: null,
  resumes: 0,
  resumedFromS: null,
  createdBy: 'me',
  createdAt: '2026-11-29T00:00:00.000Z',
  finishedAt: null,
};
const ev = (seq: number, timeS: number, type: string) => ({ seq, timeS, type }) as unknown as RunEvent;

describe('SqliteStore', () => {
  it('keeps runs, events, commands and tokens across a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivertwin-store-'));
    const file = join(dir, 'db.sqlite');
    try {
      let s = new SqliteStore(file);
      s.insertRun(run);
      s.updateRun('run-1', { status: 'running', reachedS: 60 });
      s.appendEvents('run-1', [ev(1, 0, 'run.started'), ev(2, 60, 'case.opened'), ev(3, 120, 'case.dispatched')]);
      s.appendEvents('run-1', [ev(4, 180, 'sensor.alarm')]);
      const n1 = s.insertCommand('run-1', '{"kind":"hold"}', 'desk-1');
      const n2 = s.insertCommand('run-1', '{"kind":"recall"}', 'desk-1');
      expect([n1, n2]).toEqual([1, 2]);
      s.acceptCommand('run-1', n1, 60);
      s.insertToken({ id: 't1', name: 'kiosk', role: 'viewer', hash: 'abc', createdAt: run.createdAt });
      s.close();

      s = new SqliteStore(file);
      expect(s.getRun('run-1')).toMatchObject({ status: 'running', reachedS: 60 });
      expect(s.events('run-1', { limit: 10 }).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(s.events('run-1', { types: ['case.'], limit: 10 }).map((e) => e.seq)).toEqual([2, 3]);
      expect(s.events('run-1', { types: ['case.opened', 'sensor.alarm'], limit: 10 }).map((e) => e.seq)).toEqual([
        2, 4,
      ]);
      expect(s.events('run-1', { fromS: 60, toS: 120, limit: 10 }).map((e) => e.seq)).toEqual([2, 3]);
      expect(s.events('run-1', { afterSeq: 2, limit: 1 }).map((e) => e.seq)).toEqual([3]);
      s.truncateEvents('run-1', 2);
      expect(s.events('run-1', { limit: 10 }).map((e) => e.seq)).toEqual([1, 2]);
      expect(s.commands('run-1', 'accepted').map((c) => [c.n, c.issuedS])).toEqual([[1, 60]]);
      expect(s.dropPendingCommands()).toBe(1);
      expect(s.commands('run-1').map((c) => c.n)).toEqual([1]);
      expect(s.tokenByHash('abc')?.name).toBe('kiosk');
      expect(s.deleteToken('t1')).toBe(true);
      expect(s.listRuns({ status: 'running', limit: 5, offset: 0 }).map((r) => r.id)).toEqual(['run-1']);
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
