// Times of an incident log: ISO 8601 with a UTC offset (2024-09-20T07:05:00+08:00), since a log without one cannot be
// put on the clock of a storm. Parsed by hand (Date.parse reads offset-less text as local time, which we refuse).

/** A parsed time: milliseconds since the Unix epoch, and the offset it was written with (minutes east of UTC). */
export interface LogTime {
  epochMs: number;
  offsetMin: number;
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 date-time that carries its offset (`Z`, `+08:00` or `+0800`; a space may stand for `T`).
 * @returns the time, or a string saying what is wrong with it
 */
export function parseLogTime(text: string): LogTime | string {
  const m = PATTERN.exec(text.trim());
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text.trim())) return 'has no UTC offset';
    return 'is not an ISO 8601 date-time';
  }
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, second, frac ? Number(frac.padEnd(3, '0')) : 0);
  const check = new Date(utc);
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    check.getUTCMonth() !== month - 1
  )
    return 'is not a real date and time';
  const offsetMin = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  if (Math.abs(offsetMin) > 14 * 60) return 'has an offset beyond ±14:00';
  return { epochMs: utc - offsetMin * 60_000, offsetMin };
}

/** The ISO 8601 text of `epochMs` at an offset (minutes east of UTC), to the second: 2024-09-20T07:00:00+08:00. */
export function formatLogTime(epochMs: number, offsetMin: number): string {
  const local = new Date(epochMs + offsetMin * 60_000).toISOString().slice(0, 19);
  if (offsetMin === 0) return `${local}Z`;
  const a = Math.abs(offsetMin);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The start of the hour (at the given offset) at or before `epochMs`. */
export function hourFloor(epochMs: number, offsetMin: number): number {
  const local = epochMs + offsetMin * 60_000;
  return local - (((local % 3_600_000) + 3_600_000) % 3_600_000) - offsetMin * 60_000;
}
