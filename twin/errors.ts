// The twin layer's one error type: every import or validation failure says what, where and how to fix it.

/** Where a problem was found: the file, the feature (index or id) and the field, as far as known. */
export interface TwinErrorWhere {
  file?: string;
  feature?: string | number;
  field?: string;
  /** 1-based line in a text file, when the parser knows it. */
  line?: number;
}

/** An error raised while loading or validating district data. */
export class TwinError extends Error {
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
  opts.warnings?.push({ message: formatTwinError(what, where, hint), where });
  return false;
}
