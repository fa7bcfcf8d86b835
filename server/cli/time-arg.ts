// Times within a run on the command line: "01:30", "01:30:00", "90m", "1.5h", "5400" (seconds from the start).
import { parseDurationS } from './duration.ts';
import { CliError } from './verb.ts';

/** Seconds from the run's start for a time option. */
export function parseTimeS(text: string, option: string): number {
  const m = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim());
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  try {
    return parseDurationS(text, option);
  } catch {
    throw new CliError(`${option} ${JSON.stringify(text)} is not a time in the run (e.g. 01:30, 90m, 1.5h or 5400)`);
  }
}
