import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { runCli } from '../../helpers/cli.ts';

describe('rivertwin run', () => {
  it('runs a storm on the bundled district and writes its summary, events, hotspots and max depth', () => {
    const out = mkdtempSync(join(tmpdir(), 'rivertwin-run-'));
    const r = runCli([
      'run',
      'datasets/shanghai-bund',
      '--rain',
      'haikui-2012-hongkou',
      '--duration',
      '40m',
      '--cell',
      '25',
      '--json',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.durationS).toBe(2400);
    expect(s.cellM).toBe(25);
    expect(s.waterM3.rain).toBeGreaterThan(0);
    expect(Math.abs(s.massErrorRelative)).toBeLessThan(1e-9);
    expect(s.worstHotspots.length).toBeGreaterThan(0);
    expect(typeof s.fleet.casesOpened).toBe('number');
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(s);
    const grid = parseEsriAscii(readFileSync(join(out, 'max-depth.asc'), 'utf8'));
    expect(grid.cellM).toBe(25);
    expect(Math.max(...grid.values)).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'max-depth.prj'), 'utf8')).toMatch(
      /^PROJCS\["rivertwin_local_frame_.*"Transverse_Mercator"/,
    );
    expect(readFileSync(join(out, 'hotspots.csv'), 'utf8').split('\n')[0]).toBe(
      'id,name,kind,peak_depth_m,first_wet_s',
    );
    const events = readFileSync(join(out, 'events.jsonl'), 'utf8').trim();
    if (events) for (const line of events.split('\n')) expect(typeof JSON.parse(line).type).toBe('string');
  });

  it('names a bad option and does no work', () => {
    const r = runCli(['run', 'datasets/shanghai-bund', '--rain', 'monsoon', '--duration', '10m']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/monsoon/);
    const d = runCli(['run', 'datasets/shanghai-bund', '--duration', 'soon']);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/--duration "soon" is not a duration/);
  });
});
