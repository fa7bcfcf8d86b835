// What every importer is given: the file name for messages, the projector into the local frame, strict/lenient.
import type { LoadOptions } from '../errors.ts';
import type { Projector } from '../projection/index.ts';

export interface ImportContext {
  /** File name as the user gave it, used in every error message. */
  file: string;
  /** Converts the file's CRS to the district's local frame. */
  projector: Projector;
  /** Strict (default) or lenient loading, and where warnings go. */
  opts: LoadOptions;
}
