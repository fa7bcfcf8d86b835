// --lenient and --clip mean the same on every verb that loads a district: here `run`, whose DEM-coverage check
// (in buildTwin, after loading) used to ignore --lenient although its message offered it.
import { describe, expect, it } from 'vitest';
import { parseClip } from '../../../server/cli/district-options.ts';
import { runCli } from '../../helpers/cli.ts';

const partialDem = 'tests/fixtures/twin/district/dem-user-defined-tm/in';

describe('district options on the command line', () => {
  it('run: strict fails on a DEM that covers part of the district; --lenient fills the gaps and runs', () => {
    const args = ['run', partialDem, '--duration', '10m', '--cell', '5', '--json'];
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
