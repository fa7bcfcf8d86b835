// Where a record comes from: the code version (package version and git commit), the district's content hash, the
// local frame as proj4 and WKT, a deterministic run id, and the wall clock — the record context the CLI writes with.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordContext, RecordManifest } from '../../simulation/record/index.ts';
import type { ScenarioSpec } from '../../simulation/scenario/index.ts';
import { districtContentHash } from '../../twin/district/district-hash.node.ts';
import type { District } from '../../twin/district/index.ts';
import { localFrameProj4, localFrameWkt } from '../../twin/projection/index.ts';

const root = join(import.meta.dirname, '..', '..');
let version: string | undefined;

/** "0.1.0+<commit>" (the commit when the code is a git checkout), computed once. */
export function codeVersion(): string {
  if (version) return version;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    commit = '';
  }
  version = commit ? `${pkg.version}+${commit}` : pkg.version;
  return version;
}

/** The context a record is written with; the run id is a hash of what ran, so the same run gets the same id. */
export function recordContext(
  districtDir: string,
  district: District,
  spec: ScenarioSpec,
  checkpointEveryS: number,
  elapsedS: () => number,
  parent: RecordManifest['parent'] = null,
): RecordContext {
  const contentHash = districtContentHash(districtDir);
  const runId = `run-${createHash('sha256')
    .update(JSON.stringify({ spec, contentHash, code: codeVersion(), parent }))
    .digest('hex')
    .slice(0, 12)}`;
  return {
    runId,
    districtPath: districtDir,
    contentHash,
    codeVersion: codeVersion(),
    checkpointEveryS,
    crsWkt: localFrameWkt(district.frame),
    proj4: localFrameProj4(district.frame),
    parent,
    now: () => new Date().toISOString(),
    elapsedS,
  };
}
