// `rivertwin report <record> [--lang zh|en] --out <file.html>`: one self-contained HTML page of a recorded run for a
// planner to hand on — the scenario in words, the maximum-depth map, charts, case timeline, KPIs, water balance, a
// drill's score card, and the difference from a fork's parent or from another record (--compare).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReportHtml, readReportInput, type OpenedRecord } from '../../report/index.ts';
import { openRecord } from '../open-record.ts';
import { recordTwin } from '../record-twin.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin report <record-folder> [--lang zh|en] --out <file.html> [--compare <record-folder>]
                        [--district <folder>]

Writes one HTML file with everything inline (no network request, no script): the scenario in words; a map of the
maximum depth in the alarm classes < 15, 15–30, 30–50, > 50 cm (below 2 cm not coloured) over the district's
buildings, roads, river and labelled hotspots; the hyetograph; the river stage against the wall crest and warning
level; the key road-water monitors against their alarm levels; the case timeline (发现 → 派单 → 到场 → 处置 → 结案);
the fleet's KPIs and the water balance. Read from the record, never re-simulated.
  --lang zh|en          the report's language (default zh)
  --compare <record>    add the difference from another record of the same district and grid (this run − that one),
                        with a blue/red map of the difference in maximum depth
  --district <dir>      the district the run used (default: the folder the record names)
A drill's score card (score-card.json in the record folder) is added as its own section; a fork (its manifest names a
parent) gets the difference from its parent when the parent's folder is where the manifest says.`;

export const verb: CliVerb = {
  name: 'report',
  summary: 'one self-contained HTML report of a recorded run (zh or en): map, charts, cases, KPIs',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        out: { type: 'string' },
        compare: { type: 'string' },
        district: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new CliError('report takes one record folder; see "rivertwin report --help"');
    const lang = values.lang ?? 'zh';
    if (lang !== 'zh' && lang !== 'en') throw new CliError(`--lang ${JSON.stringify(lang)} is not one of zh, en`);
    if (!values.out) throw new CliError('report needs --out <file.html>');
    if (existsSync(values.out) && statSync(values.out).isDirectory())
      throw new CliError(`--out ${JSON.stringify(values.out)} is a folder; give a file name such as report.html`);
    const record = openRecord(positionals[0]);
    const compared = values.compare ? openRecord(values.compare) : null;
    const parentPath = record.replay.manifest.parent?.record;
    const parent: OpenedRecord | null =
      parentPath && existsSync(parentPath) && statSync(parentPath).isDirectory() ? openRecord(parentPath) : null;
    const twin = await recordTwin(record.replay, values.district);
    const html = buildReportHtml(lang, readReportInput({ record, twin, parent, compared }, lang));
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, html);
    process.stdout.write(`wrote ${values.out} (${Math.round(Buffer.byteLength(html) / 1024)} KB, ${lang})\n`);
    return 0;
  },
};
