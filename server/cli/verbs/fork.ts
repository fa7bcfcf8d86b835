// `rivertwin fork <record> --at <time>`: a what-if from a moment of a recorded run — the parent's state then, a patch
// to the scenario and new operator commands — run to the end and written as a new record that names its parent.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { forkRecord } from '../../../simulation/record/index.ts';
import { RecordFolderSink } from '../../../simulation/record/record-folder.node.ts';
import type { RunCommand } from '../../../simulation/scenario/index.ts';
import { parseJson } from '../../../simulation/scenario/resolve-scenario.node.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { districtContentHash } from '../../../twin/district/district-hash.node.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { openRecord } from '../open-record.ts';
import { Progress } from '../progress.ts';
import { recordContext } from '../provenance.ts';
import { parseTimeS } from '../time-arg.ts';
import { CliError, type CliVerb } from '../verb.ts';
import { engineOption, THREADS_USAGE } from '../district-options.ts';

const usage = `Usage: rivertwin fork <record-folder> --at <time> --out <new-record-folder>
                      [--patch <scenario-patch.json>] [--commands <commands.ndjson>] [--district <folder>]
                      [--threads <N>] [--json]

Forks a what-if from a moment of a recorded run: restores the nearest checkpoint at or before the time, replays the
operator commands recorded up to it, applies the patch (a partial scenario: another fleet policy, pump failures, a
longer run…) and the new commands from then on, runs to the end and writes a new record naming its parent.
  --at <time>        01:30, 90m, 1.5h or seconds (the last control step at or before it)
  --patch <file>     JSON object merged over the parent's scenario (objects merge, lists replace)
  --commands <file>  operator commands, one JSON object per line, e.g.
                     {"atS": 5400, "kind": "dispatch", "truckId": "T01", "caseId": "C003"}
                     {"atS": 5400, "kind": "restorePump", "stationId": "P03"}
  --drop-later-commands  leave out the parent's operator commands issued after the fork time (by default they are
                     issued again when the parent issued them, so an empty patch repeats the parent)
  --district <dir>   the district the parent ran on (default: the folder the parent names)
${THREADS_USAGE}
  --json             print a summary as JSON`;

export const verb: CliVerb = {
  name: 'fork',
  summary: 'a what-if from a moment of a recorded run, written as a new record',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        at: { type: 'string' },
        out: { type: 'string' },
        patch: { type: 'string' },
        commands: { type: 'string' },
        district: { type: 'string' },
        'drop-later-commands': { type: 'boolean' },
        threads: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new CliError('fork takes one record folder; see "rivertwin fork --help"');
    const { engine } = engineOption(values.threads);
    if (values.at === undefined) throw new CliError('fork needs --at <time>, e.g. --at 01:30');
    if (!values.out) throw new CliError('fork needs --out <folder> for the new record');
    if (existsSync(values.out) && readdirSync(values.out).length > 0)
      throw new CliError(`--out ${values.out} is not empty; give a new folder so no record is overwritten`);
    const { replay, source } = openRecord(positionals[0]);
    const atS = parseTimeS(values.at, '--at');
    replay.stepAt(atS);
    const patch = values.patch ? readJsonObject(values.patch) : {};
    const commands = values.commands ? readCommands(values.commands) : [];
    const districtDir = values.district ?? replay.manifest.district.path;
    if (!districtDir || !existsSync(districtDir))
      throw new CliError(
        `the parent's district folder ${JSON.stringify(districtDir)} is not here; give --district <folder>`,
      );
    if (districtContentHash(districtDir) !== replay.manifest.district.contentHash)
      throw new CliError(
        `district ${districtDir} has changed since the parent ran (its content hash differs); fork on the same data`,
      );
    const district = await loadDistrict(districtDir);
    const twin = { ...buildTwin(district, { cellM: replay.manifest.grid.cellM }), engine };
    const spec = replay.manifest.scenario;
    const progress = new Progress('fork', spec.durationS, process.stderr, false);
    const created = !existsSync(values.out);
    try {
      const ctx = recordContext(
        districtDir,
        district,
        spec,
        replay.manifest.checkpoints.everyS,
        () => progress.elapsedS,
      );
      const { parent: _p, ...context } = ctx;
      const result = forkRecord(
        twin,
        source,
        new RecordFolderSink(values.out),
        { atS, patch, commands, laterCommands: values['drop-later-commands'] ? 'drop' : 'keep' },
        context,
        (run) => progress.update(run.tS),
      );
      progress.done();
      const summary = {
        parent: replay.manifest.runId,
        forkS: result.forkS,
        out: values.out,
        kpis: (({ cases: _c, reachability: _r, hotspotWater: _w, ...k }) => k)(result.kpis),
        wallSeconds: Math.round(progress.elapsedS * 10) / 10,
      };
      process.stdout.write(
        values.json
          ? JSON.stringify(summary, null, 1) + '\n'
          : `forked ${summary.parent} at ${result.forkS} s into ${values.out} (${summary.wallSeconds} s)\n`,
      );
      return 0;
    } catch (err) {
      progress.done();
      if (created) rmSync(values.out, { recursive: true, force: true });
      throw err;
    }
  },
};

function readJsonObject(path: string): Record<string, unknown> {
  const v = parseJson(readText(path), path);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new CliError(`${path}: a patch is a JSON object (a partial scenario), e.g. {"fleet": {"policy": "nearest"}}`);
  return v as Record<string, unknown>;
}

function readCommands(path: string): RunCommand[] {
  return readText(path)
    .split('\n')
    .map((line, i) => [line.trim(), i] as const)
    .filter(([line]) => line.length > 0 && !line.startsWith('#'))
    .map(([line, i]) => {
      const v = parseJson(line, `${path} line ${i + 1}`);
      if (typeof v !== 'object' || v === null || typeof (v as { kind?: unknown }).kind !== 'string')
        throw new CliError(
          `${path} line ${i + 1}: a command is a JSON object with a "kind", e.g. {"atS": 5400, "kind": "hold", "truckId": "T01"}`,
        );
      return v as RunCommand;
    });
}

function readText(path: string): string {
  if (!existsSync(path)) throw new CliError(`${path}: file not found`);
  return readFileSync(path, 'utf8');
}
