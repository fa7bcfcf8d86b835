// ECharts options of the dashboards, built from the run's series and the view as of now, with a cursor at the
// clock's time. Pure functions of their inputs (no DOM), so each chart is what its data says.
import type { EChartsCoreOption } from 'echarts/core';
import type { ViewSeries } from '../../../simulation/record/view-series.ts';
import { CASE_STAGES, casesByStage, TRUCK_STATES, trucksByState } from '../../../simulation/record/view-series.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import { formatClock } from '../clock/sim-clock.ts';

type T = (key: string) => string;

const FONT = { fontFamily: 'inherit' };
const hours = (s: number) => formatClock(s).slice(0, 5);

function timeAxis(series: ViewSeries) {
  return { type: 'value' as const, min: 0, max: series.tS.at(-1) ?? 0, axisLabel: { formatter: hours, ...FONT } };
}

function cursor(nowS: number) {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: '#111827', type: 'solid' as const, width: 1.5 },
    label: { formatter: formatClock(nowS), ...FONT },
    data: [{ xAxis: nowS }],
  };
}

const pairs = (series: ViewSeries, ys: readonly (number | null)[]) => series.tS.map((x, i) => [x, ys[i]]);

export function rainOption(s: ViewSeries, nowS: number, t: T): EChartsCoreOption {
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 52, top: 30, bottom: 28 },
    xAxis: timeAxis(s),
    yAxis: [
      { type: 'value', name: 'mm/h' },
      { type: 'value', name: 'mm', splitLine: { show: false } },
    ],
    series: [
      {
        name: t('dash.rainRate'),
        type: 'bar',
        data: pairs(s, s.rainRateMmPerH),
        itemStyle: { color: '#3d8fd9' },
        barWidth: '90%',
        markLine: cursor(nowS),
      },
      {
        name: t('dash.rainAcc'),
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        data: pairs(s, s.rainAccumulatedMm),
        lineStyle: { color: '#0f3d66' },
      },
    ],
  };
}

export function riverOption(s: ViewSeries, nowS: number, t: T): EChartsCoreOption {
  const lines: { name: string; yAxis: number; lineStyle: { color: string; type: 'dashed' } }[] = [];
  if (s.wallCrestM !== null)
    lines.push({ name: t('dash.crest'), yAxis: s.wallCrestM, lineStyle: { color: '#374151', type: 'dashed' } });
  if (s.riverWarningM !== null)
    lines.push({ name: t('dash.warning'), yAxis: s.riverWarningM, lineStyle: { color: '#d7261e', type: 'dashed' } });
  const top = Math.max(...s.riverStageM, s.wallCrestM ?? 0, s.riverWarningM ?? 0);
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 20, top: 24, bottom: 28 },
    xAxis: timeAxis(s),
    yAxis: { type: 'value', name: 'm', max: Math.ceil(top + 0.5) },
    series: [
      {
        name: t('dash.stage'),
        type: 'line',
        showSymbol: false,
        data: pairs(s, s.riverStageM),
        areaStyle: { opacity: 0.15 },
        lineStyle: { color: '#0e7490' },
        markLine: cursor(nowS),
      },
      {
        name: 'thresholds',
        type: 'line',
        data: [],
        markLine: { symbol: 'none', label: { formatter: '{b} {c} m', position: 'insideEndTop', ...FONT }, data: lines },
      },
    ],
  };
}

export function sensorsOption(s: ViewSeries, nowS: number, t: T): EChartsCoreOption {
  const road = s.sensors.filter((x) => x.kind === 'roadWater');
  const peak = (v: (number | null)[]) => Math.max(0, ...v.map((x) => x ?? 0));
  const top = [...road].sort((a, b) => peak(b.values) - peak(a.values)).slice(0, 6);
  const ref = top[0];
  const thresholds: { name: string; yAxis: number; lineStyle: { color: string } }[] = [];
  if (ref?.alertAt != null)
    thresholds.push({ name: t('dash.alert'), yAxis: ref.alertAt, lineStyle: { color: '#f2c12e' } });
  if (ref?.alarmAt != null)
    thresholds.push({ name: t('dash.alarm'), yAxis: ref.alarmAt, lineStyle: { color: '#d7261e' } });
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 20, top: 30, bottom: 28 },
    xAxis: timeAxis(s),
    yAxis: { type: 'value', name: 'm' },
    series: [
      ...top.map((x, i) => ({
        name: x.id,
        type: 'line',
        showSymbol: false,
        data: pairs(s, x.values),
        ...(i === 0 ? { markLine: { ...cursor(nowS), data: [{ xAxis: nowS }, ...thresholds] } } : {}),
      })),
    ],
  };
}

export function casesOption(view: RunView, t: T): EChartsCoreOption {
  const by = casesByStage(view);
  const colours = ['#d7261e', '#f07c1b', '#f2c12e', '#7b4fd6', '#2e9e5b'];
  return {
    animation: false,
    textStyle: FONT,
    tooltip: {},
    grid: { left: 56, right: 20, top: 10, bottom: 24 },
    xAxis: {
      type: 'category',
      data: CASE_STAGES.map((st) => `${t(`stage.${st}`)}`),
      axisLabel: { interval: 0, ...FONT },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: CASE_STAGES.map((st, i) => ({ value: by[st], itemStyle: { color: colours[i] } })),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

export function fleetOption(s: ViewSeries, view: RunView, nowS: number, t: T): EChartsCoreOption {
  const now = trucksByState(view);
  const colours = ['#4b5563', '#f07c1b', '#f2c12e', '#7b4fd6', '#fb923c', '#0f766e', '#111827'];
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: {
      top: 0,
      type: 'scroll',
      formatter: (name: string) => `${name} ${now[TRUCK_STATES.find((x) => t(`truck.${x}`) === name) ?? ''] ?? ''}`,
    },
    grid: { left: 40, right: 16, top: 30, bottom: 28 },
    xAxis: timeAxis(s),
    yAxis: { type: 'value', minInterval: 1 },
    series: TRUCK_STATES.map((st, i) => ({
      name: t(`truck.${st}`),
      type: 'line',
      stack: 'fleet',
      areaStyle: {},
      showSymbol: false,
      lineStyle: { width: 0 },
      itemStyle: { color: colours[i] },
      data: pairs(s, s.fleet[st] ?? []),
      ...(i === 0 ? { markLine: cursor(nowS) } : {}),
    })),
  };
}

export function kpiOption(s: ViewSeries, nowS: number, t: T): EChartsCoreOption {
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 20, top: 30, bottom: 28 },
    xAxis: timeAxis(s),
    yAxis: { type: 'value', name: 'h' },
    series: [
      {
        name: t('kpi.caseHoursWaiting'),
        type: 'line',
        showSymbol: false,
        data: pairs(s, s.caseHoursWaiting),
        markLine: cursor(nowS),
      },
      { name: t('kpi.hotspotWaterHours'), type: 'line', showSymbol: false, data: pairs(s, s.hotspotWaterHours) },
      { name: t('dash.closedKm'), type: 'line', showSymbol: false, data: pairs(s, s.closedRoadKm) },
    ],
  };
}
