// GDAL's command-line tools as an independent reader of what the twin writes (Debian's gdal-bin).
// Tests that use them skip, saying why, on machines without GDAL; .ci/run installs it.
import { spawnSync } from 'node:child_process';

/** Why GDAL checks cannot run here, or undefined when gdalinfo and gdallocationinfo are on the PATH. */
export const gdalMissing: string | undefined = ['gdalinfo', 'gdallocationinfo', 'gdaltransform', 'gdalsrsinfo'].every(
  (tool) => spawnSync('which', [tool]).status === 0,
)
  ? undefined
  : 'GDAL is not installed (apt-get install -y --no-install-recommends gdal-bin)';

/** A suite title that carries the skip reason when GDAL is missing, so the report says why it did not run. */
export function gdalSuite(title: string): string {
  return gdalMissing ? `${title} [skipped: ${gdalMissing}]` : title;
}

/** Runs a GDAL tool and returns its stdout; fails with its stderr when it exits non-zero. */
export function gdal(tool: string, args: string[], input?: string): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', input, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
