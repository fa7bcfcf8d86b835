// Bench: the HTML report of design-100y (the Bund at its 10 m cells, 8 simulated hours), as `rivertwin report` makes
// it: open the record, rebuild the district, read every view and event, render the map and charts, write the page.
// Runs the scenario first unless --record <dir> gives a finished record. Prints {reportMs, reportBytes}.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordReplay } from '../../simulation/record/index.ts';
import { RecordFolderSource } from '../../simulation/record/record-folder.node.ts';
import { placeScenario } from '../../simulation/scenario/index.ts';
import { resolveScenario } from '../../simulation/scenario/resolve-scenario.node.ts';
import { executeRun } from '../../server/cli/recorded-run.ts';
import { recordTwin } from '../../server/cli/record-twin.ts';
import { buildReportHtml, readReportInput } from '../../server/report/index.ts';
import { buildTwin } from '../../twin/district/build-twin.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const districtDir = 'datasets/shanghai-bund';

/** Runs the bench; `--json` prints exactly one JSON object. Options: --record <dir>, --lang zh|en. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  process.chdir(repoRoot);
  const work = mkdtempSync(join(tmpdir(), 'rivertwin-report-bench-'));
  try {
    let record = opt('--record');
    if (!record) {
      record = join(work, 'design-100y');
      const district = await loadDistrict(districtDir);
      const spec = placeScenario(resolveScenario('design-100y', districtDir), district);
      log(`running design-100y at ${spec.cellM} m into ${record} (not timed)…`);
      executeRun({
        districtDir,
        twin: buildTwin(district, { cellM: spec.cellM }),
        spec,
        out: record,
        checkpointEveryS: 3600,
        quiet: true,
      });
    }
    const lang = opt('--lang') === 'en' ? 'en' : 'zh';
    const out = join(work, 'report.html');
    const t0 = performance.now();
    const source = new RecordFolderSource(record);
    const replay = RecordReplay.open(source);
    const twin = await recordTwin(replay);
    const t1 = performance.now();
    const html = buildReportHtml(
      lang,
      readReportInput({ record: { replay, source }, twin, parent: null, compared: null }, lang),
    );
    writeFileSync(out, html);
    const t2 = performance.now();
    const result = { reportMs: Math.round(t2 - t0), reportBytes: Buffer.byteLength(html) };
    log(
      `report (${lang}) of ${record}: ${result.reportMs} ms (district ${Math.round(t1 - t0)} ms, read and render ${Math.round(t2 - t1)} ms), ${result.reportBytes} bytes`,
    );
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
