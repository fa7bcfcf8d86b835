// Whole files or nothing: written to a temporary file beside the target, then renamed over it (a rename within a
// folder is atomic), so a reader, a killed process or another process or thread writing the same file never sees half
// of one.
import { renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

/** Writes `bytes` to `path` atomically (the folder must exist). */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}-${threadId}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
