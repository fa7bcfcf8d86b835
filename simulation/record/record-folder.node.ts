// A run record as a folder on disk: whole files written atomically (a temporary file beside it, then rename), logs
// appended and flushed to disk, so a killed run leaves only complete files and, at worst, a torn last log line.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../write-atomic.node.ts';
import type { RecordSink, RecordSource } from './record-format.ts';

/** Writes a record folder. */
export class RecordFolderSink implements RecordSink {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    mkdirSync(this.root, { recursive: true });
  }

  writeFile(path: string, bytes: Uint8Array | string): void {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileAtomic(full, bytes);
  }

  append(path: string, text: string): void {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    const fd = openSync(full, 'a');
    try {
      appendFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Reads a record folder. */
export class RecordFolderSource implements RecordSource {
  readonly root: string;
  readonly name: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.name = root;
  }

  readFile(path: string): Uint8Array | null {
    const full = join(this.root, path);
    if (!existsSync(full) || !statSync(full).isFile()) return null;
    return new Uint8Array(readFileSync(full));
  }

  list(dir: string): string[] {
    const full = join(this.root, dir);
    if (!existsSync(full)) return [];
    return readdirSync(full).sort();
  }
}
