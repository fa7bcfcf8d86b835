// What the command centre's screens watch besides the fleet: every sensor's reading and alarm level (rain gauges in
// mm/h, river gauges in m of stage, road-water monitors in m of depth), the river against its warning level and the
// wall crest, and the district's rain rate. Read at each control step; changes become run events.
import type { Sensor } from '../../twin/types.ts';
import { nearestCellWhere } from '../../twin/grid/index.ts';
import type { Grid } from '../../twin/grid/index.ts';
import type { RainField } from '../rain/index.ts';
import type { AlarmLevel, RiverLevel, RunOwnEvent } from './run-events.ts';

/** A sensor as the screens show it. */
export interface SensorReading {
  id: string;
  kind: Sensor['kind'];
  /** Reading (m for river stage and road water, mm/h for rain); NaN before the first step. */
  value: number;
  unit: 'm' | 'mm/h';
  level: AlarmLevel;
  alertAt: number | null;
  alarmAt: number | null;
}

/** The watch's changing state, as plain data. */
export interface WatchState {
  values: number[];
  levels: AlarmLevel[];
  riverLevel: RiverLevel;
  raining: boolean;
  peakSeen: boolean;
  accumulatedMm: number;
  rateMmPerH: number;
  stageM: number;
}

/**
 * River thresholds: the lowest river gauge's alert level, else the district's stated warning level (warning), and the
 * lowest wall crest (overtopping).
 */
export interface RiverThresholds {
  warningM: number;
  wallCrestM: number;
}

const RAIN_ON_MM_PER_H = 0.1;
const LEVELS: AlarmLevel[] = ['normal', 'alert', 'alarm'];

/** Watches sensors, the river and the rain of one run. */
export class RunWatch {
  readonly sensors: readonly Sensor[];
  /** Cell each sensor reads (-1 for river gauges, which read the stage). */
  private readonly cells: Int32Array;
  private readonly sampleCells: Int32Array;
  /** District-mean rain rate (mm/h) over each control interval, k = 0 for (0, step]. */
  readonly hyetograph: Float64Array;
  private readonly peakStep: number;
  readonly thresholds: RiverThresholds;
  private s: WatchState;

  constructor(
    sensors: readonly Sensor[],
    private readonly grid: Grid,
    private readonly rain: RainField,
    private readonly stageAt: (tS: number) => number,
    wallCrestsM: readonly number[],
    private readonly controlStepS: number,
    durationS: number,
    private readonly lonLat: (x: number, y: number) => [number, number],
    districtWarningM?: number,
  ) {
    this.sensors = sensors;
    const open = (i: number): boolean => !grid.riverMask[i] && !grid.buildingMask[i];
    this.cells = Int32Array.from(sensors, (s) =>
      s.kind === 'riverLevel' ? -1 : nearestCellWhere(grid, s.xy[0], s.xy[1], Math.max(20, 1.5 * grid.cellM), open),
    );
    // The district's rain rate from a lattice of at most 16 × 16 open cells (exact for uniform rain).
    const picks: number[] = [];
    const stride = Math.max(1, Math.floor(Math.min(grid.nx, grid.ny) / 16));
    for (let r = Math.floor(stride / 2); r < grid.ny; r += stride)
      for (let c = Math.floor(stride / 2); c < grid.nx; c += stride)
        if (open(r * grid.nx + c)) picks.push(r * grid.nx + c);
    this.sampleCells = Int32Array.from(picks);
    const steps = Math.ceil(durationS / controlStepS - 1e-9);
    this.hyetograph = new Float64Array(steps);
    for (let k = 0; k < steps; k++) {
      const t0 = k * controlStepS;
      this.hyetograph[k] = this.meanRate(t0, Math.min(durationS, t0 + controlStepS));
    }
    let peak = -1;
    for (let k = 0; k < steps; k++) if (this.hyetograph[k] > (peak < 0 ? 0 : this.hyetograph[peak])) peak = k;
    this.peakStep = peak;
    const riverAlerts = sensors
      .filter((s) => s.kind === 'riverLevel' && s.alertAt !== undefined)
      .map((s) => s.alertAt!);
    this.thresholds = {
      // The gauges' own alert levels first; without gauges, the level district.json states (river.warningM).
      warningM: riverAlerts.length
        ? riverAlerts.reduce((m, v) => (v < m ? v : m), Infinity)
        : (districtWarningM ?? Infinity),
      wallCrestM: wallCrestsM.reduce((m, v) => (v < m ? v : m), Infinity),
    };
    this.s = {
      values: sensors.map(() => NaN),
      levels: sensors.map(() => 'normal'),
      riverLevel: 'normal',
      raining: false,
      peakSeen: false,
      accumulatedMm: 0,
      rateMmPerH: 0,
      stageM: stageAt(0),
    };
  }

  /** Reads everything at the end of the control interval ending at `tS`, pushing the events of any change. */
  observe(tS: number, depthM: ArrayLike<number>, out: { push(e: RunOwnEvent): unknown }): void {
    const s = this.s;
    const k = Math.round(tS / this.controlStepS) - 1;
    const t0 = k * this.controlStepS;
    const rate = k >= 0 && k < this.hyetograph.length ? this.hyetograph[k] : 0;
    s.rateMmPerH = rate;
    s.accumulatedMm += (rate * (tS - t0)) / 3600;
    s.stageM = this.stageAt(tS);
    // 1. Rain: started, peaked (the interval of the storm's highest district-mean rate), ended.
    const rain = { rateMmPerH: rate, accumulatedMm: s.accumulatedMm };
    if (!s.raining && rate >= RAIN_ON_MM_PER_H) {
      s.raining = true;
      out.push({ type: 'rain.started', timeS: t0, ...rain });
    }
    if (k === this.peakStep && !s.peakSeen) {
      s.peakSeen = true;
      out.push({ type: 'rain.peaked', timeS: tS, ...rain });
    }
    if (s.raining && rate < RAIN_ON_MM_PER_H) {
      s.raining = false;
      out.push({ type: 'rain.ended', timeS: t0, ...rain });
    }
    // 2. The river against its warning level and the wall crest.
    const th = this.thresholds;
    const river: RiverLevel =
      s.stageM >= th.wallCrestM ? 'overtopping' : s.stageM >= th.warningM ? 'warning' : 'normal';
    if (river !== s.riverLevel) {
      const thresholdM = river === 'overtopping' || s.riverLevel === 'overtopping' ? th.wallCrestM : th.warningM;
      out.push({ type: 'river.level', timeS: tS, level: river, from: s.riverLevel, stageM: s.stageM, thresholdM });
      s.riverLevel = river;
    }
    // 3. Sensors, in the district's order.
    this.sensors.forEach((sensor, i) => {
      const cell = this.cells[i];
      let value: number;
      if (sensor.kind === 'riverLevel') value = s.stageM;
      else if (cell < 0) value = NaN;
      else if (sensor.kind === 'rain') value = (this.rain.depthMm(cell, t0, tS) * 3600) / Math.max(1e-9, tS - t0);
      else value = depthM[cell] > 0 ? depthM[cell] : 0;
      s.values[i] = value;
      const level = levelOf(value, sensor);
      const from = s.levels[i];
      if (level === from) return;
      s.levels[i] = level;
      out.push({
        type: LEVELS.indexOf(level) > LEVELS.indexOf(from) ? 'sensor.alarm' : 'sensor.cleared',
        timeS: tS,
        sensorId: sensor.id,
        kind: sensor.kind,
        level,
        from,
        value,
        unit: sensor.kind === 'rain' ? 'mm/h' : 'm',
        lonLat: this.lonLat(sensor.xy[0], sensor.xy[1]),
      });
    });
  }

  /** Every sensor's reading now. */
  readings(): SensorReading[] {
    return this.sensors.map((sensor, i) => ({
      id: sensor.id,
      kind: sensor.kind,
      value: this.s.values[i],
      unit: sensor.kind === 'rain' ? 'mm/h' : 'm',
      level: this.s.levels[i],
      alertAt: sensor.alertAt ?? null,
      alarmAt: sensor.alarmAt ?? null,
    }));
  }

  /** Rain and river now. */
  now(): { rateMmPerH: number; accumulatedMm: number; stageM: number; riverLevel: RiverLevel } {
    const { rateMmPerH, accumulatedMm, stageM, riverLevel } = this.s;
    return { rateMmPerH, accumulatedMm, stageM, riverLevel };
  }

  /** The changing state, copied. */
  state(): WatchState {
    return structuredClone(this.s);
  }

  /** Puts back a state from `state()` of a watch over the same sensors. */
  load(state: WatchState): void {
    this.s = structuredClone(state);
  }

  private meanRate(t0: number, t1: number): number {
    const u = this.rain.uniformMean(t0, t1);
    if (!Number.isNaN(u)) return u;
    if (this.sampleCells.length === 0 || !(t1 > t0)) return 0;
    let sum = 0;
    for (const c of this.sampleCells) sum += this.rain.depthMm(c, t0, t1);
    return (sum / this.sampleCells.length) * (3600 / (t1 - t0));
  }
}

/** The alarm level of a reading: at or above alarmAt → alarm, at or above alertAt → alert. NaN reads normal. */
function levelOf(value: number, s: Sensor): AlarmLevel {
  if (s.alarmAt !== undefined && value >= s.alarmAt) return 'alarm';
  if (s.alertAt !== undefined && value >= s.alertAt) return 'alert';
  return 'normal';
}
