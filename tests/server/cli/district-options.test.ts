// --lenient and --clip mean the same on every verb that loads a district: here `run`, whose DEM-coverage check
// (in buildTwin, after loading) used to ignore --lenient although its message offered it.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClip } from '../../../server/cli/district-options.ts';
import { runCli } from '../../helpers/cli.ts';

/**
 * The partial-DEM fixture made runnable: a run needs what the district states (river, alarms, drainage) and
 * something to watch and send (a hotspot, a depot, a truck), none of which the loader fixture carries.
 */
function partialDemDistrict(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rivertwin-partial-dem-'));
  cpSync('tests/fixtures/twin/district/dem-user-defined-tm/in', dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8')) as { sources: object[] };
  const points = (name: string, header: string, row: string) => {
    writeFileSync(join(dir, `${name}.csv`), `${header}\n${row}\n`);
    m.sources.push({ role: name, file: `${name}.csv` });
  };
  points('hotspots', 'id,name,name_en,kind,lon,lat,exposure,modelled', 'H1,H1,H1,lowPoint,4.3359335,52.0091,1,false');
  points('depots', 'id,name,name_en,lon,lat,modelled', 'D1,D1,D1,4.3357,52.0091,false');
  points('fleet', 'id,name,depot_id,capacity_m3_per_h,wading_depth_m,modelled', 'T1,T1,D1,1000,0.5,false');
  const place = {
    drainage: { defaultCapacityMmPerH: 20 },
    river: { datum: 'NAP', presets: { calm: { kind: 'constant', stageM: 0 } } },
    alarms: { hotspotDepthM: 0.1, roadDepthM: 0.1, carClosureDepthM: 0.3, underpassClosureDepthM: 0.25 },
  };
  writeFileSync(join(dir, 'district.json'), JSON.stringify({ ...m, ...place }));
  return dir;
}

describe('district options on the command line', () => {
  it('run: strict fails on a DEM that covers part of the district; --lenient fills the gaps and runs', () => {
    const args = ['run', partialDemDistrict(), '--duration', '10m', '--cell', '5', '--json'];
    const strict = runCli(args);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/have no elevation.*--lenient on the command line/);
    const lenient = runCli([...args, '--lenient']);
    expect(lenient.status).toBe(0);
    expect(JSON.parse(lenient.stdout).durationS).toBe(600);
  });

  it('parses --clip as a lon/lat box and refuses anything else', () => {
    expect(parseClip('4.35, 52.0,4.37,52.01')).toEqual([4.35, 52.0, 4.37, 52.01]);
    expect(() => parseClip('4.37,52.0,4.35,52.01')).toThrow(/give minLon,minLat,maxLon,maxLat/);
    expect(() => parseClip('4.35,52.0')).toThrow(/--clip 4\.35,52\.0/);
  });
});
