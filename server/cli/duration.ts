// Durations on the command line: "3h", "90m", "45s" or plain seconds.
import { CliError } from './verb.ts';

/** Seconds in a duration such as 3h, 90m, 45s or 3600. */
export function parseDurationS(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(h|m|min|s)?$/.exec(text.trim());
  if (!m) throw new CliError(`${option} ${JSON.stringify(text)} is not a duration (e.g. 3h, 90m, 3600)`);
  const v = Number(m[1]);
  return m[2] === 'h' ? v * 3600 : m[2] === 'm' || m[2] === 'min' ? v * 60 : v;
}

/** A positive finite number for an option such as --cell. */
export function parseNumber(text: string, option: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(v) && v > 0))
    throw new CliError(`${option} ${JSON.stringify(text)} is not a positive number`);
  return v;
}
