// `rivertwin events <record>`: a recorded run's event log, filtered by type and time window, as text or NDJSON.
import { parseArgs } from 'node:util';
import { clock } from '../../../simulation/record/index.ts';
import type { RunEvent } from '../../../simulation/scenario/index.ts';
import { openRecord } from '../open-record.ts';
import { parseTimeS } from '../time-arg.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin events <record-folder> [--type <t>[,<t>…]] [--from <time>] [--to <time>] [--json]

Lists a recorded run's events in order.
  --type <t>   event types, or families ending in "." (e.g. case.,truck.arrived,sensor.alarm)
  --from/--to  a time window (01:30, 90m, 1.5h or seconds)
  --json       one JSON event per line (NDJSON)`;

export const verb: CliVerb = {
  name: 'events',
  summary: "a recorded run's events, filtered by type and time",
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        type: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new CliError(`events takes one record folder; see "rivertwin events --help"`);
    const { replay } = openRecord(positionals[0]);
    const types = values.type?.flatMap((t) => t.split(',')).filter(Boolean);
    const known = new Set(replay.events.map((e) => e.type));
    for (const t of types ?? []) {
      if (!t.endsWith('.') && !known.has(t as RunEvent['type']) && !/^[a-z]+\.[a-zA-Z]+$/.test(t))
        throw new CliError(
          `--type ${JSON.stringify(t)} is not an event type (e.g. case.opened, or case. for all case events)`,
        );
    }
    const events = replay.eventsIn({
      ...(values.from ? { fromS: parseTimeS(values.from, '--from') } : {}),
      ...(values.to ? { toS: parseTimeS(values.to, '--to') } : {}),
      ...(types ? { types } : {}),
    });
    if (replay.stops) process.stderr.write(`rivertwin: ${replay.stops}\n`);
    if (values.json) {
      process.stdout.write(events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''));
      return 0;
    }
    for (const e of events) process.stdout.write(`${clock(e.timeS)}  #${e.seq}  ${e.type}  ${describe(e)}\n`);
    return 0;
  },
};

/** The event's own fields in a line, without the common ones. */
function describe(e: RunEvent): string {
  const { seq: _s, timeS: _t, type: _y, ...rest } = e as RunEvent & Record<string, unknown>;
  return Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 1000) / 1000 : JSON.stringify(v)}`)
    .join(' ');
}
