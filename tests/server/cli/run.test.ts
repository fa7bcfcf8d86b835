// `rivertwin run` as a user meets it: the quick run with overrides, its JSON summary and the record it writes (read
// back with independent readers where they exist); bad options are one line naming the option, with no work done.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { runCli } from '../../helpers/cli.ts';

describe('rivertwin run', () => {
  it('runs a storm on the bundled district, prints one JSON summary and writes the record', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rivertwin-run-')), 'record');
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
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    // The overrides say what ran.
    expect(s.scenario).toBe('chicago-5y-3h + rain haikui-2012-hongkou, 40m, 25 m cells');
    expect(s.durationS).toBe(2400);
    expect(s.cellM).toBe(25);
    expect(s).toMatchObject({ policy: 'optimal', prePosition: false, staging: null, record: out });
    expect(s.waterM3.rain).toBeGreaterThan(0);
    expect(Math.abs(s.massErrorRelative)).toBeLessThan(1e-9);
    expect(s.worstHotspots.length).toBeGreaterThan(0);
    expect(typeof s.kpis.casesOpened).toBe('number');
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.scenario.name).toBe(s.scenario);
    expect(m.scenario.cellM).toBe(25);
    const grid = parseEsriAscii(readFileSync(join(out, 'max-depth.asc'), 'utf8'));
    expect(grid.cellM).toBe(25);
    expect(Math.max(...grid.values)).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'max-depth.prj'), 'utf8')).toMatch(/^PROJCS\[.*Transverse_Mercator/);
    expect(readFileSync(join(out, 'hotspots.csv'), 'utf8').split('\n')[0]).toBe(
      'id,name,kind,lon,lat,peak_depth_m,first_wet_s',
    );
    for (const line of readFileSync(join(out, 'events.ndjson'), 'utf8').trim().split('\n'))
      expect(typeof JSON.parse(line).type).toBe('string');
  });

  it('gives the same record on 1 and 3 engine threads (--threads)', () => {
    const base = mkdtempSync(join(tmpdir(), 'rivertwin-threads-'));
    const outs = ['1', '3'].map((threads) => {
      const out = join(base, `t${threads}`);
      const r = runCli([
        'run',
        'datasets/shanghai-bund',
        '--duration',
        '90m',
        '--cell',
        '25',
        '--threads',
        threads,
        '--json',
        '--out',
        out,
      ]);
      expect(r.status, r.stderr).toBe(0);
      const { wallSeconds: _w, record: _r, ...summary } = JSON.parse(r.stdout);
      return {
        summary,
        maxDepth: readFileSync(join(out, 'max-depth.asc'), 'utf8'),
        events: readFileSync(join(out, 'events.ndjson'), 'utf8'),
      };
    });
    expect(outs[1].summary).toEqual(outs[0].summary);
    expect(outs[1].maxDepth).toBe(outs[0].maxDepth);
    expect(outs[1].events).toBe(outs[0].events);
    expect(outs[0].summary.waterM3.rain).toBeGreaterThan(0);
  });

  it('names a bad option in one line and does no work', () => {
    const cases: [string[], RegExp, number][] = [
      [['run', 'datasets/shanghai-bund', '--rain', 'monsoon', '--duration', '10m'], /monsoon/, 1],
      [['run', 'datasets/shanghai-bund', '--duration', 'soon'], /--duration "soon" is not a duration/, 1],
      [
        ['run', 'datasets/shanghai-bund', '--frob'],
        /rivertwin run: Unknown option '--frob'\. Run "rivertwin run --help"/,
        2,
      ],
      [['run', 'datasets/shanghai-bund', '--duration', '-1h'], /--duration' argument is ambiguous/, 2],
      [['run', 'datasets/shanghai-bund', '--scenario', 'no-such.json'], /no-such\.json: file not found/, 1],
      [
        ['run', 'datasets/shanghai-bund', '--scenario', 'design-7y'],
        /no scenario "design-7y".*use one of design-100y/,
        1,
      ],
      [['run', 'datasets/nowhere'], /no district\.json/, 1],
      [['run', 'datasets/shanghai-bund', '--threads', '0'], /--threads "0" is not a whole number of threads/, 1],
    ];
    for (const [args, message, code] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reads a truncated or mis-typed scenario file and says where it is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivertwin-bad-'));
    const truncated = join(dir, 'cut.json');
    const nested = join(dir, 'nested.json');
    writeFileSync(truncated, '{"durationS": 3600, "rain": {');
    writeFileSync(
      nested,
      JSON.stringify({ durationS: 3600, rain: { kind: 'preset', name: 'chicago-5y-3h' }, fleet: { polcy: 'nearest' } }),
    );
    const a = runCli(['run', 'datasets/shanghai-bund', '--scenario', truncated]);
    expect(a.stderr).toMatch(/cut\.json: is not valid JSON at line 1, column \d+/);
    const b = runCli(['run', 'datasets/shanghai-bund', '--scenario', nested]);
    expect(b.stderr).toMatch(
      /nested\.json, field "\/fleet\/polcy": unknown field\. Fix: fields here are policy, setupS, prePosition/,
    );
    expect(existsSync(join(dir, 'record'))).toBe(false);
  });
});
