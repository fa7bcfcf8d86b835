// A district's content hash: SHA-256 over its district.json and every file it names (sources, then river stage
// series), in manifest order, so a record says exactly which data it ran on.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Hex SHA-256 of a district folder's manifest, its source files and its river stage series files (a missing file
 * hashes as its name only).
 */
export function districtContentHash(dir: string): string {
  const manifestPath = dir.endsWith('.json') ? resolve(dir) : join(resolve(dir), 'district.json');
  const root = manifestPath.slice(0, manifestPath.lastIndexOf('/'));
  const hash = createHash('sha256');
  const manifestBytes = readFileSync(manifestPath);
  hash.update(manifestBytes);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as {
    sources?: { file?: string }[];
    river?: { presets?: Record<string, { file?: unknown }> };
  };
  // River stage series files are data the run runs on, like the sources.
  const riverFiles = Object.values(manifest.river?.presets ?? {}).map((p) => p?.file);
  for (const file of [...(manifest.sources ?? []).map((s) => s.file), ...riverFiles]) {
    if (typeof file !== 'string') continue;
    hash.update(`\0${file}\0`);
    const path = join(root, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}
