// Reads incident log files from disk for the importer: text (UTF-8) and SHA-256 per file, named as the user gave them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LogFile } from './incident-import.ts';

/** A log file read from disk, with the SHA-256 of its bytes. */
export interface LogFileOnDisk extends LogFile {
  sha256: string;
}

/** Reads each path; the name in messages is the path as given. */
export function readLogFiles(paths: readonly string[]): LogFileOnDisk[] {
  return paths.map((p) => {
    const bytes = readFileSync(p);
    return { name: p, text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}
