// Bench: a scenario on the bundled district, fully coupled (flood engine, sensors, fleet) and recording, as
// `rivertwin run --out` does (`--threads N` for the engine, default 2). Prints {scenario, cellM, threads, cells, wallSeconds, realTimeFactor, seekMsMax,
// recordBytesPerSimHour, snapshotMs, restoreMs} and where the time went.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordReplay, RecordWriter } from '../../simulation/record/index.ts';
import { RecordFolderSink, RecordFolderSource } from '../../simulation/record/record-folder.node.ts';
import { ScenarioRun } from '../../simulation/scenario/index.ts';
import { resolveScenario } from '../../simulation/scenario/resolve-scenario.node.ts';
import { recordContext } from '../../server/cli/provenance.ts';
import { threadedEngines } from '../../simulation/hydro/threads.node.ts';
import { buildTwin } from '../../twin/district/build-twin.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const district = join(repoRoot, 'datasets/shanghai-bund');

/** Runs the bench; `--json` prints exactly one JSON object. Options: --scenario, --cell, --duration (s). */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  const name = opt('--scenario') ?? 'typhoon-6h';
  const cellM = Number(opt('--cell') ?? 5);
  const lts = opt('--lts');
  const spec = {
    ...resolveScenario(name, district),
    cellM,
    ...(lts !== undefined ? { localTimeStep: Number(lts) } : {}),
  };
  if (opt('--duration')) spec.durationS = Number(opt('--duration'));
  const d = await loadDistrict(district);
  const threads = Number(opt('--threads') ?? 2);
  const twin = { ...buildTwin(d, { cellM }), engine: threadedEngines(threads) };
  const cells = twin.grid.nx * twin.grid.ny;
  log(
    `${spec.name} at ${cellM} m: ${twin.grid.nx} × ${twin.grid.ny} = ${cells} cells, ${spec.durationS / 3600} h, ${threads} thread(s)`,
  );
  const out = mkdtempSync(join(tmpdir(), 'rivertwin-bench-'));
  try {
    const t0 = performance.now();
    const r = ScenarioRun.start(twin, spec);
    const ctx = recordContext(district, d, spec, 3600, () => (performance.now() - t0) / 1000);
    const writer = new RecordWriter(new RecordFolderSink(out), r, ctx);
    writer.begin();
    let recordMs = 0;
    let snapshotMs = 0;
    let restoreMs = 0;
    let snapshotBytes = 0;
    while (!r.finished) {
      r.advance();
      const w0 = performance.now();
      writer.afterStep();
      recordMs += performance.now() - w0;
      if (r.step === Math.floor(r.steps / 2)) {
        // Snapshot and restore at mid-run, outside the wall time of the run itself.
        const s0 = performance.now();
        const bytes = r.snapshot();
        snapshotMs = performance.now() - s0;
        snapshotBytes = bytes.length;
        const s1 = performance.now();
        ScenarioRun.restore(twin, bytes).close();
        restoreMs = performance.now() - s1;
      }
    }
    const setupAndRunMs = performance.now() - t0 - snapshotMs - restoreMs;
    writer.finish();
    r.close();
    const wallSeconds = setupAndRunMs / 1000;
    // Seek: state and frame as of random moments, from the record on disk.
    const replay = RecordReplay.open(new RecordFolderSource(out));
    let seekMsMax = 0;
    let seed = 12345;
    for (let i = 0; i < 40; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const t = (seed / 2 ** 32) * spec.durationS;
      const q0 = performance.now();
      replay.stateAt(t);
      replay.frameAt(t);
      seekMsMax = Math.max(seekMsMax, performance.now() - q0);
    }
    const bytes = folderBytes(out);
    const pct = (ms: number) => round((100 * ms) / setupAndRunMs, 1);
    const share = (ms: number) => `${pct(ms)} %`;
    const restMs = setupAndRunMs - r.timing.engineMs - r.timing.fleetMs - r.timing.watchMs - recordMs;
    const result = {
      scenario: spec.name,
      cellM,
      threads,
      cells,
      wallSeconds: round(wallSeconds, 1),
      realTimeFactor: round(spec.durationS / wallSeconds, 1),
      seekMsMax: round(seekMsMax, 1),
      recordBytesPerSimHour: Math.round(bytes / (spec.durationS / 3600)),
      snapshotMs: round(snapshotMs, 1),
      restoreMs: round(restoreMs, 1),
      profilePercent: {
        floodEngine: pct(r.timing.engineMs),
        fleetAndRouting: pct(r.timing.fleetMs),
        sensors: pct(r.timing.watchMs),
        recordWriting: pct(recordMs),
        setUpAndRest: pct(restMs),
      },
      engineSteps: r.parts.engine.stats().steps,
    };
    log(
      `time: flood engine ${share(r.timing.engineMs)}, fleet and routing ${share(r.timing.fleetMs)}, sensors ${share(r.timing.watchMs)}, record writing ${share(recordMs)}, set-up and rest ${share(restMs)}`,
    );
    log(`record: ${(bytes / 1e6).toFixed(1)} MB in all; a checkpoint is ${(snapshotBytes / 1e6).toFixed(1)} MB`);
    process.stdout.write(json ? JSON.stringify(result) + '\n' : `${JSON.stringify(result, null, 1)}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function folderBytes(dir: string): number {
  let sum = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(join(dir, f));
    if (st.isFile()) sum += st.size;
  }
  return sum;
}

function round(v: number, d: number): number {
  return Math.round(v * 10 ** d) / 10 ** d;
}
