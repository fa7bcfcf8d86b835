// `rivertwin import-incidents` as a user runs it: the sample Pulasan log imports (golden summary), replays at a
// moment and lists its events; with --simulate the record has depth frames with water and the plan's scenario; a bad
// row exits 1 with one line naming file, row and column; --lenient skips and reports it in the output and the record.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../simulation/scenario/index.ts';
import { RecordReplay } from '../../../simulation/record/index.ts';
import { RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import type { RunView } from '../../../simulation/scenario/index.ts';
import { repoRoot, runCli } from '../../helpers/cli.ts';
import { expectGolden } from '../../helpers/golden.ts';

const tmp = mkdtempSync(join(tmpdir(), 'rivertwin-incidents-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const district = 'datasets/shanghai-bund';
const sample = readdirSync(join(repoRoot, district, 'incidents'))
  .filter((f) => /\.(csv|ndjson)$/.test(f))
  .sort()
  .map((f) => `${district}/incidents/${f}`);
const golden = join(repoRoot, 'tests/fixtures/server/import-incidents');

describe('rivertwin import-incidents', () => {
  const out = join(tmp, 'pulasan');

  it('imports the sample log; the summary is the golden one', () => {
    const r = runCli(['import-incidents', district, ...sample, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary.record).toBe(out);
    expectGolden(join(golden, 'pulasan-summary.json'), { ...summary, record: '<out>' });
  });

  it('replays the imported record at a moment and lists its events', () => {
    const text = runCli(['replay', out, '--at', '07:50']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/cases +4 not closed \(1 dispatched, 3 open\)/);
    expect(text.stdout).toMatch(/trucks +1 of 8 busy: T07 enRoute → WO-0920-002/);
    expect(text.stdout).toMatch(/sensors +4 of 45 above alert: W03 alert 0\.08 m, W04 alarm 0\.27 m/);
    expect(text.stdout).toMatch(/pump stations +not in the record/);
    const later = JSON.parse(runCli(['replay', out, '--at', '09:30', '--json']).stdout) as RunView;
    expect(later.cases.map((c) => c.id)).toEqual([
      'WO-0920-005',
      'WO-0920-006',
      'WO-0920-008',
      'WO-0920-009',
      'WO-0920-010',
      'WO-0920-011',
    ]);
    expect(later.roads.closedEdgeKeys).toEqual([]);
    const ev = runCli(['events', out, '--type', 'case.dispatched,truck.arrived', '--from', '07:30', '--to', '07:59']);
    expect(
      ev.stdout
        .trim()
        .split('\n')
        .map((l) => [l.split(/\s+/)[0], l.split(/\s+/)[2], /caseId="([^"]+)"/.exec(l)?.[1]]),
    ).toEqual([
      ['07:38:00', 'case.dispatched', 'WO-0920-002'],
      ['07:52:00', 'case.dispatched', 'WO-0920-003'],
      ['07:55:00', 'truck.arrived', 'WO-0920-002'],
    ]);
  });

  it('with --simulate runs the flood engine on the measured rain: depth frames with water, and the plan scenario', () => {
    const sim = join(tmp, 'pulasan-sim');
    const r = runCli(['import-incidents', district, ...sample, '--out', sim, '--simulate', '--cell', '20']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/flood run +on the measured rain/);
    const replay = RecordReplay.open(new RecordFolderSource(sim));
    expect(replay.hasDepth).toBe(true);
    expect(replay.manifest.source?.simulated).toBe(true);
    expect(replay.frameCount).toBe(12 * 60 + 1);
    expect(replay.manifest.scenario.rain.kind).toBe('stations');
    expect(replay.manifest.scenario.river).toMatchObject({ kind: 'series' });
    // Land cells with at least 5 cm of water: none before the rain (the river's cells hold the tide), some at 07:40.
    const { riverMask } = { riverMask: replay.frameAt(0).depthMm.map((v) => (v > 0 ? 1 : 0)) };
    const wetLand = (mm: Uint16Array) => mm.filter((v, i) => !riverMask[i] && v >= 50 && v !== 65535).length;
    expect(wetLand(replay.frameAt(0).depthMm)).toBe(0);
    expect(wetLand(replay.frameAt(7 * 3600 + 40 * 60).depthMm)).toBeGreaterThan(0);
    const v = replay.stateAt(7 * 3600 + 40 * 60);
    expect(v.water.rainM3).toBeGreaterThan(0);
    expect(v.water.pumpedM3).toBeNull();
    // The same view of the log as without the engine: the water is beside it, not instead of it.
    const plain = RecordReplay.open(new RecordFolderSource(out)).stateAt(7 * 3600 + 40 * 60);
    expect(v.cases).toEqual(plain.cases);
    expect(existsSync(join(sim, 'max-depth.tif'))).toBe(true);
    const plan = parseScenario(JSON.parse(readFileSync(join(sim, 'plan-scenario.json'), 'utf8')));
    expect(plan.fleet.policy).toBe('optimal');
    // The real response is scored against the automatic plan run on that same storm.
    const card = JSON.parse(readFileSync(join(sim, 'score-card.json'), 'utf8')) as { format: string; score: number };
    expect(card.format).toBe('rivertwin.score-card/1');
    expect(Number.isFinite(card.score)).toBe(true);
    expect(r.stdout).toMatch(/score +[\d.]+ \/ 100 against the automatic plan/);
    expect(RecordReplay.open(new RecordFolderSource(join(sim, 'plan'))).manifest.scenario.fleet.policy).toBe('optimal');
    expect(plan.rain).toEqual(replay.manifest.scenario.rain);
  }, 120_000);

  it('stops at a bad row with one line naming file, row and column (exit 1, no stack)', () => {
    const bad = 'tests/fixtures/simulation/incidents/bad-rows/unknown-sensor.csv';
    const r = runCli(['import-incidents', district, ...sample, bad, '--out', join(tmp, 'bad')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `simulation: ${bad}, row 3, column A, field "sensor_id": unknown sensor "W99". Fix: use a sensor id of the district's sensors (e.g. R01)`,
    ]);
  });

  it('with --lenient skips the bad rows and reports them in the output and the record', () => {
    const dir = 'tests/fixtures/simulation/incidents/bad-rows';
    const bad = readdirSync(join(repoRoot, dir))
      .filter((f) => /\.(csv|ndjson)$/.test(f))
      .map((f) => `${dir}/${f}`);
    const rec = join(tmp, 'lenient');
    const r = runCli(['import-incidents', district, ...bad, '--out', rec, '--lenient', '--json']);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { skipped: { file: string; row: number; column: string }[] };
    expect(summary.skipped.map((s) => `${s.file.split('/').pop()}:${s.row}:${s.column}`)).toEqual([
      'bad-unit.csv:3:unit',
      'no-offset.ndjson:2:time',
      'time-out-of-order.csv:4:time',
      'unknown-sensor.csv:3:sensor_id',
      'unparseable-place.csv:3:lon',
    ]);
    const m = RecordReplay.open(new RecordFolderSource(rec)).manifest;
    expect(m.source?.skipped).toEqual(summary.skipped);
    const text = runCli(['import-incidents', district, ...bad, '--out', join(tmp, 'lenient-text'), '--lenient']);
    expect(text.stdout).toMatch(/skipped +5 rows \(--lenient\):/);
  });
});
