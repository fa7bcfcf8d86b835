// Run in a fresh process by record.test.ts: restores a record's checkpoint, gives the run the operator commands the
// record logged after it (when they were given), and runs to the end, writing the events, views and frame chunks (hex)
// it produced to a JSON file, so the test can compare them with the uninterrupted run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFrame, RecordReplay } from '../../../simulation/record/index.ts';
import { RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import { ScenarioRun } from '../../../simulation/scenario/index.ts';
import { bundTwin } from './record-fixture.ts';

const [record, checkpoint, out] = process.argv.slice(2);
const twin = await bundTwin();
const run = ScenarioRun.restore(twin, new Uint8Array(readFileSync(join(record, checkpoint))));
const later = RecordReplay.open(new RecordFolderSource(record)).commands.slice(run.issued.length);
const seq0 = run.lastSeq;
const scratch = new Uint16Array(twin.grid.nx * twin.grid.ny);
const views = [run.view()];
const frames: string[] = [Buffer.from(encodeFrame(run.parts.engine.depthM(), scratch)).toString('hex')];
while (!run.finished) {
  for (const c of later) if (c.issuedS === run.tS) run.command(c.command);
  run.advance();
  views.push(run.view());
  frames.push(Buffer.from(encodeFrame(run.parts.engine.depthM(), scratch)).toString('hex'));
}
const events = run.eventsSince(seq0);
run.close();
writeFileSync(out, JSON.stringify({ events, views, frames }));
