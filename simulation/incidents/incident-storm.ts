// The measured storm of an incident log as the scenario machinery takes it: the rain gauges as a `stations` rain spec
// (spread over the grid by the rain library's inverse-distance weighting), the river as a stage series when the log
// has river-gauge readings, and the district's mean rain per control step for the rain events and views.
import { hyetographFromRows, hyetographMeanRate, type Hyetograph } from '../rain/index.ts';
import type { StationsRainSpec } from '../rain/rain-spec.ts';
import type { SeriesStage } from '../scenario/river-stage.ts';
import type { Sensor } from '../../twin/types.ts';
import type { IncidentLog } from './incident-log.ts';

/** The gauges of the log as a `stations` rain spec (x, y in local metres), or null when the log has no rain. */
export function stationsRainSpec(log: IncidentLog): StationsRainSpec | null {
  if (log.gauges.length === 0) return null;
  return {
    kind: 'stations',
    stations: log.gauges.map((g) => ({
      id: g.id,
      x: Math.round(g.xy[0] * 100) / 100,
      y: Math.round(g.xy[1] * 100) / 100,
      points: [...g.points.map(([t, r]): [number, number] => [t, r]), [g.endS, 0]],
    })),
    method: 'idw',
  };
}

/**
 * The river as measured: the readings of the river gauge with the lowest alert level (the watch's warning gauge),
 * or null when the log has fewer than two readings of any river gauge.
 */
export function measuredRiver(log: IncidentLog, sensors: readonly Sensor[]): SeriesStage | null {
  const river = sensors
    .filter((s) => s.kind === 'riverLevel')
    .map((s) => ({ s, series: log.sensors.find((x) => x.sensorId === s.id) }))
    .filter((x) => x.series && x.series.timesS.length >= 2)
    .sort((a, b) => (a.s.alertAt ?? Infinity) - (b.s.alertAt ?? Infinity) || (a.s.id < b.s.id ? -1 : 1));
  const pick = river[0]?.series;
  return pick ? { kind: 'series', timesS: [...pick.timesS], stageM: [...pick.values] } : null;
}

/** Each gauge's hyetograph. */
export function gaugeHyetographs(log: IncidentLog): Hyetograph[] {
  return log.gauges.map((g) =>
    hyetographFromRows([...g.points.map((p) => p[0]), g.endS], [...g.points.map((p) => p[1]), 0], `rain gauge ${g.id}`),
  );
}

/** The mean over gauges of the rain rate (mm/h) in each control interval k, (k·step, (k+1)·step]. */
export function districtRainRates(log: IncidentLog, controlStepS: number): Float64Array {
  const hs = gaugeHyetographs(log);
  const steps = Math.ceil(log.durationS / controlStepS - 1e-9);
  const out = new Float64Array(steps);
  if (hs.length === 0) return out;
  for (let k = 0; k < steps; k++) {
    const t0 = k * controlStepS;
    const t1 = Math.min(log.durationS, t0 + controlStepS);
    let sum = 0;
    for (const h of hs) sum += hyetographMeanRate(h, t0, t1);
    out[k] = sum / hs.length;
  }
  return out;
}
