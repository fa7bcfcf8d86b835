// Run in a fresh process by record.test.ts: restores a checkpoint file and runs to the end, writing the events,
// views and frame chunks (hex) it produced to a JSON file, so the test can compare them with the uninterrupted run.
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeFrame } from '../../../simulation/record/index.ts';
import { ScenarioRun } from '../../../simulation/scenario/index.ts';
import { bundTwin } from './record-fixture.ts';

const [checkpoint, out] = process.argv.slice(2);
const twin = await bundTwin();
const run = ScenarioRun.restore(twin, new Uint8Array(readFileSync(checkpoint)));
const seq0 = run.lastSeq;
const scratch = new Uint16Array(twin.grid.nx * twin.grid.ny);
const views = [run.view()];
const frames: string[] = [Buffer.from(encodeFrame(run.parts.engine.depthM(), scratch)).toString('hex')];
while (!run.finished) {
  run.advance();
  views.push(run.view());
  frames.push(Buffer.from(encodeFrame(run.parts.engine.depthM(), scratch)).toString('hex'));
}
const events = run.eventsSince(seq0);
run.close();
writeFileSync(out, JSON.stringify({ events, views, frames }));
