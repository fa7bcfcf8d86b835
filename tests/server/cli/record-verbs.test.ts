// The record verbs as a user meets them: run --out writes a record; replay, events and fork read it; bad input is one
// line naming the option or file, with no stack trace and nothing half-written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordReplay } from '../../../simulation/record/index.ts';
import { RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import { createLocalFrame, localToWgs84 } from '../../../twin/projection/index.ts';
import { runCli } from '../../helpers/cli.ts';
import { gdal, gdalMissing } from '../../helpers/gdal.ts';

const root = mkdtempSync(join(tmpdir(), 'rivertwin-verbs-'));
const record = join(root, 'record');
const scenario = join(root, 'short.json');

beforeAll(() => {
  writeFileSync(
    scenario,
    JSON.stringify({
      name: 'short storm',
      durationS: 1800,
      cellM: 25,
      rain: { kind: 'uniform', rateMmPerH: 150, durationS: 1800 },
      river: 'springTide',
      pumpFailures: [{ id: 'P02', atS: 600 }],
    }),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('rivertwin run --out, replay, events, fork', () => {
  it('writes a complete record and prints one JSON summary', () => {
    const r = runCli(['run', 'datasets/shanghai-bund', '--scenario', scenario, '--out', record, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.scenario).toBe('short storm');
    expect(s.policy).toBe('optimal');
    expect(s.prePosition).toBe(false);
    expect(typeof s.wallSeconds).toBe('number');
    expect(s.kpis.casesOpened).toBeGreaterThan(0);
    expect(s.record).toBe(record);
    // Piped stderr gets percentage lines, not a redrawn bar.
    expect(r.stderr).toMatch(/run: 100% \(00:30:00 of 00:30:00 simulated, ×\d+ real time/);
    const m = JSON.parse(readFileSync(join(record, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ schema: 'rivertwin.record/1', complete: true, status: 'finished' });
    expect(m.scenario.fleet).toEqual({ policy: 'optimal', setupS: 600, prePosition: false });
  });

  it('replays the state as of a time, in words and as JSON', () => {
    const text = runCli(['replay', record, '--at', '00:20']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/short storm as of 00:20:00 \(control step 20\)/);
    expect(text.stdout).toMatch(/pump stations\s+P02 failed/);
    const json = runCli(['replay', record, '--at', '1200', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ schema: 'rivertwin.view/1', tS: 1200, step: 20 });
  });

  it('lists events by type and window', () => {
    const r = runCli(['events', record, '--type', 'pump.,run.', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const types = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).type);
    expect(types).toEqual(['run.started', 'pump.failed', 'run.finished']);
    const w = runCli(['events', record, '--from', '10m', '--to', '10m', '--type', 'pump.failed']);
    expect(w.stdout).toMatch(/^00:10:00 {2}#\d+ {2}pump\.failed {2}stationId="P02"/);
  });

  it('forks a what-if into a new record naming its parent', () => {
    const patch = join(root, 'patch.json');
    writeFileSync(patch, JSON.stringify({ fleet: { policy: 'nearest' } }));
    const commands = join(root, 'commands.ndjson');
    writeFileSync(commands, '{"atS": 1260, "kind": "restorePump", "stationId": "P02"}\n');
    const out = join(root, 'fork');
    const r = runCli(['fork', record, '--at', '20m', '--patch', patch, '--commands', commands, '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ forkS: 1200 });
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.parent).toMatchObject({ forkS: 1200, patch: { fleet: { policy: 'nearest' } }, commands: 1 });
    expect(m.scenario.fleet.policy).toBe('nearest');
    const after = JSON.parse(runCli(['replay', out, '--at', '25m', '--json']).stdout);
    expect(after.pumps.find((p: { id: string }) => p.id === 'P02').failed).toBe(false);
  });

  it.skipIf(gdalMissing)('exports GeoTIFF, GeoJSON and CSV that GDAL reads in the right place', () => {
    const out = join(root, 'export');
    for (const format of ['geotiff', 'geojson', 'csv']) {
      const r = runCli(['export', record, '--format', format, '--at', '20m', '--out', out]);
      expect(r.status, r.stderr).toBe(0);
    }
    // The deepest cell of the 20-minute frame, at its centre's lon/lat, reads its depth back through GDAL.
    const replay = RecordReplay.open(new RecordFolderSource(record));
    const { grid } = replay.manifest;
    const mm = replay.frameAt(1200).depthMm;
    let k = 0;
    for (let i = 0; i < mm.length; i++) if (mm[i] > mm[k]) k = i;
    const xy: [number, number] = [
      grid.x0 + ((k % grid.nx) + 0.5) * grid.cellM,
      grid.y0 + (grid.ny - Math.floor(k / grid.nx) - 0.5) * grid.cellM,
    ];
    const [lon, lat] = localToWgs84(
      createLocalFrame(replay.manifest.district.origin.lon, replay.manifest.district.origin.lat),
      ...xy,
    );
    const v = Number(
      gdal('gdallocationinfo', [
        '-valonly',
        '-wgs84',
        join(out, 'depth-00-20-00.tif'),
        String(lon),
        String(lat),
      ]).trim(),
    );
    expect(v).toBeCloseTo(mm[k] / 1000, 4);
    expect(existsSync(join(out, 'max-depth.tif'))).toBe(true);
    // Cases: one point per case.opened, where the event put it.
    const opened = replay.eventsIn({ types: ['case.opened'] });
    const info = gdal('ogrinfo', ['-al', '-geom=YES', join(out, 'cases.geojson')]);
    expect(info).toMatch(new RegExp(`Feature Count: ${opened.length}`));
    for (const e of opened.slice(0, 3) as { lonLat: [number, number] }[])
      expect(info).toContain(`POINT (${e.lonLat[0]} ${e.lonLat[1]})`);
    expect(gdal('ogrinfo', ['-so', '-al', join(out, 'closures.geojson')])).toMatch(/Geometry: Line String/);
    expect(gdal('ogrinfo', ['-so', '-al', join(out, 'trucks.geojson')])).toMatch(/Feature Count: 8/);
    expect(readFileSync(join(out, 'events.csv'), 'utf8').split('\n')[0]).toBe('seq,time_s,time,type,lon,lat,details');
  });

  it('refuses bad input in one line, with no stack trace and nothing written', () => {
    const cases: [string[], RegExp][] = [
      [['replay', join(root, 'nowhere'), '--at', '1m'], /record folder .*nowhere" not found/],
      [['replay', record, '--at', '5h'], /past the record's end: the run ends at 00:30:00/],
      [['replay', record, '--at', 'soon'], /--at "soon" is not a time in the run/],
      [['replay', record], /replay needs --at/],
      [['events', record, '--type', 'frob'], /--type "frob" is not an event type/],
      [['fork', record, '--at', '2h', '--out', join(root, 'f2')], /past the record's end/],
      [
        ['fork', record, '--at', '10m', '--out', join(root, 'f3'), '--patch', join(root, 'none.json')],
        /none.json: file not found/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBeGreaterThan(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(root, 'f2'))).toBe(false);
    expect(existsSync(join(root, 'f3'))).toBe(false);
  });
});
