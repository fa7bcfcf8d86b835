// A short recorded run on the Bund at a coarse grid (Haikui's rain, a pump station failing, operator commands), the
// shared subject of the record, replay and fork tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordWriter, type RecordContext } from '../../../simulation/record/index.ts';
import { RecordFolderSink } from '../../../simulation/record/record-folder.node.ts';
import { parseScenario, ScenarioRun, type RunView, type ScenarioSpec } from '../../../simulation/scenario/index.ts';
import { buildTwin, type Twin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { createLocalFrame, localFrameProj4, localFrameWkt } from '../../../twin/projection/index.ts';

/** The Bund's local frame (its district.json origin). */
const BUND_FRAME = createLocalFrame(121.5005, 31.2387);

export const districtDir = join(import.meta.dirname, '../../../datasets/shanghai-bund');

export const spec: ScenarioSpec = parseScenario({
  name: 'Haikui on the Bund, 50 min at 20 m',
  durationS: 3000,
  cellM: 20,
  rain: { kind: 'preset', name: 'haikui-2012-hongkou' },
  river: 'springTide',
  pumpFailures: [{ id: 'P03', atS: 1200 }],
});

/** A fixed context: the wall clock is the only thing that differs between two runs. */
export function context(tag: string): RecordContext {
  return {
    runId: 'run-test',
    districtPath: 'datasets/shanghai-bund',
    contentHash: 'test-hash',
    codeVersion: 'test',
    checkpointEveryS: 600,
    crsWkt: localFrameWkt(BUND_FRAME),
    proj4: localFrameProj4(BUND_FRAME),
    parent: null,
    now: () => `wall clock of ${tag} ${Date.now()}`,
    elapsedS: () => Math.random(),
  };
}

let twin: Twin | undefined;

/** The Bund at 20 m, built once per test file. */
export async function bundTwin(): Promise<Twin> {
  twin ??= buildTwin(await loadDistrict(districtDir), { cellM: 20 });
  return twin;
}

/** Runs the fixture scenario into a new record folder; returns it with the live view after every step. */
export function recordRun(t: Twin, tag = 'a'): { dir: string; views: RunView[]; run: ScenarioRun } {
  const dir = mkdtempSync(join(tmpdir(), `rivertwin-record-${tag}-`));
  const run = ScenarioRun.start(t, spec);
  const writer = new RecordWriter(new RecordFolderSink(dir), run, context(tag));
  writer.begin();
  const views: RunView[] = [run.view()];
  // An operator reports water at a hotspot, and holds a truck, both issued before the storm.
  const h = t.district.hotspots[0];
  run.command({ kind: 'report', xy: h.xy, atS: 900, id: 'hotline-1' });
  run.command({ kind: 'hold', truckId: 'T02', atS: 1500 });
  writer.flushCommands();
  while (!run.finished) {
    run.advance();
    writer.afterStep();
    views.push(run.view());
    if (run.tS === 1800) {
      run.command({ kind: 'release', truckId: 'T02', atS: 2100 });
      writer.flushCommands();
    }
  }
  writer.finish();
  run.close();
  return { dir, views, run };
}
