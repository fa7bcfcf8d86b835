// The run as a record: replay gives the live view at every step; the same run gives the same bytes; a checkpoint
// restored in a fresh process continues bit for bit; a fork with an empty patch repeats its parent; a killed run
// replays up to where it stopped; bad forks and commands are refused clearly.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkRecord, RecordReplay } from '../../../simulation/record/index.ts';
import { RecordFolderSink, RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import { ScenarioRun, type RunView } from '../../../simulation/scenario/index.ts';
import type { Twin } from '../../../twin/district/build-twin.ts';
import { cellCentre } from '../../../twin/grid/grid-spec.ts';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { localToWgs84 } from '../../../twin/projection/index.ts';
import { gdal, gdalMissing, gdalSuite } from '../../helpers/gdal.ts';
import { bundTwin, context, recordRun } from './record-fixture.ts';

let twin: Twin;
let a: { dir: string; views: RunView[] };
const scratch: string[] = [];
const tmp = (tag: string): string => {
  const d = mkdtempSync(join(tmpdir(), `rivertwin-${tag}-`));
  scratch.push(d);
  return d;
};

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

function withoutWallClock(bytes: Buffer): string {
  const m = JSON.parse(bytes.toString('utf8'));
  delete m.wallClock;
  return JSON.stringify(m);
}

beforeAll(async () => {
  twin = await bundTwin();
  a = recordRun(twin, 'a');
  scratch.push(a.dir);
});

afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('a recorded run', () => {
  it('holds what the scenario did: events in seq order, a frame and a view per step, checkpoints, KPIs', () => {
    const replay = RecordReplay.open(new RecordFolderSource(a.dir));
    expect(replay.complete).toBe(true);
    expect(replay.stops).toBe('');
    expect(replay.frameCount).toBe(51);
    expect(replay.events.map((e) => e.seq)).toEqual(replay.events.map((_, i) => i + 1));
    const types = new Set(replay.events.map((e) => e.type));
    for (const t of ['run.started', 'run.finished', 'rain.started', 'pump.failed', 'case.opened', 'command.accepted'])
      expect(types).toContain(t);
    expect(replay.checkpointTimes()).toEqual([0, 600, 1200, 1800, 2400]);
    const opened = replay.eventsIn({ types: ['case.opened'] });
    expect(opened[0].lonLat![0]).toBeGreaterThan(121.4);
    expect(opened[0].lonLat![1]).toBeGreaterThan(31.2);
    expect(replay.commands.map((c) => c.command.kind)).toEqual(['report', 'hold', 'release']);
    expect(files(a.dir)).toContain('kpis.json');
  });

  it('replays the state as of every control step exactly as the live run showed it', () => {
    const replay = RecordReplay.open(new RecordFolderSource(a.dir));
    a.views.forEach((live, k) => {
      expect(JSON.parse(JSON.stringify(live))).toEqual(live);
      expect(replay.stateAt(k * 60)).toEqual(live);
      // Between steps: the state as of the last step at or before.
      if (k > 0) expect(replay.stateAt(k * 60 - 1).step).toBe(k - 1);
    });
    const failed = replay.stateAt(1300).pumps.find((p) => p.id === 'P03');
    expect(failed?.failed).toBe(true);
    expect(replay.stateAt(1000).pumps.find((p) => p.id === 'P03')?.failed).toBe(false);
    const frame = replay.frameAt(1500);
    expect(frame.step).toBe(25);
    expect(frame.depthMm.length).toBe(twin.grid.nx * twin.grid.ny);
    expect(Math.max(...frame.depthMm)).toBeGreaterThan(0);
  });

  it('gives byte-identical files when run again (bar the manifest wall clock)', () => {
    const b = recordRun(twin, 'b');
    scratch.push(b.dir);
    expect(files(b.dir)).toEqual(files(a.dir));
    for (const f of files(a.dir)) {
      const x = readFileSync(join(a.dir, f));
      const y = readFileSync(join(b.dir, f));
      if (f === 'manifest.json') expect(withoutWallClock(y)).toBe(withoutWallClock(x));
      else expect(y.equals(x), f).toBe(true);
    }
  });

  it('continues bit for bit from a checkpoint restored in a fresh process', () => {
    const out = join(tmp('restore'), 'out.json');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'restore-child.ts'), a.dir, 'checkpoints/t000001200.ckpt', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const got = JSON.parse(readFileSync(out, 'utf8')) as { events: unknown[]; views: RunView[]; frames: string[] };
    const replay = RecordReplay.open(new RecordFolderSource(a.dir));
    const seq0 = (got.events[0] as { seq: number }).seq;
    expect(got.events).toEqual(JSON.parse(JSON.stringify(replay.events.filter((e) => e.seq >= seq0))));
    expect(got.views).toEqual(a.views.slice(20));
    const frames = readdirSync(join(a.dir, 'frames/depth/c')).length;
    expect(got.frames.length).toBe(frames - 20);
    got.frames.forEach((hex, i) => {
      expect(hex).toBe(readFileSync(join(a.dir, `frames/depth/c/${20 + i}/0/0`)).toString('hex'));
    });
  });

  it('forks with an empty patch into a record that repeats its parent from the fork on, byte for byte', () => {
    const dir = tmp('fork');
    const { parent: _p, ...ctx } = context('fork');
    const r = forkRecord(twin, new RecordFolderSource(a.dir), new RecordFolderSink(dir), { atS: 1530 }, ctx);
    expect(r.forkS).toBe(1500);
    for (const f of files(a.dir)) {
      const x = readFileSync(join(a.dir, f));
      const y = readFileSync(join(dir, f));
      if (f === 'manifest.json') {
        const m = JSON.parse(y.toString('utf8'));
        expect(m.parent).toMatchObject({ runId: 'run-test', forkS: 1500, patch: {} });
      } else expect(y.equals(x), f).toBe(true);
    }
  });

  it('forks a what-if: another policy and a pump restored from the fork on', () => {
    const dir = tmp('whatif');
    const { parent: _p, ...ctx } = context('whatif');
    forkRecord(
      twin,
      new RecordFolderSource(a.dir),
      new RecordFolderSink(dir),
      {
        atS: 1800,
        patch: { fleet: { policy: 'nearest' } },
        commands: [{ kind: 'restorePump', stationId: 'P03', atS: 1860 }],
      },
      ctx,
    );
    const fork = RecordReplay.open(new RecordFolderSource(dir));
    expect(fork.manifest.scenario.fleet.policy).toBe('nearest');
    expect(fork.stateAt(1900).pumps.find((p) => p.id === 'P03')?.failed).toBe(false);
    expect(fork.eventsIn({ types: ['pump.restored'] }).map((e) => e.timeS)).toEqual([1860]);
    // Before the fork it is its parent.
    const parent = RecordReplay.open(new RecordFolderSource(a.dir));
    expect(fork.stateAt(1800)).toEqual(parent.stateAt(1800));
  });

  it('forks with a patch that adds a pump failure already past: it applies at the next step, the old one stays', () => {
    const dir = tmp('pumps');
    const { parent: _p, ...ctx } = context('pumps');
    const patch = {
      pumpFailures: [
        { id: 'P01', atS: 1000 },
        { id: 'P03', atS: 1200 },
      ],
    };
    forkRecord(twin, new RecordFolderSource(a.dir), new RecordFolderSink(dir), { atS: 1800, patch }, ctx);
    const fork = RecordReplay.open(new RecordFolderSource(dir));
    const failed = fork
      .eventsIn({ types: ['pump.failed'] })
      .map((e) => [e.timeS, (e as { stationId: string }).stationId]);
    expect(failed).toEqual([
      [1200, 'P03'],
      [1860, 'P01'],
    ]);
  });

  it('replays a killed run up to its last complete event and frame, and says where it stops', () => {
    const dir = tmp('killed');
    cpSync(a.dir, dir, { recursive: true });
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, complete: false, status: 'running' }));
    // The process died while writing step 31: its frame is missing, and the event log ends mid-line.
    for (let k = 31; k <= 50; k++) rmSync(join(dir, `frames/depth/c/${k}`), { recursive: true, force: true });
    const lines = readFileSync(join(dir, 'events.ndjson'), 'utf8').split('\n');
    const cut = lines.findIndex((l) => l && JSON.parse(l).timeS > 1800);
    const kept = lines.slice(0, cut).join('\n') + '\n' + lines[cut].slice(0, 20);
    truncateSync(join(dir, 'events.ndjson'), Buffer.byteLength(kept));
    const replay = RecordReplay.open(new RecordFolderSource(dir));
    expect(replay.complete).toBe(false);
    expect(replay.lastS).toBe(1800);
    expect(replay.stops).toMatch(/incomplete: it stops at 00:30:00 \(control step 30 of 50\).*half-written/);
    expect(replay.stateAt(1800)).toEqual(a.views[30]);
    expect(() => replay.stateAt(1860)).toThrow(/past the record's end: the record is incomplete/);
    expect(replay.events.at(-1)!.timeS).toBeLessThanOrEqual(1800);
  });

  it('refuses bad forks, commands and records with one clear message each', () => {
    const source = new RecordFolderSource(a.dir);
    const { parent: _p, ...ctx } = context('bad');
    const sink = new RecordFolderSink(tmp('bad'));
    expect(() => forkRecord(twin, source, sink, { atS: 4000 }, ctx)).toThrow(
      /past the record's end: the run ends at 00:50:00/,
    );
    expect(() => forkRecord(twin, source, sink, { atS: -5 }, ctx)).toThrow(/not in the run/);
    expect(() => forkRecord(twin, source, sink, { atS: 60, patch: { fleet: { polcy: 'x' } } }, ctx)).toThrow(/polcy/);
    expect(() => RecordReplay.open(new RecordFolderSource(tmp('empty')))).toThrow(/has no manifest.json/);
    const damaged = tmp('damaged');
    cpSync(a.dir, damaged, { recursive: true });
    writeFileSync(join(damaged, 'checkpoints/t000000600.ckpt'), 'not a checkpoint');
    expect(() => forkRecord(twin, new RecordFolderSource(damaged), sink, { atS: 700 }, ctx)).toThrow(
      /checkpoint.*RTPLAIN1/,
    );
  });

  it('answers operator commands: a past time, an unknown truck or station is rejected at once, a case at its step', () => {
    const run = ScenarioRun.start(twin, { ...JSON.parse(JSON.stringify(recordSpec())), durationS: 600 });
    run.stepTo(300);
    expect(run.command({ kind: 'hold', truckId: 'T01', atS: 120 })).toMatchObject({
      accepted: false,
      reason: expect.stringMatching(/already past/),
    });
    expect(run.command({ kind: 'hold', truckId: 'T99' }).reason).toMatch(/unknown truck "T99"; trucks are T01/);
    // A case may open by the step the order applies at (a drill's script names cases ahead): checked then.
    expect(run.command({ kind: 'dispatch', truckId: 'T01', caseId: 'C999' })).toEqual({
      accepted: true,
      reason: '',
      applyAtS: 360,
    });
    expect(run.command({ kind: 'failPump', stationId: 'P99' }).reason).toMatch(/unknown pump station "P99"/);
    const ok = run.command({ kind: 'failPump', stationId: 'P01' });
    expect(ok).toEqual({ accepted: true, reason: '', applyAtS: 360 });
    run.stepTo(360);
    const last = run.eventsSince(0).filter((e) => e.type.startsWith('command.') || e.type.startsWith('pump.'));
    expect(last.map((e) => e.type)).toEqual([
      'command.rejected',
      'command.rejected',
      'command.rejected',
      'command.accepted',
      'pump.failed',
      'command.rejected',
    ]);
    expect(last.at(-1)).toMatchObject({ timeS: 360, reason: 'unknown case "C999"' });
    run.close();
  });
});

function recordSpec() {
  return JSON.parse(readFileSync(join(a.dir, 'manifest.json'), 'utf8')).scenario;
}

describe(gdalSuite('a record on the map, read by GDAL'), () => {
  it.skipIf(gdalMissing)('places the maximum depth grid and the events where the twin had them', () => {
    const replay = RecordReplay.open(new RecordFolderSource(a.dir));
    const { grid } = twin;
    const max = parseEsriAscii(readFileSync(join(a.dir, 'max-depth.asc'), 'utf8')).values;
    // The deepest land cell and a dry one, at their centres' lon/lat.
    let wet = -1;
    for (let i = 0; i < max.length; i++)
      if (!grid.riverMask[i] && !grid.buildingMask[i] && (wet < 0 || max[i] > max[wet])) wet = i;
    const dry = max.findIndex((v, i) => v === 0 && !grid.riverMask[i] && !grid.buildingMask[i]);
    for (const [cell, expected] of [
      [wet, max[wet]],
      [dry, 0],
    ] as const) {
      const [x, y] = cellCentre(grid, cell);
      const [lon, lat] = localToWgs84(twin.district.frame, x, y);
      for (const file of ['max-depth.tif', 'max-depth.asc']) {
        const v = Number(
          gdal('gdallocationinfo', ['-valonly', '-wgs84', join(a.dir, file), String(lon), String(lat)]).trim(),
        );
        expect(v, file).toBeCloseTo(expected, 4);
      }
    }
    expect(max[wet]).toBeGreaterThan(0.01);
    // An event's lon/lat is where GDAL puts its local x/y, given the record's own proj4.
    const e = replay.eventsIn({ types: ['case.opened'] })[0] as { xy: [number, number]; lonLat: [number, number] };
    const out = gdal(
      'gdaltransform',
      ['-s_srs', replay.manifest.district.proj4, '-t_srs', 'EPSG:4326'],
      `${e.xy[0]} ${e.xy[1]}\n`,
    );
    const [lon, lat] = out.trim().split(/\s+/).map(Number);
    expect(Math.abs(lon - e.lonLat[0])).toBeLessThan(2e-7);
    expect(Math.abs(lat - e.lonLat[1])).toBeLessThan(2e-7);
  });
});
