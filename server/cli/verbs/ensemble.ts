// `rivertwin ensemble <spec>`: every member of an ensemble (storms × tides × fleets …) run on the embedded pool or on
// BullMQ workers, then aggregated into probability and percentile maps, hotspot and fleet distributions and a
// fleet-size recommendation (README "Ensembles"). Progress over members on stderr; the result in --out.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { BullQueue } from '../../http/jobs/bullmq-queue.ts';
import type { JobQueue } from '../../http/jobs/job-queue.ts';
import { LocalPool } from '../../http/jobs/local-pool.ts';
import { checkRedis, parseRedisUrl, queueUrl } from '../../http/jobs/redis-url.ts';
import type { EnsembleProgress, MemberState } from '../../ensemble/ensemble-runner.ts';
import { loadEnsembleFile } from '../../ensemble/load-ensemble.ts';
import { startEnsemble } from '../../ensemble/run-ensemble.ts';
import { parseNumber } from '../duration.ts';
import { formatWall } from '../progress.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin ensemble <ensemble.json> --out <dir> [--queue redis://host:port] [--threads <n>] [--json]

Runs every member of an ensemble — a base scenario varied along axes (design storms, rain presets, typhoon track
offsets, river presets, fleet sizes, pre-positioning, dispatch policy, pump failures, seeds), crossed or drawn with a
seed (schema: datasets/schemas/ensemble.schema.json; e.g. datasets/shanghai-bund/ensembles/fleet-size.json) — and
aggregates their records into:

  ensemble.json                  members (and the error of any that failed), per hotspot the distribution of peak
                                 depth and first-wet time, per fleet option the distribution of each KPI, and the
                                 fleet-size curve with a recommendation and its bootstrap uncertainty
  prob-depth-gt-<d>cm.tif        per cell, the share of members whose maximum depth passed d (15, 30, 50 cm)
  max-depth-p<q>.tif             per cell, the q-th percentile over members of the maximum depth (50th, 90th)
  report.zh.html, report.en.html the ensemble report (Chinese, English): these maps on the district, the hotspot
                                 and fleet-option distributions and the fleet-size curve with its recommendation
  members/<id>/                  each member's run record

  --out <dir>        where the outputs go (members' records under members/)
  --queue <url>      BullMQ on Redis (redis://host:port[/db]; or set REDIS_URL): members become jobs that
                     \`rivertwin worker\` processes on any machine seeing the district and <dir> take. Without it the
                     embedded pool runs them here.
  --threads <n>      simulation threads of the embedded pool (default: cores − 1, at least 1)
  --json             print {members, completed, failed, wallSeconds, outputs} (progress goes to stderr)`;

export const verb: CliVerb = {
  name: 'ensemble',
  summary: 'run an ensemble of scenarios (storms × tides × fleets) on a queue and aggregate the maps and KPIs',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        queue: { type: 'string' },
        threads: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new CliError(`ensemble takes one ensemble file.\n${usage}`);
    if (!values.out) throw new CliError('ensemble needs --out <dir> for its outputs');
    const threads = values.threads ? parseNumber(values.threads, '--threads') : Math.max(1, availableParallelism() - 1);
    if (!Number.isInteger(threads) || threads < 1)
      throw new CliError(`--threads ${values.threads}: give a whole number ≥ 1`);
    const where = queueUrl(values.queue);
    // Redis is checked before anything is read or run: a wrong address fails in seconds.
    const connection = where ? parseRedisUrl(where.url, where.from) : undefined;
    if (connection && where) await checkRedis(connection, where.from);
    const loaded = await loadEnsembleFile(positionals[0]);
    const queue: JobQueue = connection
      ? await BullQueue.open(connection)
      : new LocalPool({ maxThreads: threads, maxQueued: threads });
    const label = `ensemble ${loaded.spec.name}`;
    process.stderr.write(
      `${label}: ${loaded.members.length} members on ${where ? `BullMQ at ${connection!.host}:${connection!.port}` : `the embedded pool (${threads} thread${threads > 1 ? 's' : ''})`}\n`,
    );
    const onChange = (p: EnsembleProgress, m: MemberState): void => {
      if (m.status === 'failed') process.stderr.write(`${label}: member ${m.id} failed: ${m.error}\n`);
      if (m.status === 'completed' || m.status === 'failed' || m.status === 'running') progressLine(label, p);
    };
    let outcome;
    try {
      outcome = await startEnsemble(loaded, queue, values.out, {
        window: connection ? loaded.members.length : threads,
        onChange,
      }).outcome;
    } finally {
      await queue.close();
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const { result, files, wallSeconds } = outcome;
    const summary = {
      members: result.counts.members,
      completed: result.counts.completed,
      failed: result.counts.failed,
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      outputs: files.map((f) => `${values.out}/${f}`),
      failures: result.members.filter((m) => m.status !== 'completed').map((m) => ({ id: m.id, error: m.error })),
    };
    if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else {
      const lines = [
        `${label}: ${summary.completed} of ${summary.members} members completed, ${summary.failed} failed, in ${formatWall(wallSeconds)}`,
        ...summary.failures.map((f) => `  failed          ${f.id}: ${f.error}`),
        ...result.fleetSizeCurves.map((c) => {
          const r = c.recommendation;
          const shares = Object.entries(r.bootstrap.shares)
            .map(([s, v]) => `${s}: ${Math.round(v * 100)}%`)
            .join(', ');
          return `  fleet size      ${c.label}: ${r.trucks ?? 'none'} trucks (${r.rule}; bootstrap 90% range ${r.bootstrap.low}–${r.bootstrap.high}, ${shares})`;
        }),
        `  outputs         ${summary.outputs.join(', ')}`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    }
    return summary.completed > 0 ? 0 : 1;
  },
};

function progressLine(label: string, p: EnsembleProgress): void {
  const eta = p.etaS === null ? 'estimating' : `about ${formatWall(p.etaS)} left`;
  const text = `${label}: ${p.done + p.failed + p.cancelled}/${p.members} ended (${p.done} done, ${p.failed} failed), ${p.running} running, ${p.waiting} waiting; ${eta}`;
  if (process.stderr.isTTY) {
    const width = 24;
    const filled = Math.round(((p.done + p.failed + p.cancelled) / p.members) * width);
    process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
  } else process.stderr.write(`${text}\n`);
}
