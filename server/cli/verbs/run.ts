// `rivertwin run <district>`: the main job. Rain on the district, the river held at its tide, drains and pump
// stations working, and the pump-truck fleet dispatched on flooding roads; prints what happened and writes it out.
import { parseArgs } from 'node:util';
import { parseScenario, placeScenario, QUICK_SCENARIO, scenarioWarnings } from '../../../simulation/scenario/index.ts';
import type { PlacedScenario } from '../../../simulation/scenario/scenario-setup.ts';
import { readScenarioInput } from '../../../simulation/scenario/resolve-scenario.node.ts';
import { RAIN_PRESETS } from '../../../simulation/rain/index.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import type { District } from '../../../twin/district/district.ts';
import { TwinError } from '../../../twin/errors.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import {
  DISTRICT_OPTIONS,
  DISTRICT_USAGE,
  districtOptions,
  engineOption,
  THREADS_USAGE,
  twinOptions,
} from '../district-options.ts';
import { CliError, type CliVerb } from '../verb.ts';
import { parseDurationS, parseNumber } from '../duration.ts';
import { executeRun, type RunOutcome } from '../recorded-run.ts';

const usage = `Usage: rivertwin run <district-folder> [--scenario <name|file.json>] [--rain <preset>] [--river <preset>]
                     [--duration <8h|90m|s>] [--cell <m>] [--policy optimal|nearest|manual] [--pre-position]
                     [--out <dir>] [--checkpoint-every <1h>] [--threads <N>] [--json]

Runs a scenario on a district: the storm falls, sewers and pump stations drain what they can, the river is held at its
tide behind the flood walls, sensors and hotspots raise cases, and the pump trucks are dispatched and routed on roads
that slow down and close as the water rises. Prints the water balance, the flooding, the worst hotspots and the
fleet's KPIs.

  --scenario <s>     a scenario of the district's library (<district>/scenarios/<name>.json, e.g. design-100y,
                     typhoon-6h) or a scenario file (schema: datasets/schemas/scenario.schema.json). Without it: a
                     5-year 3-hour storm at 10 m cells (about a minute on the Bund). The options below override it
                     and are added to its name.
  --rain <preset>    ${RAIN_PRESETS.map((p) => p.name).join(', ')}
  --river <preset>   one of the district's river presets (district.json "river.presets"; default its
                     "river.default"; the Bund: ordinary, springTide, typhoonSurge)
  --duration <t>     simulated time, e.g. 8h, 90m or seconds
  --cell <m>         grid cell size in metres (default: the scenario's, else the district's)
  --policy <name>    optimal (assignment by priority, default), nearest, or manual (operators dispatch)
  --pre-position     stage the trucks before the storm (p-median on a forecast run of the same storm)
  --out <dir>        write the run record there as it goes (README "Run records"): manifest, events, a view and a
                     depth frame per control step, checkpoints, KPIs, per-case and per-hotspot tables (with lon/lat),
                     the maximum depth as GeoTIFF and ESRI ASCII + .prj. Without it no record is kept.
  --checkpoint-every <t>  checkpoint interval for forks (default 1h of simulated time)
${THREADS_USAGE}
  --json             print one summary object as JSON (progress goes to stderr)
${DISTRICT_USAGE}`;

function summaryOf(o: RunOutcome, spec: PlacedScenario, record: string | null, warnings: string[]) {
  const r = o.result;
  const l = r.ledger;
  return {
    scenario: spec.name,
    policy: spec.fleet.policy,
    prePosition: spec.fleet.prePosition,
    rain: spec.rain,
    river: spec.river,
    durationS: r.durationS,
    cellM: spec.cellM,
    wallSeconds: Math.round(o.wallSeconds * 10) / 10,
    steps: r.stats.steps,
    waterM3: {
      rain: Math.round(l.rainM3),
      fromRiverOrEdges: Math.round(l.boundaryInM3),
      drained: Math.round(l.drainedM3),
      infiltrated: Math.round(l.infiltratedM3),
      pumpedByTrucks: Math.round(l.pumpedM3),
      outOverEdges: Math.round(l.boundaryOutM3),
      standing: Math.round(l.storedM3),
    },
    massErrorRelative: l.relativeError,
    floodedAreaM2: r.floodedAreaM2,
    peakRiverStageM: Math.round(r.peakStageM * 100) / 100,
    worstHotspots: [...r.hotspotPeaks]
      .filter((h) => Number.isFinite(h.peakDepthM))
      .sort((a, b) => b.peakDepthM - a.peakDepthM || a.id.localeCompare(b.id))
      .slice(0, 10)
      .map((h) => ({ ...h, peakDepthM: Math.round(h.peakDepthM * 1000) / 1000 })),
    kpis: (({ cases: _c, reachability: _r, hotspotWater: _w, ...k }) => k)(r.kpis),
    events: r.events.length,
    staging: o.staging,
    record,
    runId: o.runId,
    warnings: [...warnings, ...r.warnings],
  };
}

export const verb: CliVerb = {
  name: 'run',
  summary: 'run a storm on a district: flooding, drains, pump stations, river tide and the pump-truck fleet',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        rain: { type: 'string' },
        river: { type: 'string' },
        duration: { type: 'string' },
        cell: { type: 'string' },
        policy: { type: 'string' },
        'pre-position': { type: 'boolean' },
        out: { type: 'string' },
        'checkpoint-every': { type: 'string' },
        threads: { type: 'string' },
        json: { type: 'boolean' },
        ...DISTRICT_OPTIONS,
      },
    });
    if (positionals.length !== 1) throw new CliError(`run takes one district folder.\n${usage}`);
    const districtDir = positionals[0];
    const given = values.scenario ? readScenarioInput(values.scenario, districtDir) : undefined;
    const raw = structuredClone((given?.raw ?? QUICK_SCENARIO) as Record<string, unknown>);
    // Overrides rename the scenario, so the record and the summary say what really ran.
    const changed: string[] = [];
    const set = (key: string, value: unknown, label: string): void => {
      raw[key] = value;
      changed.push(label);
    };
    if (values.rain) set('rain', { kind: 'preset', name: values.rain }, `rain ${values.rain}`);
    if (values.river) set('river', values.river, `river ${values.river}`);
    if (values.duration) set('durationS', parseDurationS(values.duration, '--duration'), `${values.duration}`);
    if (values.cell) set('cellM', parseNumber(values.cell, '--cell'), `${values.cell} m cells`);
    if (values.policy) set('fleet', { ...(raw.fleet as object), policy: values.policy }, `${values.policy} dispatch`);
    if (values['pre-position']) set('fleet', { ...(raw.fleet as object), prePosition: true }, 'pre-positioned');
    if (changed.length) raw.name = `${typeof raw.name === 'string' ? raw.name : 'scenario'} + ${changed.join(', ')}`;
    const parsed = parseScenario(raw, given?.input ?? 'run options');
    const district = await loadDistrict(districtDir, districtOptions(values));
    requireAssets(district, districtDir);
    // The river by the district's own presets, before anything runs: the summary says the stage that ran.
    const spec = placeScenario(parsed, district);
    spec.cellM ??= district.manifest.grid.cellM;
    const { engine } = engineOption(values.threads);
    const twin = { ...buildTwin(district, twinOptions(spec.cellM)), engine };
    const warnings = scenarioWarnings(spec);
    if (!values.json) for (const w of warnings) process.stderr.write(`rivertwin: warning: ${w}\n`);
    const outcome = executeRun({
      districtDir,
      twin,
      spec,
      ...(values.out ? { out: values.out } : {}),
      checkpointEveryS: values['checkpoint-every']
        ? parseDurationS(values['checkpoint-every'], '--checkpoint-every')
        : 3600,
    });
    const summary = summaryOf(outcome, spec, values.out ?? null, warnings);
    if (values.json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return 0;
    }
    const w = summary.waterM3;
    const n = (v: number) => v.toLocaleString('en-US');
    const f = summary.kpis;
    const s = (v: number) => (Number.isFinite(v) ? `${Math.round(v / 60)} min` : '—');
    const alarms = district.manifest.alarms!;
    const cm = (m: number) => `${Math.round(m * 100)} cm`;
    // A share of nothing (no hotspots) is not a number: say so rather than print "NaN %".
    const reach = Number.isFinite(f.meanReachableShare)
      ? `${(f.meanReachableShare * 100).toFixed(0)}% of the time`
      : 'not measured (no hotspots)';
    process.stdout.write(
      [
        `${spec.name}: ${(spec.durationS / 3600).toFixed(1)} h on a ${twin.grid.nx} × ${twin.grid.ny} grid at ${spec.cellM} m (${summary.steps} steps, ${summary.wallSeconds} s)`,
        `  water (m³)      rain ${n(w.rain)}, from river/edges ${n(w.fromRiverOrEdges)}; drained ${n(w.drained)}, infiltrated ${n(w.infiltrated)}, pumped by trucks ${n(w.pumpedByTrucks)}, out over edges ${n(w.outOverEdges)}; standing ${n(w.standing)} (mass error ${summary.massErrorRelative.toExponential(1)})`,
        `  flooding        ${(summary.floodedAreaM2 / 1e6).toFixed(2)} km² deeper than ${cm(alarms.roadDepthM)}; river peaked at ${summary.peakRiverStageM} m${district.manifest.river ? ` ${district.manifest.river.datum}` : ''}`,
        `  worst hotspots  ${
          summary.worstHotspots
            .slice(0, 5)
            .map((h) => `${h.name} ${h.peakDepthM} m`)
            .join('; ') || 'none on the grid'
        }`,
        `  cases           ${f.casesOpened} opened: ${f.casesDispatched} dispatched, ${f.casesServed} served (a truck arrived), ${f.casesUnserved} never served; ${f.casesCleared} cleared, ${f.casesOpenAtEnd} still open at the end`,
        `  response        over all cases, unserved ones counted to the end: ${s(f.meanToDispatchS)} to dispatch, ${s(f.meanToArriveS)} to arrive (median ${s(f.medianToArriveS)}), ${s(f.meanToClearS)} to clear; ${f.caseHoursWaiting.toFixed(1)} case-hours waiting for a truck`,
        `  fleet           ${n(Math.round(f.pumpedM3))} m³ pumped; hotspots above ${cm(alarms.hotspotDepthM)} for ${f.hotspotWaterHours.toFixed(1)} hotspot-hours; ${f.roadKmHoursClosed.toFixed(1)} road-km·h closed; hotspots within 10 min of a free truck ${reach}`,
        ...(summary.staging
          ? [
              `  pre-positioned  ${summary.staging.length} trucks waited before the storm (a forecast run of the same storm chose where):`,
              ...summary.staging.map(
                (t) =>
                  `                  ${t.name} at ${t.lonLat[0].toFixed(5)}, ${t.lonLat[1].toFixed(5)}, near ${t.nearestHotspots.map((h) => `${h.name} (${h.distanceM} m)`).join(', ')}`,
              ),
            ]
          : []),
        values.out
          ? `  record          ${values.out}/ (replay it: rivertwin replay ${values.out} --at 01:00; rivertwin events ${values.out})`
          : '  record          none written (give --out <dir> to keep one for replay, forks and reports)',
        ...summary.warnings.map((w) => `  warning         ${w}`),
        `  terrain is ${district.terrain.dem ? district.terrain.provenance : `MODELLED, not surveyed: ${district.terrain.provenance}`}; sensors, drainage and fleet are ${district.sensors.some((x) => x.modelled) ? 'modelled' : 'as given'}`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};

/**
 * A run needs somewhere to watch and something to send: without sensors or hotspots, or without a fleet, it would
 * report a response to nothing. One line naming the verb that places them.
 */
export function requireAssets(district: District, dir: string): void {
  const lacking = [
    !district.sensors.length && !district.hotspots.length ? 'sensors or hotspots' : '',
    !district.fleet.length ? 'pump-truck fleet' : '',
  ].filter(Boolean);
  if (lacking.length)
    throw new TwinError(
      `the district has no ${lacking.join(' and no ')}`,
      { file: `${dir}/district.json`, field: 'sources' },
      `place modelled ones with \`rivertwin model-assets ${dir} --write\` (generic rules when it has no asset-rules.json), then run again`,
    );
}
