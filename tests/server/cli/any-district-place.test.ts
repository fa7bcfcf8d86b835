// The CLI on districts that are not the Bund: no ground is refused naming "terrain"; declared flat ground runs and
// says so in inspect, run and the record; a district without assets is sent to model-assets, which places them by
// the generic rules; and no ratio over nothing prints as "NaN".
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const fixture = (name: string) => `tests/fixtures/twin/district/${name}/in`;
const copy = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `rivertwin-${name}-`));
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
};
const quick = ['--duration', '1h', '--cell', '10'];

describe('any district, honestly', () => {
  it('refuses a district with no DEM, no terrain rules and no declared flat ground, naming "terrain"', () => {
    const r = runCli(['inspect', fixture('broken-no-ground')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/field "terrain": the district has no ground.*"terrain": \{"flat": \{"elevationM"/);
  });

  it('runs declared flat ground and says so in inspect, run and the record', () => {
    const inspect = runCli(['inspect', fixture('place-flat-own-river'), '--json']);
    expect(inspect.status).toBe(0);
    expect(JSON.parse(inspect.stdout).terrainProvenance).toBe('flat at 2 m, as declared in district.json');
    const text = runCli(['inspect', fixture('place-flat-own-river')]).stdout;
    expect(text).toMatch(/terrain +FLAT, not surveyed: flat at 2 m, as declared in district.json/);
    const out = join(mkdtempSync(join(tmpdir(), 'rivertwin-flat-record-')), 'rec');
    const run = runCli(['run', fixture('place-flat-own-river'), ...quick, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/terrain is MODELLED, not surveyed: flat at 2 m, as declared in district.json/);
    // The district's own river (a series in NAP) and alarm depth, not Shanghai's tide and 15 cm.
    expect(run.stdout).toMatch(/deeper than 10 cm; river peaked at 1.6 m NAP/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.district.terrain).toBe('flat at 2 m, as declared in district.json');
    expect(manifest.scenario.river).toEqual({ kind: 'series', timesS: [0, 3600, 7200], stageM: [0.4, 1.6, 0.9] });
  });

  it('sends a district without assets to model-assets, which places them by the generic rules', () => {
    const dir = copy('place-dem-no-assets');
    const refused = runCli(['run', dir, ...quick]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/no sensors or hotspots and no pump-truck fleet.*rivertwin model-assets .* --write/);
    const placed = runCli(['model-assets', dir, '--write']);
    expect(placed.status).toBe(0);
    expect(placed.stdout).toMatch(
      /no asset-rules.json: placing MODELLED assets by the generic rules .*generic-asset-rules.json/,
    );
    expect(existsSync(join(dir, 'hotspots.csv'))).toBe(true);
    // The low point in the DEM's bowl became a hotspot; every asset is marked modelled.
    expect(readFileSync(join(dir, 'hotspots.csv'), 'utf8')).toMatch(/lowPoint,[\d.]+,[\d.]+,1.2,true/);
    expect(
      readFileSync(join(dir, 'fleet.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .every((l) => l.endsWith(',true')),
    ).toBe(true);
    const roles = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8')).sources.map(
      (s: { role?: string }) => s.role,
    );
    expect(roles).toEqual(
      expect.arrayContaining(['sensors', 'hotspots', 'depots', 'fleet', 'catchments', 'pumpStations']),
    );
    const run = runCli(['run', dir, ...quick]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/NaN/);
    expect(run.stdout).toMatch(/sensors, drainage and fleet are modelled/);
  });

  it('prints no NaN for a district with a fleet and no hotspots', () => {
    const dir = copy('place-flat-own-river');
    const m = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8'));
    m.sources = m.sources.filter((s: { role?: string }) => s.role !== 'hotspots');
    writeFileSync(join(dir, 'district.json'), JSON.stringify(m));
    const run = runCli(['run', dir, ...quick]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/NaN/);
    expect(run.stdout).toMatch(/worst hotspots +none on the grid/);
    expect(run.stdout).toMatch(/within 10 min of a free truck not measured \(no hotspots\)/);
  });
});
