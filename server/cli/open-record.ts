// Opens a run record folder for the CLI verbs that read one, and the district it ran on (for forks).
import { existsSync, statSync } from 'node:fs';
import { RecordReplay } from '../../simulation/record/index.ts';
import { RecordFolderSource } from '../../simulation/record/record-folder.node.ts';
import { CliError } from './verb.ts';

/** The record at `dir`, or a CliError saying what is wrong with the path. */
export function openRecord(dir: string): { replay: RecordReplay; source: RecordFolderSource } {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`record folder ${JSON.stringify(dir)} not found; give the folder "rivertwin run --out" wrote`);
  const source = new RecordFolderSource(dir);
  return { replay: RecordReplay.open(source), source };
}
