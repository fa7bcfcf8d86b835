// `rivertwin worker`: a process that takes run jobs (ensemble members) from BullMQ on Redis and runs them, on any
// machine that sees the district folders and the shared output folder at the paths the jobs name.
import { parseArgs } from 'node:util';
import { startRunWorker } from '../../http/jobs/bullmq-worker.ts';
import { checkRedis, parseRedisUrl, queueUrl } from '../../http/jobs/redis-url.ts';
import { parseDurationS, parseNumber } from '../duration.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin worker [--queue redis://host:port] [--concurrency <n>] [--lock-duration <30s>]
                        [--stalled-interval <30s>]

Takes run jobs (the members of \`rivertwin ensemble … --queue\`) from BullMQ on Redis and runs each in a thread of
its own, writing its record into the folder the job names (whole: moved into place only when complete). Runs until
stopped: SIGINT or SIGTERM finish the jobs in hand first. A worker that dies mid-job stops renewing the job's lock;
another worker's stalled-job check then puts the job back and it runs again from the start, to the same record.

  --queue <url>              the Redis server (redis://host:port[/db]); default REDIS_URL
  --concurrency <n>          jobs at once, one simulation thread each (default 1)
  --lock-duration <t>        how long a job's lock lasts unless renewed (default 30s; renewed every half of it)
  --stalled-interval <t>     how often to look for jobs whose worker died (default 30s)`;

export const verb: CliVerb = {
  name: 'worker',
  summary: 'take ensemble members from BullMQ on Redis and run them (one process per machine)',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        queue: { type: 'string' },
        concurrency: { type: 'string' },
        'lock-duration': { type: 'string' },
        'stalled-interval': { type: 'string' },
      },
    });
    if (positionals.length) throw new CliError(`worker takes no folder.\n${usage}`);
    const where = queueUrl(values.queue);
    if (!where) throw new CliError('worker needs --queue redis://host:port (or REDIS_URL)');
    const concurrency = values.concurrency ? parseNumber(values.concurrency, '--concurrency') : 1;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new CliError(`--concurrency ${values.concurrency}: give a whole number ≥ 1`);
    const ms = (option: 'lock-duration' | 'stalled-interval') =>
      values[option] ? parseDurationS(values[option], `--${option}`) * 1000 : 30_000;
    const connection = parseRedisUrl(where.url, where.from);
    await checkRedis(connection, where.from);
    const log = (line: string): void => void process.stderr.write(`${line}\n`);
    const worker = await startRunWorker({
      connection,
      concurrency,
      lockDurationMs: ms('lock-duration'),
      stalledIntervalMs: ms('stalled-interval'),
      log,
    });
    log(`worker ${worker.name}: taking jobs from ${connection.host}:${connection.port} (${concurrency} at once)`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        log(`worker ${worker.name}: ${signal}, finishing the jobs in hand`);
        void worker.close().then(resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};
