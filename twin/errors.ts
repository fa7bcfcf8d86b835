// The twin layer's one error type: every import or validation failure says what, where and how to fix it.

/** Where a problem was found: the file, the feature (index or id) and the field, as far as known. */
export interface TwinErrorWhere {
  file?: string;
  feature?: string | number;
  field?: string;
  /** 1-based line in a text file, when the parser knows it. */
  line?: number;
}

/** What kind of twin error, for the API (server/http/error-codes.ts maps it to an HTTP status). */
export type TwinErrorCode = 'TWIN_ERR_INPUT';

/** An error raised while loading or validating district data. */
export class TwinError extends Error {
  readonly code: TwinErrorCode = 'TWIN_ERR_INPUT';
  /** The problem alone, without where or the fix. */
  readonly what: string;
  readonly where: TwinErrorWhere;
  readonly hint: string | undefined;

  constructor(what: string, where: TwinErrorWhere = {}, hint?: string) {
    super(formatTwinError(what, where, hint));
    this.name = 'TwinError';
    this.what = what;
    this.where = where;
    this.hint = hint;
  }
}

/** `file:line: feature 12, field "height": what. Fix: hint` */
export function formatTwinError(what: string, where: TwinErrorWhere, hint?: string): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.line ? `${where.file}:${where.line}` : where.file);
  if (where.feature !== undefined) parts.push(`feature ${where.feature}`);
  if (where.field) parts.push(`field "${where.field}"`);
  const head = parts.length ? `${parts.join(', ')}: ` : '';
  return `twin: ${head}${what}${hint ? `. Fix: ${hint}` : ''}`;
}

/** A problem that lenient loading skipped instead of failing on; reported by `inspect`. */
export interface TwinWarning {
  message: string;
  where: TwinErrorWhere;
  /** The problem alone, when the warning is a skipped feature. */
  what?: string;
  /** True when lenient loading left a feature out: an error that follows (an empty layer) shows these. */
  skipped?: boolean;
}

/** The two ways to load leniently, named in every message that offers it. */
export const LENIENT_WAYS = '--lenient on the command line, or "lenient": true in district.json';

/** A fix that ends with the lenient way out: 'close the way …, or load leniently (--lenient, …) to skip it'. */
export function orLenient(fix: string, effect: string): string {
  return `${fix}, or load leniently (${LENIENT_WAYS}) to ${effect}`;
}

/** Records a feature lenient loading left out, so that a later error about an empty layer can say why. */
export function recordSkipped(opts: LoadOptions, err: TwinError, note?: string): void {
  const message = note ? `${err.message} (${note})` : err.message;
  opts.warnings?.push({ message, where: err.where, what: err.what, skipped: true });
}

/**
 * What lenient loading left out of `file`, to append to an error that follows from it (a layer left empty must not
 * read as "no buildings" when they were all skipped): '; lenient loading skipped 2 features of it first: way 12: …'.
 * Empty when nothing was skipped.
 */
export function skipReasons(opts: LoadOptions, file: string, max = 3): string {
  const skipped = (opts.warnings ?? []).filter((w) => w.skipped && w.where.file === file);
  if (skipped.length === 0) return '';
  const list = skipped
    .slice(0, max)
    .map((w) => `${w.where.feature !== undefined ? `${w.where.feature}: ` : ''}${w.what ?? w.message}`);
  const more = skipped.length > max ? `; and ${skipped.length - max} more (inspect --json lists them)` : '';
  return `; lenient loading skipped ${skipped.length} feature${skipped.length === 1 ? '' : 's'} of it first — ${list.join('; ')}${more}`;
}

/** Strict loading throws on the first bad feature; lenient loading records a warning and skips it. */
export interface LoadOptions {
  lenient?: boolean;
  /** Filled with what lenient loading skipped and with inferred values worth a look. */
  warnings?: TwinWarning[];
}

/** Throws in strict mode, records and returns false in lenient mode. */
export function reportBadFeature(opts: LoadOptions, what: string, where: TwinErrorWhere, hint?: string): false {
  if (!opts.lenient) throw new TwinError(what, where, hint);
  opts.warnings?.push({ message: formatTwinError(what, where, hint), where, what, skipped: true });
  return false;
}
