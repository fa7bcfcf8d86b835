// The scenario editor's form and the scenario it stands for: one pure mapping, which also remembers which field wrote
// each JSON path, so an error the shared parser (or the server) reports at `/rain/returnPeriodYears` shows at its field.
import type { XY } from '../../../twin/types.ts';

/** An incident at a time and place: a pump station failing, a road closed by a fallen tree, a report of water. */
export type Incident =
  | { kind: 'pumpFailure'; atMin: number; stationId: string }
  | { kind: 'roadClosed'; atMin: number; segmentId: string; roadName: string }
  | { kind: 'waterReport'; atMin: number; xy: XY };

/** A typhoon track point: simulated time (min) and local metres east, north of the district origin. */
export interface TrackPoint {
  atMin: number;
  xy: XY;
}

/** What the editor's fields hold (numbers NaN when a field is empty or not a number). */
export interface ScenarioForm {
  name: string;
  durationH: number;
  /** Grid cell (m); NaN = the district's. */
  cellM: number;
  storm: 'design' | 'library' | 'typhoon';
  design: { returnPeriodYears: number; durationMin: number };
  library: { preset: string };
  typhoon: { track: TrackPoint[]; peakMmPerH: number; radiusMaxRainM: number };
  river: { mode: 'preset' | 'tide'; preset: string };
  tide: {
    meanM: number;
    amplitudeM: number;
    highTideAtH: number;
    surge: boolean;
    surgePeakM: number;
    surgeAtH: number;
    surgeWidthH: number;
  };
  fleet: {
    /** NaN = the whole fleet of the chosen depots. */
    size: number;
    /** null = every depot. */
    depots: string[] | null;
    prePosition: boolean;
    policy: 'optimal' | 'nearest' | 'manual';
  };
  incidents: Incident[];
  seed: number;
}

/** A new form: a 5-year 3-hour design storm on the district's default tide, 10 m cells, the whole fleet. */
export function defaultForm(riverPreset = ''): ScenarioForm {
  return {
    name: 'my-scenario',
    durationH: 3,
    cellM: 10,
    storm: 'design',
    design: { returnPeriodYears: 5, durationMin: 180 },
    library: { preset: 'pulasan-2024-09-20' },
    typhoon: { track: [], peakMmPerH: 80, radiusMaxRainM: 40_000 },
    river: { mode: 'preset', preset: riverPreset },
    tide: {
      meanM: 2.85,
      amplitudeM: 1.7,
      highTideAtH: 2,
      surge: true,
      surgePeakM: 0.75,
      surgeAtH: 2,
      surgeWidthH: 4,
    },
    fleet: { size: NaN, depots: null, prePosition: false, policy: 'optimal' },
    incidents: [],
    seed: 1,
  };
}

/** A scenario object, and which form field wrote each of its JSON paths (longest prefix wins). */
export interface FormScenario {
  scenario: Record<string, unknown>;
  fields: [path: string, field: string][];
}

const H = 3600;
/** Seconds from a count of minutes or hours, NaN kept (the parser then names the field). */
const seconds = (v: number, per: number) => (Number.isFinite(v) ? Math.round(v * per) : v);

/** The scenario the form stands for, in the schema's own units (rivertwin.scenario/1). */
export function formToScenario(f: ScenarioForm): FormScenario {
  const fields: [string, string][] = [];
  const put = (path: string, field: string) => fields.push([path, field]);
  const s: Record<string, unknown> = { schema: 'rivertwin.scenario/1', name: f.name };
  put('/name', 'name');
  s.durationS = seconds(f.durationH, H);
  put('/durationS', 'durationH');
  put('/controlStepS', 'durationH');
  if (!(typeof f.cellM === 'number' && Number.isNaN(f.cellM))) {
    s.cellM = f.cellM;
    put('/cellM', 'cellM');
  }
  put('/rain', 'storm');
  if (f.storm === 'design') {
    s.rain = { kind: 'chicago', returnPeriodYears: f.design.returnPeriodYears, durationMin: f.design.durationMin };
    put('/rain/returnPeriodYears', 'design.returnPeriodYears');
    put('/rain/durationMin', 'design.durationMin');
  } else if (f.storm === 'library') {
    s.rain = { kind: 'preset', name: f.library.preset };
    put('/rain/name', 'library.preset');
  } else {
    s.rain = {
      kind: 'typhoon',
      track: f.typhoon.track.map((p) => ({ timeS: seconds(p.atMin, 60), x: p.xy[0], y: p.xy[1] })),
      peakMmPerH: f.typhoon.peakMmPerH,
      radiusMaxRainM: f.typhoon.radiusMaxRainM,
    };
    put('/rain/track', 'typhoon.track');
    f.typhoon.track.forEach((_, i) => put(`/rain/track/${i}`, `typhoon.track.${i}`));
    put('/rain/peakMmPerH', 'typhoon.peakMmPerH');
    put('/rain/radiusMaxRainM', 'typhoon.radiusMaxRainM');
  }
  put('/river', 'river');
  if (f.river.mode === 'preset') {
    if (f.river.preset) s.river = f.river.preset;
  } else {
    const t = f.tide;
    s.river = {
      kind: 'tide',
      meanM: t.meanM,
      amplitudeM: t.amplitudeM,
      highTideAtS: seconds(t.highTideAtH, H),
      ...(t.surge
        ? { surge: { peakM: t.surgePeakM, atS: seconds(t.surgeAtH, H), widthS: seconds(t.surgeWidthH, H) } }
        : {}),
    };
    for (const [k, field] of [
      ['meanM', 'tide.meanM'],
      ['amplitudeM', 'tide.amplitudeM'],
      ['highTideAtS', 'tide.highTideAtH'],
      ['surge/peakM', 'tide.surgePeakM'],
      ['surge/atS', 'tide.surgeAtH'],
      ['surge/widthS', 'tide.surgeWidthH'],
    ])
      put(`/river/${k}`, field);
  }
  const fleet: Record<string, unknown> = { policy: f.fleet.policy, prePosition: f.fleet.prePosition };
  if (!(typeof f.fleet.size === 'number' && Number.isNaN(f.fleet.size))) fleet.size = f.fleet.size;
  if (f.fleet.depots) fleet.depots = f.fleet.depots;
  s.fleet = fleet;
  put('/fleet', 'fleet.policy');
  put('/fleet/size', 'fleet.size');
  put('/fleet/depots', 'fleet.depots');
  const failures: { id: string; atS: number }[] = [];
  const commands: Record<string, unknown>[] = [];
  f.incidents.forEach((inc, i) => {
    const atS = seconds(inc.atMin, 60);
    if (inc.kind === 'pumpFailure') {
      put(`/pumpFailures/${failures.length}`, `incident.${i}.stationId`);
      put(`/pumpFailures/${failures.length}/atS`, `incident.${i}.atMin`);
      failures.push({ id: inc.stationId, atS });
      return;
    }
    put(`/commands/${commands.length}`, `incident.${i}.place`);
    put(`/commands/${commands.length}/atS`, `incident.${i}.atMin`);
    // A road not yet picked is left out, so the parser names the missing `ref` at this incident's place.
    if (inc.kind === 'roadClosed')
      commands.push({ atS, kind: 'closeRoad', ...(inc.segmentId ? { ref: inc.segmentId } : {}), reason: 'fallenTree' });
    else commands.push({ atS, kind: 'report', xy: inc.xy });
  });
  if (failures.length) s.pumpFailures = failures;
  if (commands.length) s.commands = commands;
  s.seed = f.seed;
  put('/seed', 'seed');
  return { scenario: s, fields };
}

/** The form field an error at JSON `path` belongs to (the longest path prefix a field wrote), or 'general'. */
export function fieldOfPath(path: string, fields: readonly [string, string][]): string {
  let best = '';
  let field = 'general';
  for (const [p, f] of fields)
    if ((path === p || path.startsWith(`${p}/`)) && p.length > best.length) {
      best = p;
      field = f;
    }
  return field;
}

/** The JSON path a SimulationError or the API's message names (`field "/rain/durationMin"`), or '' when none. */
export function pathInMessage(message: string): string {
  const m = /field "(\/[^"]*)"/.exec(message);
  return m ? m[1] : '';
}
