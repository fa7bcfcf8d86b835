// A river stage series from a CSV file a district names in district.json (`river.presets.<name>.file`): measured or
// designed levels over time, in the district's datum. Pure: the loader reads the bytes.
import { TwinError } from '../errors.ts';

/** A stage series as a scenario's river takes it: linear between points, held beyond the ends. */
export interface StageSeries {
  kind: 'series';
  /** Seconds from the run start, ascending. */
  timesS: number[];
  /** Stage (m, the district's datum) at each time. */
  stageM: number[];
}

/**
 * Parses `time_s,stage_m` rows (a header line first; `#` lines and blank lines skipped).
 * @param file the CSV's name, for messages
 * @throws TwinError naming the file, line and column
 */
export function parseStageSeriesCsv(text: string, file: string): StageSeries {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase()) ?? [];
  const ti = header.indexOf('time_s');
  const zi = header.indexOf('stage_m');
  if (ti < 0 || zi < 0)
    throw new TwinError(
      'a stage series needs the columns time_s and stage_m',
      { file, line: 1 },
      'start the file with the line "time_s,stage_m"',
    );
  const timesS: number[] = [];
  const stageM: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line || line.startsWith('#')) continue;
    const cells = line.split(',');
    const t = Number(cells[ti]);
    const z = Number(cells[zi]);
    if (!Number.isFinite(t) || (timesS.length && t <= timesS[timesS.length - 1]))
      throw new TwinError(
        `time ${JSON.stringify(cells[ti])} is not a number after the previous one`,
        { file, line: k + 1, field: 'time_s' },
        'give ascending seconds from the run start',
      );
    if (!Number.isFinite(z) || Math.abs(z) > 50)
      throw new TwinError(
        `stage ${JSON.stringify(cells[zi])} is not a level in metres`,
        { file, line: k + 1, field: 'stage_m' },
        "give metres in the river's datum",
      );
    timesS.push(t);
    stageM.push(z);
  }
  if (!timesS.length) throw new TwinError('the stage series has no rows', { file }, 'add "time_s,stage_m" rows');
  return { kind: 'series', timesS, stageM };
}
