// The dashboards (rain, river, sensors, case board, fleet, KPIs) in one panel of tabs, drawn with ECharts and synced
// to the clock: a cursor at now on every time chart; the case board, fleet counts and KPI table as of now. Loaded
// as its own chunk so the 3D view starts without ECharts.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { caseStage } from '../../../simulation/record/view-series.ts';
import { formatClock } from '../clock/sim-clock.ts';
import { appStore } from '../store/app-store.ts';
import type { DashboardId } from '../store/deep-link.ts';
import { casesOption, fleetOption, kpiOption, rainOption, riverOption, sensorsOption } from './chart-options.ts';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

const KPI_KEYS = [
  'casesOpened',
  'casesServed',
  'casesCleared',
  'meanToDispatchS',
  'meanToArriveS',
  'meanToClearS',
  'caseHoursWaiting',
  'hotspotWaterHours',
  'pumpedM3',
  'roadKmHoursClosed',
  'escalated',
];

function Chart({ option, testId }: { option: echarts.EChartsCoreOption | null; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (option) chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return <div ref={el} className="chart" data-testid={testId} />;
}

function formatKpi(key: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (key.endsWith('S')) return formatClock(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export default function Dashboards({ tab }: { tab: DashboardId }) {
  const { t } = useTranslation();
  const series = useStore(appStore, (s) => s.series);
  const view = useStore(appStore, (s) => s.view);
  const nowS = useStore(appStore, (s) => Math.round(s.clock.currentS / 10) * 10);
  useStore(appStore, (s) => s.lang);
  if (!series || !view) return <div className="dash-body">…</div>;
  const option =
    tab === 'rain'
      ? rainOption(series, nowS, t)
      : tab === 'river'
        ? riverOption(series, nowS, t)
        : tab === 'sensors'
          ? sensorsOption(series, nowS, t)
          : tab === 'cases'
            ? casesOption(view, t)
            : tab === 'fleet'
              ? fleetOption(series, view, nowS, t)
              : kpiOption(series, nowS, t);
  return (
    <div className="dash-body" data-testid={`dash-${tab}`}>
      <Chart option={option} testId={`chart-${tab}`} />
      {tab === 'river' && (
        <p className="figure">
          {t('dash.stage')}: <b>{view.river.stageM.toFixed(2)} m</b> · {t(`river.${view.river.level}`)}
        </p>
      )}
      {tab === 'cases' && (
        <table className="board">
          <tbody>
            {view.cases.slice(0, 12).map((c) => (
              <tr key={c.id}>
                <td>{c.id}</td>
                <td>{t(`stage.${caseStage(c.state)}`)}</td>
                <td>{(c.depthM * 100).toFixed(0)} cm</td>
                <td>{c.truckId || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tab === 'kpis' && (
        <table className="kpis">
          <tbody>
            {KPI_KEYS.map((k) => (
              <tr key={k}>
                <td>{t(`kpi.${k}`)}</td>
                <td>{formatKpi(k, view.kpis[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
