// The report's time-series charts, rendered on the server by Apache ECharts as SVG strings (no DOM, no script in the
// page): the hyetograph, the river stage against the wall crest and warning level, key sensors against their alarm
// thresholds, and the water balance.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { clockHM, num } from './report-format.ts';

/** The font stack of the page, so charts and text match in Chinese and English. */
export const REPORT_FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

/** Chart width (px), the page's content width. */
export const CHART_WIDTH = 1100;

/**
 * Renders one ECharts option to an SVG string. Animation is off (the page has no script), and the ids ECharts numbers
 * across a process are renumbered per chart so that the same data always gives the same bytes.
 */
export function renderChart(option: EChartsOption, height: number, id: string, width = CHART_WIDTH): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: REPORT_FONT }, ...option });
    const svg = chart.renderToSVGString();
    const ids = new Map<string, string>();
    return svg.replace(/zr\d+-([a-z]+)-?\d+/g, (whole, kind: string) => {
      if (!ids.has(whole)) ids.set(whole, `${id}-${kind}${ids.size}`);
      return ids.get(whole)!;
    });
  } finally {
    chart.dispose();
  }
}

/** A time axis in simulated hours and minutes from the run start. */
function timeAxis(endS: number, name: string): EChartsOption['xAxis'] {
  return {
    type: 'value',
    min: 0,
    max: endS,
    interval: endS > 6 * 3600 ? 3600 : 1800,
    name,
    nameLocation: 'middle',
    nameGap: 28,
    axisLabel: { formatter: (v: number) => clockHM(v) },
    splitLine: { lineStyle: { color: '#eee' } },
  };
}

const GRID = { left: 70, right: 70, top: 40, bottom: 50 };

/** Words the charts need. */
export interface ChartText {
  time: string;
  rainRate: string;
  rainTotal: string;
  stage: string;
  wallCrest: string;
  warning: string;
  depth: string;
  alert: string;
  alarm: string;
}

/** The hyetograph: rain rate over time (bars) and the accumulated depth (line, right axis). */
export function hyetographSvg(tS: number[], rateMmPerH: number[], totalMm: number[], t: ChartText): string {
  const endS = tS.at(-1) ?? 0;
  return renderChart(
    {
      grid: GRID,
      legend: { top: 4, data: [t.rainRate, t.rainTotal] },
      xAxis: timeAxis(endS, t.time),
      yAxis: [
        { type: 'value', name: 'mm/h', nameGap: 10 },
        { type: 'value', name: 'mm', nameGap: 10, splitLine: { show: false } },
      ],
      series: [
        {
          name: t.rainRate,
          type: 'bar',
          barCategoryGap: '0%',
          itemStyle: { color: '#3b7dd8' },
          data: tS.map((x, i) => [x, rateMmPerH[i]]),
        },
        {
          name: t.rainTotal,
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { color: '#1b3a6b', width: 2 },
          itemStyle: { color: '#1b3a6b' },
          data: tS.map((x, i) => [x, totalMm[i]]),
        },
      ],
    },
    300,
    'rain',
  );
}

/** A horizontal threshold line with a label at its right end. */
function threshold(value: number, label: string, colour: string, digits: number, atStart = false): object {
  return {
    yAxis: value,
    label: {
      formatter: `${label} ${num(value, digits)}`,
      position: atStart ? 'insideStartTop' : 'insideEndTop',
      color: colour,
    },
    lineStyle: { color: colour, type: 'dashed', width: 1.5 },
  };
}

/** The river stage over time against the flood-wall crest and the warning level (m, the district's datum). */
export function riverStageSvg(
  tS: number[],
  stageM: number[],
  wallCrestM: number | null,
  warningM: number | null,
  datum: string,
  t: ChartText,
): string {
  const endS = tS.at(-1) ?? 0;
  const lines = [
    ...(wallCrestM !== null ? [threshold(wallCrestM, t.wallCrest, '#8a1c00', 2)] : []),
    ...(warningM !== null ? [threshold(warningM, t.warning, '#d97a00', 2, true)] : []),
  ];
  const all = [...stageM, ...(wallCrestM !== null ? [wallCrestM] : []), ...(warningM !== null ? [warningM] : [])];
  return renderChart(
    {
      grid: GRID,
      xAxis: timeAxis(endS, t.time),
      yAxis: {
        type: 'value',
        name: `m${datum ? ` (${datum})` : ''}`,
        min: Math.floor(Math.min(...all) - 0.5),
        max: Math.ceil(Math.max(...all) + 0.3),
      },
      series: [
        {
          name: t.stage,
          type: 'line',
          showSymbol: false,
          lineStyle: { color: '#1f5f99', width: 2 },
          data: tS.map((x, i) => [x, stageM[i]]),
          markLine: { symbol: 'none', silent: true, data: lines },
        },
      ],
    },
    280,
    'river',
  );
}

/** One sensor's series for the chart (values in the chart's unit). */
export interface SensorSeries {
  label: string;
  values: (number | null)[];
}

const SENSOR_COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#17becf', '#7f7f7f'];

/** Key sensors over time, with their alert and alarm thresholds as dashed lines (same unit as the values). */
export function sensorsSvg(
  tS: number[],
  sensors: SensorSeries[],
  thresholds: { alert: number[]; alarm: number[] },
  unit: string,
  t: ChartText,
): string {
  const endS = tS.at(-1) ?? 0;
  const lines = [
    ...thresholds.alert.map((v) => threshold(v, t.alert, '#d97a00', 0, true)),
    ...thresholds.alarm.map((v) => threshold(v, t.alarm, '#c8102e', 0)),
  ];
  return renderChart(
    {
      grid: { ...GRID, bottom: 100 },
      color: SENSOR_COLOURS,
      legend: { bottom: 0, type: 'plain', data: sensors.map((s) => s.label) },
      xAxis: timeAxis(endS, t.time),
      yAxis: { type: 'value', name: unit },
      series: sensors.map((s, k) => ({
        name: s.label,
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 1.8 },
        data: tS.map((x, i) => [x, s.values[i]]),
        ...(k === 0 ? { markLine: { symbol: 'none', silent: true, data: lines } } : {}),
      })),
    },
    360,
    'sensors',
  );
}

/** The water balance as horizontal bars (m³): what came in, where it went, what stood at the end. */
export function waterBalanceSvg(rows: { label: string; m3: number; colour: string }[]): string {
  return renderChart(
    {
      grid: { left: 250, right: 120, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: 'm³', axisLabel: { formatter: (v: number) => num(v) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label) },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({ value: Math.round(r.m3), itemStyle: { color: r.colour } })),
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => `${num(Number(p.value))} m³` },
        },
      ],
    },
    40 + rows.length * 34,
    'water',
  );
}
