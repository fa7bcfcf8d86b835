// The ensemble report's charts, rendered on the server by ECharts as SVG (charts.ts's renderChart): distributions
// over members as boxes (10th–90th percentile, median line, whiskers to the minimum and maximum), and the fleet-size
// curve with the rule's quantile as a line, the recommended size marked and its bootstrap range shaded.
import type { Distribution } from '../../../simulation/ensemble/index.ts';
import { renderChart } from '../charts.ts';

/** One box: a label and the distribution it draws (values in the chart's unit, already scaled). */
export interface Box {
  label: string;
  d: Distribution;
}

/** The five values of a box, or a gap when the distribution is empty. */
function five(d: Distribution, scale: number): (number | '-')[] {
  if (d.n === 0 || d.min === null) return ['-', '-', '-', '-', '-'];
  return [d.min, d.p10!, d.median!, d.p90!, d.max!].map((v) => Math.round(v * scale * 100) / 100);
}

/** Options of a box chart. */
export interface BoxChartOptions {
  /** What the value axis measures (with its unit). */
  valueName: string;
  /** Values are multiplied by this before drawing (m → cm: 100). */
  scale?: number;
  /** Formats an axis value (after scaling), e.g. a clock. */
  format?: (v: number) => string;
  /** Values are seconds: ticks at a round number of minutes or hours. */
  seconds?: boolean;
  /** Boxes along the vertical axis, one per row (long labels, many boxes). */
  horizontal?: boolean;
  /** A dashed threshold line at this value (after scaling), and its label. */
  threshold?: { value: number; label: string };
  id: string;
}

/** Distributions as boxes, one per label. */
export function boxChartSvg(boxes: Box[], o: BoxChartOptions): string {
  const scale = o.scale ?? 1;
  const top = Math.max(0, ...boxes.map((b) => (b.d.max ?? 0) * scale));
  const tick = o.seconds ? ([60, 300, 600, 900, 1800, 3600, 7200].find((s) => top / s <= 10) ?? 14_400) : undefined;
  const category = { type: 'category' as const, data: boxes.map((b) => b.label), axisLabel: { interval: 0 } };
  const value = {
    type: 'value' as const,
    name: o.valueName,
    nameLocation: 'middle' as const,
    nameGap: o.horizontal ? 28 : 52,
    scale: false,
    ...(tick ? { interval: tick, max: Math.ceil(top / tick) * tick } : {}),
    ...(o.format ? { axisLabel: { formatter: o.format } } : {}),
    splitLine: { lineStyle: { color: '#eee' } },
  };
  const line = o.threshold
    ? {
        markLine: {
          symbol: 'none' as const,
          silent: true,
          data: [
            {
              ...(o.horizontal ? { xAxis: o.threshold.value } : { yAxis: o.threshold.value }),
              label: { formatter: o.threshold.label, color: '#c8102e' },
              lineStyle: { color: '#c8102e', type: 'dashed' as const, width: 1.5 },
            },
          ],
        },
      }
    : {};
  const height = o.horizontal ? 60 + boxes.length * 26 : 240;
  return renderChart(
    {
      grid: o.horizontal ? { left: 250, right: 60, top: 20, bottom: 50 } : { left: 80, right: 40, top: 30, bottom: 90 },
      xAxis: o.horizontal ? value : { ...category, axisLabel: { interval: 0, rotate: boxes.length > 6 ? 20 : 0 } },
      yAxis: o.horizontal ? { ...category, inverse: true } : value,
      series: [
        {
          type: 'boxplot',
          itemStyle: { color: '#cfe0f1', borderColor: '#1f5f99', borderWidth: 1.4 },
          data: boxes.map((b) => five(b.d, scale)),
          ...line,
        },
      ],
    },
    height,
    o.id,
  );
}

/** A fleet-size curve to draw. */
export interface CurveChart {
  trucks: number[];
  boxes: Distribution[];
  /** The rule's quantile at each size. */
  atQuantile: (number | null)[];
  quantileLabel: string;
  recommended: number | null;
  range: { low: number | null; high: number | null };
  trucksName: string;
  valueName: string;
  scale?: number;
  id: string;
}

/** The fleet-size curve: boxes per size, the rule's quantile as a line, the recommendation and its range. */
export function fleetCurveSvg(c: CurveChart): string {
  const scale = c.scale ?? 1;
  const cats = c.trucks.map(String);
  const marks: object[] = [];
  if (c.range.low !== null && c.range.high !== null)
    marks.push({
      markArea: {
        silent: true,
        itemStyle: { color: 'rgba(240,122,0,0.13)' },
        data: [[{ xAxis: String(c.range.low) }, { xAxis: String(c.range.high) }]],
      },
    });
  const rec =
    c.recommended === null
      ? {}
      : {
          markLine: {
            symbol: 'none' as const,
            silent: true,
            data: [
              {
                xAxis: String(c.recommended),
                label: { formatter: `${c.recommended}`, color: '#f07a00', fontWeight: 'bold' as const },
                lineStyle: { color: '#f07a00', width: 2 },
              },
            ],
          },
        };
  return renderChart(
    {
      grid: { left: 80, right: 40, top: 40, bottom: 60 },
      legend: { top: 4, data: [c.quantileLabel] },
      xAxis: { type: 'category', data: cats, name: c.trucksName, nameLocation: 'middle', nameGap: 32 },
      yAxis: {
        type: 'value',
        name: c.valueName,
        nameLocation: 'middle',
        nameGap: 52,
        splitLine: { lineStyle: { color: '#eee' } },
      },
      series: [
        {
          type: 'boxplot',
          itemStyle: { color: '#cfe0f1', borderColor: '#1f5f99', borderWidth: 1.4 },
          data: c.boxes.map((d) => five(d, scale)),
          ...rec,
          ...(marks[0] ?? {}),
        },
        {
          name: c.quantileLabel,
          type: 'line',
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { color: '#c8102e', width: 2 },
          itemStyle: { color: '#c8102e' },
          data: c.atQuantile.map((v) => (v === null ? ('-' as const) : Math.round(v * scale * 100) / 100)),
        },
      ],
    },
    340,
    c.id,
  );
}
