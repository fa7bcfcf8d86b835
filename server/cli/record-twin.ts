// The district a record ran on, rebuilt at the record's cell size for verbs that draw or route on it (export, report):
// from the folder the record names (or --district), refused when its content has changed since the run.
import { existsSync } from 'node:fs';
import type { RecordReplay } from '../../simulation/record/index.ts';
import { buildTwin, type Twin } from '../../twin/district/build-twin.ts';
import { districtContentHash } from '../../twin/district/district-hash.node.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import { CliError } from './verb.ts';

/**
 * The twin of `dir` (default: the record's own district path) at the record's cell size.
 * @throws CliError when the folder is not here or its content hash differs from the record's
 */
export async function recordTwin(replay: RecordReplay, dir: string = replay.manifest.district.path): Promise<Twin> {
  if (!dir || !existsSync(dir))
    throw new CliError(`the record's district folder ${JSON.stringify(dir)} is not here; give --district <folder>`);
  if (districtContentHash(dir) !== replay.manifest.district.contentHash)
    throw new CliError(`district ${dir} has changed since the run (its content hash differs); use the same data`);
  return buildTwin(await loadDistrict(dir), { cellM: replay.manifest.grid.cellM });
}
