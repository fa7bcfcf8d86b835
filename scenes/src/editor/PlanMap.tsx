// The editor's map: the district's plan (roads, water, depots, pump stations, hotspots) north up in local metres, the
// typhoon track with its band of heaviest rain, and the incidents where they happen; a click reports local metres.
import { useMemo, useRef } from 'react';
import type { XY } from '../../../twin/types.ts';
import type { DistrictPlan } from './plan-map.ts';
import type { Incident, TrackPoint } from './scenario-form.ts';

const REGION_M = 100_000;

const pathOf = (line: readonly XY[]) => line.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${-y}`).join('');

export function PlanMap({
  plan,
  region,
  track,
  radiusM,
  incidents,
  selectedRoad,
  onPick,
}: {
  plan: DistrictPlan;
  /** Show 100 km around the district (typhoon tracks) instead of the district itself. */
  region: boolean;
  track: TrackPoint[] | null;
  radiusM: number;
  incidents: Incident[];
  selectedRoad: string[];
  onPick: (xy: XY) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [x0, y0, x1, y1] = plan.extent;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const half = region ? REGION_M / 2 : Math.max(x1 - x0, y1 - y0) / 2 + 100;
  const view = `${cx - half} ${-cy - half} ${2 * half} ${2 * half}`;
  const px = (2 * half) / 520;
  const roads = useMemo(() => plan.roads.map((r) => pathOf(r.line)).join(''), [plan]);
  const water = useMemo(() => plan.water.map((w) => `${pathOf(w)}Z`).join(''), [plan]);
  const closed = useMemo(
    () =>
      plan.roads
        .filter((r) => selectedRoad.includes(r.segmentId))
        .map((r) => pathOf(r.line))
        .join(''),
    [plan, selectedRoad],
  );
  const click = (e: React.MouseEvent<SVGSVGElement>) => {
    const el = svg.current;
    const m = el?.getScreenCTM();
    if (!el || !m) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    onPick([Math.round(p.x), Math.round(-p.y)]);
  };
  return (
    <svg
      ref={svg}
      className="plan-map"
      data-testid="plan-map"
      viewBox={view}
      preserveAspectRatio="xMidYMid meet"
      onClick={click}
    >
      <rect x={cx - half} y={-cy - half} width={2 * half} height={2 * half} fill="#f4f1ea" />
      {region && (
        <rect x={x0} y={-y1} width={x1 - x0} height={y1 - y0} fill="#d6d3cb" stroke="#57534e" strokeWidth={px} />
      )}
      <path d={water} fill="#9cc7e4" stroke="none" />
      {!region && <path d={roads} fill="none" stroke="#a8a29e" strokeWidth={px * 1.2} />}
      {closed && <path d={closed} fill="none" stroke="#c026d3" strokeWidth={px * 5} />}
      {!region && plan.hotspots.map((h) => <circle key={h.id} cx={h.xy[0]} cy={-h.xy[1]} r={px * 3} fill="#8b3fb8" />)}
      {plan.depots.map((d) => (
        <g key={d.id}>
          <rect x={d.xy[0] - px * 5} y={-d.xy[1] - px * 5} width={px * 10} height={px * 10} fill="#374151" />
          {!region && (
            <text x={d.xy[0] + px * 7} y={-d.xy[1] + px * 4} fontSize={px * 12} fill="#111827">
              {d.id}
            </text>
          )}
        </g>
      ))}
      {!region &&
        plan.stations.map((s) => (
          <g key={s.id}>
            <rect x={s.xy[0] - px * 4} y={-s.xy[1] - px * 4} width={px * 8} height={px * 8} fill="#1d4ed8" />
            <text x={s.xy[0] + px * 6} y={-s.xy[1] + px * 4} fontSize={px * 11} fill="#1e3a8a">
              {s.id}
            </text>
          </g>
        ))}
      {incidents.map((inc, i) =>
        inc.kind === 'waterReport' && Number.isFinite(inc.xy[0]) ? (
          <g key={i}>
            <circle cx={inc.xy[0]} cy={-inc.xy[1]} r={px * 7} fill="#0ea5e9" stroke="#0c4a6e" strokeWidth={px * 1.5} />
            <text x={inc.xy[0] + px * 9} y={-inc.xy[1] + px * 4} fontSize={px * 12} fill="#0c4a6e">
              {i + 1}
            </text>
          </g>
        ) : null,
      )}
      {track && track.length > 0 && (
        <g data-testid="typhoon-track">
          {track.map((p, i) => (
            <circle
              key={`band${i}`}
              cx={p.xy[0]}
              cy={-p.xy[1]}
              r={Math.max(radiusM, 0)}
              fill="#dc2626"
              fillOpacity={0.06}
              stroke="#dc2626"
              strokeOpacity={0.35}
              strokeWidth={px}
              strokeDasharray={`${px * 6} ${px * 4}`}
            />
          ))}
          <path d={pathOf(track.map((p) => p.xy))} fill="none" stroke="#b91c1c" strokeWidth={px * 2.5} />
          {track.map((p, i) => (
            <g key={`p${i}`}>
              <circle cx={p.xy[0]} cy={-p.xy[1]} r={px * 6} fill="#b91c1c" />
              <text x={p.xy[0] + px * 8} y={-p.xy[1] - px * 6} fontSize={px * 13} fill="#7f1d1d">
                {`${i + 1} · ${p.atMin} min`}
              </text>
            </g>
          ))}
        </g>
      )}
    </svg>
  );
}
