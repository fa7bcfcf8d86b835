// The case timeline as a Gantt chart (ECharts custom series, SVG on the server): for each case, its phases from
// 发现 (opened) through 派单 (dispatched), 到场 (arrived) and 处置 (pumping) to 结案 (cleared or closed). A case sent
// back to the queue (a truck recalled or blocked) waits again, and a phase never left runs to the end of the run.
import type { EChartsOption } from 'echarts';
import { renderChart } from './charts.ts';
import { clockHM } from './report-format.ts';

/** What a case was doing: waiting for a truck, a truck on its way, setting up on site, pumping. */
export type CasePhase = 'waiting' | 'driving' | 'settingUp' | 'pumping';

/** The phases in legend order. */
export const CASE_PHASES: readonly CasePhase[] = ['waiting', 'driving', 'settingUp', 'pumping'];

/** One case's history (s from the run start). */
export interface CaseTimeline {
  caseId: string;
  /** What the case is about (hotspot or sensor id). */
  sourceId: string;
  openedS: number;
  /** Consecutive phases from opening to the end of the case (or of the run). */
  intervals: { phase: CasePhase; fromS: number; toS: number }[];
  /** Cleared or closed (the last time), null when still open at the end. */
  endedS: number | null;
}

/** Legend words per phase, and for the closing mark. */
export interface GanttText {
  time: string;
  phases: Record<CasePhase, string>;
  ended: string;
}

const COLOURS: Record<CasePhase, string> = {
  waiting: '#f5c400',
  driving: '#f07a00',
  settingUp: '#9467bd',
  pumping: '#2b8cd6',
};

interface RenderApi {
  value(dim: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

/** Draws one interval as a bar on its case's row. */
function renderInterval(_params: unknown, api: RenderApi): object {
  const row = api.value(0);
  const [x0, y] = api.coord([api.value(1), row]);
  const [x1] = api.coord([api.value(2), row]);
  const h = Math.min(9, api.size([0, 1])[1] * 0.7);
  return {
    type: 'rect',
    shape: { x: x0, y: y - h / 2, width: Math.max(1, x1 - x0), height: h },
    style: { fill: COLOURS[CASE_PHASES[api.value(3)]] },
  };
}

/** The Gantt chart of `cases` (in the order given, first at the top). */
export function ganttSvg(cases: CaseTimeline[], runEndS: number, t: GanttText): string {
  const option: EChartsOption = {
    grid: { left: 170, right: 30, top: 40, bottom: 45 },
    legend: { top: 4, data: [...CASE_PHASES.map((p) => t.phases[p]), t.ended] },
    xAxis: {
      type: 'value',
      min: 0,
      max: runEndS,
      interval: runEndS > 6 * 3600 ? 3600 : 1800,
      name: t.time,
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { formatter: (v: number) => clockHM(v) },
      splitLine: { lineStyle: { color: '#eee' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: cases.map((c) => `${c.caseId} · ${c.sourceId}`),
      axisLabel: { fontSize: 10 },
    },
    series: [
      ...CASE_PHASES.map((phase) => ({
        name: t.phases[phase],
        type: 'custom' as const,
        renderItem: renderInterval as never,
        itemStyle: { color: COLOURS[phase] },
        encode: { x: [1, 2], y: 0 },
        data: cases.flatMap((c, i) =>
          c.intervals.filter((iv) => iv.phase === phase).map((iv) => [i, iv.fromS, iv.toS, CASE_PHASES.indexOf(phase)]),
        ),
      })),
      {
        name: t.ended,
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 8,
        itemStyle: { color: '#1a1a1a' },
        data: cases.flatMap((c, i) => (c.endedS !== null ? [[c.endedS, i]] : [])),
      },
    ],
  };
  return renderChart(option, 90 + cases.length * 13, 'gantt');
}
