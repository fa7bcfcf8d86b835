// Numbers, times and units as a report prints them, in Chinese or English: grouped digits, a fixed number of decimals,
// the unit always beside the number, and "—" for a value that does not exist (never NaN or null on the page).
import type { Lang } from './report-strings.ts';

const DASH = '—';

/** `v` with `digits` decimals and grouped thousands ("1,234.5"); "—" when not a finite number. */
export function num(v: number | null | undefined, digits = 0): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return DASH;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A number and its unit, separated by a thin space ("12.5 cm", "1,377,965 m³"); "—" alone when not a number. */
export function withUnit(v: number | null | undefined, unit: string, digits = 0): string {
  const n = num(v, digits);
  return n === DASH || !unit ? n : `${n}\u2009${unit}`;
}

/** A signed number and unit ("+3.2 cm", "−1 case"), with a true minus sign; "0" is unsigned. */
export function signed(v: number | null | undefined, unit: string, digits = 0): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return DASH;
  const text = withUnit(Math.abs(v), unit, digits);
  const zero = num(0, digits);
  if (num(Math.abs(v), digits) === zero) return withUnit(0, unit, digits);
  return `${v < 0 ? '\u2212' : '+'}${text}`;
}

/** Simulated time of day as "hh:mm" from the run start (s). */
export function clockHM(tS: number | null | undefined): string {
  if (typeof tS !== 'number' || !Number.isFinite(tS)) return DASH;
  const m = Math.round(tS / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A duration in words: "1 h 05 min" / "1小时05分", "45 s" / "45秒" under a minute. */
export function duration(lang: Lang, s: number | null | undefined): string {
  if (typeof s !== 'number' || !Number.isFinite(s)) return DASH;
  const sign = s < 0 ? '\u2212' : '';
  const abs = Math.abs(s);
  if (abs < 60) return `${sign}${Math.round(abs)}${lang === 'zh' ? '秒' : '\u2009s'}`;
  const m = Math.round(abs / 60);
  const h = Math.floor(m / 60);
  const mm = m % 60;
  if (h && !mm) return `${sign}${h}${lang === 'zh' ? '小时' : '\u2009h'}`;
  if (lang === 'zh') return `${sign}${h ? `${h}小时` : ''}${h ? String(mm).padStart(2, '0') : mm}分`;
  return `${sign}${h ? `${h}\u2009h ` : ''}${h ? String(mm).padStart(2, '0') : mm}\u2009min`;
}

/** A signed duration ("+12 min", "−1 h 05 min"), "0 min" when none. */
export function signedDuration(lang: Lang, s: number | null | undefined): string {
  if (typeof s !== 'number' || !Number.isFinite(s)) return DASH;
  if (Math.round(s) === 0) return duration(lang, 0);
  return s > 0 ? `+${duration(lang, s)}` : duration(lang, s);
}

/** A depth (m) in centimetres ("37 cm"). */
export function depthCm(m: number | null | undefined, digits = 0): string {
  return typeof m === 'number' && Number.isFinite(m) ? withUnit(m * 100, 'cm', digits) : DASH;
}

/** An area (m²) in km² with two decimals, or in m² below 0.01 km². */
export function area(m2: number | null | undefined): string {
  if (typeof m2 !== 'number' || !Number.isFinite(m2)) return DASH;
  return m2 >= 10_000 ? withUnit(m2 / 1e6, 'km²', 2) : withUnit(m2, 'm²');
}

/** Escapes text for HTML and SVG. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
