// `rivertwin import-incidents <district> <files…> --out <dir>`: a command centre's log of a real storm — sensor
// readings, rain gauges, work orders (工单), road closures — as a run record that replay, events and the scorer read;
// with --simulate, also the flood engine on the measured rain, so the replay shows water.
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  assembleLog,
  districtRainRates,
  HOTSPOT_MATCH_M,
  importRows,
  incidentKpis,
  incidentEvents,
  indexRoads,
  measuredRiver,
  ROAD_MATCH_M,
  SENSOR_MATCH_M,
  stationsRainSpec,
  writeIncidentRecord,
  type IncidentDistrict,
  type IncidentLog,
} from '../../../simulation/incidents/index.ts';
import { readLogFiles, type LogFileOnDisk } from '../../../simulation/incidents/incident-files.node.ts';
import { clock, RECORD_FILES } from '../../../simulation/record/index.ts';
import { RecordFolderSink } from '../../../simulation/record/record-folder.node.ts';
import { buildScoreCard, type ScoreCard } from '../../../simulation/drill/index.ts';
import { parseScenario, placeScenario, ScenarioRun, type RunEvent } from '../../../simulation/scenario/index.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { districtRoadGraph } from '../../../twin/district/boundaries.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { projectorFor } from '../../../twin/projection/index.ts';
import { twinOptions } from '../district-options.ts';
import { parseNumber } from '../duration.ts';
import { Progress } from '../progress.ts';
import { codeVersion, recordContext } from '../provenance.ts';
import { executeRun } from '../recorded-run.ts';
import { CliError, type CliVerb } from '../verb.ts';
import { SimulationError } from '../../../simulation/errors.ts';

const usage = `Usage: rivertwin import-incidents <district-folder> <log-file>… --out <dir> [--lenient] [--simulate]
                                  [--cell <m>] [--json]

Turns a command centre's incident log (CSV or NDJSON files: sensor readings, rain gauge series, work orders and road
closures; columns in README "Incident logs") into a run record: work orders matched to hotspots (nearest within
${HOTSPOT_MATCH_M} m) and roads (by name or OSM way id, else the nearest named road within ${ROAD_MATCH_M} m), events in time order
with the simulation's event types, a view per minute. Time 0 is the start of the hour of the earliest entry. Then
"rivertwin replay <dir> --at 07:30" and "rivertwin events <dir>" read it.

  --out <dir>     the record folder to write
  --lenient       skip bad rows (unknown sensor, time out of order, unparseable place, bad unit…) and list them in
                  the output and the record, instead of stopping at the first
  --simulate      also run the flood engine on the log's measured rain (its gauges spread over the grid; the river
                  from its river-gauge readings, else the district's default), so the record has depth frames; and
                  write plan-scenario.json, the same storm for the automatic plan's run
  --cell <m>      grid cell size for --simulate (default the district's; 10 or 20 is much faster)
  --json          print the import summary as JSON`;

export const verb: CliVerb = {
  name: 'import-incidents',
  summary: "a real storm's incident log (readings, rain, work orders, closures) as a run record for replay",
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        lenient: { type: 'boolean' },
        simulate: { type: 'boolean' },
        cell: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length < 2)
      throw new CliError('import-incidents takes a district folder and at least one log file; see --help');
    if (!values.out) throw new CliError('import-incidents needs --out <dir>, the record folder to write');
    const [districtDir, ...paths] = positionals;
    const summary = await importIncidents({
      districtDir,
      files: readLogFiles(paths),
      names: paths.map((p) => basename(p)),
      out: values.out,
      lenient: values.lenient === true,
      simulate: values.simulate === true,
      ...(values.cell ? { cellM: parseNumber(values.cell, '--cell') } : {}),
      quiet: values.json === true,
    });
    if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else
      process.stdout.write(
        describe(summary) +
          (summary.score
            ? `\n  score           ${summary.score.score} / 100 against the automatic plan on the same storm (${summary.score.file}; the plan's record ${summary.score.plan}/)`
            : '') +
          '\n',
      );
    return 0;
  },
};

type Summary = ReturnType<typeof summarise>;

function summarise(
  log: IncidentLog,
  rows: ReturnType<typeof importRows>,
  events: number,
  kpis: Record<string, number | null>,
  out: string,
  simulated: boolean,
  district: string,
) {
  const p = rows.parsed;
  return {
    district,
    startAt: log.startAt,
    durationS: log.durationS,
    rows: log.rowCount,
    reconstructedRows: log.reconstructedRows,
    readings: p.readings.length,
    sensors: log.sensors.map((s) => s.sensorId),
    rainValues: p.rain.length,
    rainGauges: log.gauges.map((g) => g.id),
    orders: log.cases.length,
    matchedToHotspot: log.cases.filter((c) => c.match.hotspot).length,
    matchedToRoad: log.cases.filter((c) => c.match.road).length,
    unmatched: log.unmatched,
    closures: p.closures.length,
    closedRoads: [...new Set(p.closures.map((c) => c.label))],
    events,
    skipped: rows.skipped,
    kpis: Object.fromEntries(
      [
        'casesOpened',
        'casesDispatched',
        'casesServed',
        'casesCleared',
        'casesOpenAtEnd',
        'escalated',
        'meanToDispatchS',
        'meanToArriveS',
        'medianToArriveS',
        'meanToClearS',
        'caseHoursWaiting',
        'roadKmHoursClosed',
      ].map((k) => [k, kpis[k] === null ? null : Math.round(kpis[k]! * 1000) / 1000]),
    ),
    simulated,
    record: out,
  };
}

function describe(s: Summary): string {
  const min = (v: number | null) => (v === null ? '—' : `${Math.round(v / 60)} min`);
  const k = s.kpis;
  return [
    `incident log from ${s.startAt}, ${clock(s.durationS)} long, on ${s.district}: ${s.rows} rows (${s.reconstructedRows} marked reconstructed)`,
    `  readings        ${s.readings} from ${s.sensors.length} sensors (${s.sensors.join(', ') || 'none'})`,
    `  rain            ${s.rainValues} values from ${s.rainGauges.length} gauges (${s.rainGauges.join(', ') || 'none'})`,
    `  work orders     ${s.orders}: ${s.matchedToHotspot} matched to a hotspot, ${s.matchedToRoad} to a road; ${s.unmatched.length} not fully matched`,
    ...s.unmatched.map((u) => `                  ${u.file} row ${u.row}: order ${u.orderId}: ${u.reasons.join('; ')}`),
    `  closures        ${s.closures} rows on ${s.closedRoads.length} roads (${s.closedRoads.join(', ') || 'none'})`,
    `  response        ${k.casesDispatched} of ${k.casesOpened} dispatched, ${k.casesServed} reached, ${k.casesCleared} cleared; over all orders ${min(k.meanToDispatchS)} to dispatch, ${min(k.meanToArriveS)} to arrive, ${min(k.meanToClearS)} to clear; ${k.caseHoursWaiting} case-hours waiting`,
    ...(s.skipped.length
      ? [
          `  skipped         ${s.skipped.length} rows (--lenient):`,
          ...s.skipped.map((x) => `                  ${x.message}`),
        ]
      : []),
    `  events          ${s.events}`,
    `  flood run       ${s.simulated ? `on the measured rain: depth frames in the record; the automatic plan's storm is ${s.record}/${RECORD_FILES.planScenario}` : 'none (give --simulate to run the flood engine on the measured rain)'}`,
    `  record          ${s.record}/ (rivertwin replay ${s.record} --at 01:00; rivertwin events ${s.record})`,
  ].join('\n');
}

/** Runs the plan's storm with automatic dispatch as `<out>/plan` and writes the score card of the real response. */
function scoreAgainstPlan(
  districtDir: string,
  district: Awaited<ReturnType<typeof loadDistrict>>,
  twin: ReturnType<typeof buildTwin>,
  plan: Record<string, unknown>,
  log: IncidentLog,
  events: readonly RunEvent[],
  out: string,
  quiet: boolean | undefined,
): ScoreCard {
  const spec = placeScenario(parseScenario(plan, 'plan-scenario.json'), district);
  spec.cellM = twin.grid.cellM;
  const planRun = executeRun({
    districtDir,
    twin,
    spec,
    out: join(out, 'plan'),
    checkpointEveryS: 3600,
    label: 'plan (optimal)',
    ...(quiet ? { quiet } : {}),
  });
  const card = buildScoreCard({
    scenario: String(plan.name),
    seed: spec.seed,
    endS: log.durationS,
    controlStepS: spec.controlStepS,
    operator: { events, kpis: incidentKpis(log, log.durationS) },
    plan: { events: planRun.result.events, kpis: planRun.result.kpis },
  });
  new RecordFolderSink(out).writeFile('score-card.json', JSON.stringify(card, null, 2) + '\n');
  return card;
}

/** What an import is given: the district, the log files (already read), where to write, and how. */
export interface ImportRequest {
  districtDir: string;
  files: LogFileOnDisk[];
  /** The files' names as the scenario names them. */
  names: string[];
  out: string;
  lenient: boolean;
  simulate: boolean;
  cellM?: number;
  /** No progress on stderr. */
  quiet: boolean;
}

/**
 * Imports a log into a record at `out` (and, simulated, scores it against the plan); the summary. The CLI verb and the
 * server's import job call this.
 */
export async function importIncidents(opts: ImportRequest) {
  const { districtDir, files, out } = opts;
  const district = await loadDistrict(districtDir);
  const cellM = opts.cellM ?? district.manifest.grid.cellM;
  // The road graph the fleet routes on: built on the grid when the flood engine runs, alone otherwise.
  const twin = opts.simulate ? buildTwin(district, twinOptions(cellM, opts.quiet)) : undefined;
  const graph = twin?.graph ?? districtRoadGraph(district).graph;
  const wgs84 = projectorFor('EPSG:4326', district.frame);
  const d: IncidentDistrict = {
    sensors: district.sensors,
    hotspots: district.hotspots,
    roads: indexRoads(graph, district.roads),
    toLocal: (lon, lat) => wgs84.toLocal(lon, lat),
    extent: district.extent,
  };
  const rows = importRows(files, d, opts.lenient);
  const log = assembleLog(rows.parsed, d);
  const rain = stationsRainSpec(log);
  if (opts.simulate && !rain)
    throw new SimulationError(
      'needs rain gauge series in the log (rows of type rain) to simulate; none were given',
      { input: '--simulate' },
      "add the gauges' rain rows, or import without --simulate",
    );
  const river = measuredRiver(log, district.sensors);
  const name = `incidents ${opts.names.join(' + ')}`;
  const storm = {
    name,
    description: `incident log from ${log.startAt}`,
    durationS: log.durationS,
    controlStepS: 60,
    ...(opts.simulate ? { cellM } : {}),
    rain: rain ?? { kind: 'uniform', rateMmPerH: 0, durationS: log.durationS },
    ...(river ? { river } : {}),
  };
  const spec = placeScenario(parseScenario({ ...storm, fleet: { policy: 'manual' } }, name), district);
  const plan = rain ? { ...storm, name: `${name}: automatic plan`, cellM, fleet: { policy: 'optimal' } } : undefined;
  const sim = twin ? ScenarioRun.start(twin, spec) : undefined;
  const progress = new Progress('import', log.durationS, process.stderr, !sim);
  const ctx = recordContext(districtDir, district, spec, 0, () => progress.elapsedS);
  ctx.runId = `import-${createHash('sha256')
    .update(JSON.stringify({ files: files.map((f) => f.sha256), spec, hash: ctx.contentHash, code: codeVersion() }))
    .digest('hex')
    .slice(0, 12)}`;
  const lonLat = (x: number, y: number): [number, number] => {
    const [lon, lat] = wgs84.fromLocal(x, y);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const events = incidentEvents(log, { sensors: district.sensors, controlStepS: 60, scenarioName: name, lonLat });
  const riverGauges = district.sensors.filter((s) => s.kind === 'riverLevel' && s.alertAt !== undefined);
  const warningM = riverGauges.length
    ? Math.min(...riverGauges.map((s) => s.alertAt!))
    : (district.manifest.river?.warningM ?? NaN);
  let kpis;
  try {
    kpis = writeIncidentRecord(
      new RecordFolderSink(out),
      {
        log,
        events,
        district,
        spec,
        view: {
          sensors: district.sensors,
          fleet: district.fleet,
          depots: district.depots,
          controlStepS: 60,
          rainRates: districtRainRates(log, 60),
          warningM,
          lonLat,
        },
        source: {
          files: files.map((f, i) => ({ name: basename(f.name), sha256: f.sha256, rows: rows.rowsPerFile[i] })),
          skipped: rows.skipped,
          unmatched: log.unmatched,
          matching: { hotspotM: HOTSPOT_MATCH_M, roadM: ROAD_MATCH_M, sensorM: SENSOR_MATCH_M },
        },
        ...(sim ? { sim } : {}),
        ...(plan ? { planScenario: plan } : {}),
        onStep: (t) => progress.update(t),
      },
      ctx,
    );
    progress.done();
  } finally {
    sim?.close();
  }
  // With the water simulated, the real response is scored against the automatic plan on the same storm.
  const card =
    sim && plan && twin ? scoreAgainstPlan(districtDir, district, twin, plan, log, events, out, opts.quiet) : null;
  const summary = {
    ...summarise(log, rows, events.length, kpis, out, !!sim, district.manifest.nameEn ?? ''),
    score: card ? { score: card.score, file: join(out, 'score-card.json'), plan: join(out, 'plan') } : null,
  };
  return summary;
}
