// Modelled sensors, hotspots, depots and fleet, placed by the rules in asset-rules.json on the real map:
// rain gauges on a lattice, river gauges at bridges, water monitors at tunnel portals and low points,
// hotspots at portals, known ponding roads, metro entrances and hospitals, depots on main roads.
import { cellAt, cellCentre, cellsAlongLine, nearestCellWhere } from '../grid/grid-spec.ts';
import { lineLengthM } from '../geometry/index.ts';
import type { Grid } from '../grid/grid.ts';
import type { RoadGraph } from '../road-graph/types.ts';
import type { Depot, Hotspot, PumpTruck, RoadSegment, Sensor, XY } from '../types.ts';
import type { AssetRules } from './asset-rules.ts';
import type { LandRegions } from './catchments.ts';

/** A point of interest from the map (metro entrance, hospital…), already in local metres. */
export interface MapPoi {
  id: string;
  kind: string;
  name?: string;
  nameEn?: string;
  xy: XY;
}

const far = (placed: readonly { xy: XY }[], xy: XY, minM: number) =>
  placed.every((p) => Math.hypot(p.xy[0] - xy[0], p.xy[1] - xy[1]) >= minM);
const pad = (k: number) => String(k).padStart(2, '0');

/** Rain gauges on a regular lattice, each moved to the nearest open land cell. */
export function placeRainGauges(grid: Grid, rules: AssetRules): Sensor[] {
  const g = rules.rainGauge;
  const out: Sensor[] = [];
  const open = (i: number) => !grid.riverMask[i] && !grid.buildingMask[i];
  for (let y = grid.y0 + g.spacingM / 2; y < grid.y0 + grid.ny * grid.cellM; y += g.spacingM) {
    for (let x = grid.x0 + g.spacingM / 2; x < grid.x0 + grid.nx * grid.cellM; x += g.spacingM) {
      const cell = nearestCellWhere(grid, x, y, g.snapM, open);
      if (cell < 0) continue;
      const k = out.length + 1;
      out.push({
        id: `R${pad(k)}`,
        kind: 'rain',
        name: `雨量站 R${pad(k)}`,
        nameEn: `Rain gauge R${pad(k)}`,
        xy: cellCentre(grid, cell),
        alertAt: g.alertMmPerH,
        alarmAt: g.alarmMmPerH,
        modelled: true,
      });
    }
  }
  return out;
}

/** River-level gauges: the named ones, then one at each drivable bridge over the water. */
export function placeRiverGauges(
  grid: Grid,
  roads: readonly RoadSegment[],
  rules: AssetRules,
  localPoint: (lon: number, lat: number) => XY,
): Sensor[] {
  const g = rules.riverGauge;
  const out: Sensor[] = g.named.map((n) => ({
    id: n.id,
    kind: 'riverLevel',
    name: n.name,
    nameEn: n.nameEn,
    xy: localPoint(n.lon, n.lat),
    alertAt: n.alertM,
    alarmAt: n.alarmM,
    modelled: true,
  }));
  if (g.atBridges === false) return out;
  const bridges = roads.filter((r) => r.bridge && r.drivable).sort((a, b) => a.id.localeCompare(b.id));
  for (const b of bridges) {
    const wet = [...cellsAlongLine(grid, b.coords)].filter((i) => grid.riverMask[i]);
    if (!wet.length) continue;
    const xy = cellCentre(grid, wet[Math.floor(wet.length / 2)]);
    if (!far(out, xy, g.dedupeM)) continue;
    const k = out.length + 1;
    out.push({
      id: `L${pad(k)}`,
      kind: 'riverLevel',
      name: `${b.name ? (b.name.endsWith('桥') ? b.name : b.name + '桥') : '桥'}水位站`,
      nameEn: `${b.nameEn ? (/bridge/i.test(b.nameEn) ? b.nameEn : b.nameEn + ' bridge') : 'Bridge'} level gauge`,
      xy,
      alertAt: g.bridgeAlertM,
      alarmAt: g.bridgeAlarmM,
      modelled: true,
    });
  }
  return out;
}

/** Tunnel portals: junctions where a drivable tunnel meets an open road. */
export function tunnelPortals(graph: RoadGraph): { xy: XY; name?: string }[] {
  const out: { xy: XY; name?: string }[] = [];
  graph.forEachNode((node, attrs) => {
    let tunnel: string | undefined;
    let hasTunnel = false;
    let hasOpen = false;
    graph.forEachEdge(node, (_e, a) => {
      if (a.tunnel) {
        hasTunnel = true;
        tunnel ??= a.name;
      } else hasOpen = true;
    });
    if (hasTunnel && hasOpen) out.push(tunnel ? { xy: [attrs.x, attrs.y], name: tunnel } : { xy: [attrs.x, attrs.y] });
  });
  return out;
}

/** Road-water monitors and hotspots at tunnel portals, low points of each catchment's roads, ponding roads and POIs. */
export function placeHotspotsAndMonitors(
  grid: Grid,
  graph: RoadGraph,
  roads: readonly RoadSegment[],
  catchmentLabels: Int32Array,
  pois: readonly MapPoi[],
  rules: AssetRules,
): { monitors: Sensor[]; hotspots: Hotspot[] } {
  const w = rules.roadWater;
  const h = rules.hotspots;
  const monitors: Sensor[] = [];
  const hotspots: Hotspot[] = [];
  // Names shown to operators must tell places apart: a repeated name gets a running number.
  const seen = new Map<string, number>();
  const unique = (name: string, nameEn: string): [string, string] => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? [name, nameEn] : [`${name} (${n})`, `${nameEn} (${n})`];
  };
  const addHotspot = (kind: Hotspot['kind'], name: string, nameEn: string, xy: XY, exposure: number) => {
    const k = hotspots.length + 1;
    const [zh, en] = unique(name, nameEn);
    hotspots.push({ id: `H${pad(k)}`, kind, name: zh, nameEn: en, xy, exposure, modelled: true });
  };
  const addMonitor = (name: string, nameEn: string, xy: XY) => {
    const k = monitors.length + 1;
    const [zh, en] = unique(name, nameEn);
    monitors.push({
      id: `W${pad(k)}`,
      kind: 'roadWater',
      name: zh,
      nameEn: en,
      xy,
      alertAt: w.alertM,
      alarmAt: w.alarmM,
      modelled: true,
    });
  };
  // 1. Tunnel portals: the first place a street's water runs down into.
  for (const p of tunnelPortals(graph)) {
    if (!far(monitors, p.xy, w.dedupeM)) continue;
    addMonitor(`${p.name ?? '隧道'}口积水监测`, `${p.name ?? 'Tunnel'} portal water monitor`, p.xy);
    addHotspot('underpass', `${p.name ?? '隧道'}口`, `${p.name ?? 'Tunnel'} portal`, p.xy, h.underpassExposure);
  }
  // 2. The lowest road cell of each catchment, where the modelled ground has a dip worth watching.
  const lowest = new Map<number, number>();
  graph.forEachEdge((_e, a) => {
    if (a.tunnel) return;
    for (const i of a.cells) {
      const c = catchmentLabels[i];
      if (c < 0 || grid.buildingMask[i]) continue;
      const cur = lowest.get(c);
      if (cur === undefined || grid.bedM[i] < grid.bedM[cur] || (grid.bedM[i] === grid.bedM[cur] && i < cur))
        lowest.set(c, i);
    }
  });
  const median = medianLandBed(grid);
  for (const [c, i] of [...lowest.entries()].sort((a, b) => a[0] - b[0])) {
    if (!(grid.bedM[i] < median - 0.1)) continue;
    const xy = cellCentre(grid, i);
    if (!far(monitors, xy, w.dedupeM)) continue;
    const cid = `C${pad(c + 1)}`;
    addMonitor(`低洼点 ${cid} 积水监测`, `Low point ${cid} water monitor`, xy);
    addHotspot('lowPoint', `低洼点 ${cid}`, `Low point ${cid}`, xy, h.lowPointExposure);
  }
  // 3. Roads with a published ponding history.
  for (const name of h.knownPondingRoads) {
    const seg = roads
      .filter((r) => r.drivable && r.name === name)
      .sort((a, b) => lineLengthM(b.coords) - lineLengthM(a.coords) || a.id.localeCompare(b.id))[0];
    if (!seg) continue;
    const xy = midpoint(seg.coords);
    addHotspot('road', name, seg.nameEn ?? name, xy, h.roadExposure);
    if (far(monitors, xy, w.dedupeM)) addMonitor(`${name}积水监测`, `${seg.nameEn ?? name} water monitor`, xy);
  }
  // 4. Metro entrances and hospitals on the map: water there stops a line or a ward.
  for (const p of [...pois].sort((a, b) => a.id.localeCompare(b.id))) {
    if (cellAt(grid, p.xy[0], p.xy[1]) < 0) continue;
    // OSM names metro entrances by their number ("1", "2A"); say so.
    const numbered = p.name !== undefined && p.name.length <= 3;
    if (p.kind === 'subway_entrance')
      addHotspot(
        'metroEntrance',
        numbered ? `地铁 ${p.name} 号出入口` : (p.name ?? '地铁出入口'),
        numbered ? `Metro entrance ${p.name}` : (p.nameEn ?? 'Metro entrance'),
        p.xy,
        h.metroEntranceExposure,
      );
    else if (p.kind === 'hospital')
      addHotspot('hospital', p.name ?? '医院', p.nameEn ?? 'Hospital', p.xy, h.hospitalExposure);
  }
  return { monitors, hotspots };
}

function medianLandBed(grid: Grid): number {
  const v: number[] = [];
  for (let i = 0; i < grid.bedM.length; i += 7) if (!grid.riverMask[i]) v.push(grid.bedM[i]);
  v.sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : 0;
}

function midpoint(c: readonly XY[]): XY {
  const half = lineLengthM(c) / 2;
  let s = 0;
  for (let k = 1; k < c.length; k++) {
    const d = Math.hypot(c[k][0] - c[k - 1][0], c[k][1] - c[k - 1][1]);
    if (s + d >= half && d > 0) {
      const t = (half - s) / d;
      return [c[k - 1][0] + (c[k][0] - c[k - 1][0]) * t, c[k - 1][1] + (c[k][1] - c[k - 1][1]) * t];
    }
    s += d;
  }
  return c[0];
}

/** Depots: one per large land region, at the main-road junction nearest the region's centroid. */
export function placeDepots(grid: Grid, graph: RoadGraph, regions: LandRegions, rules: AssetRules): Depot[] {
  const big = regions.areasM2
    .map((a, r) => ({ a, r }))
    .filter((x) => x.a >= rules.depots.minRegionAreaM2)
    .sort((p, q) => q.a - p.a || p.r - q.r);
  const depots: Depot[] = [];
  for (const { r } of big) {
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (let i = 0; i < regions.labels.length; i++) {
      if (regions.labels[i] !== r) continue;
      const [x, y] = cellCentre(grid, i);
      sx += x;
      sy += y;
      n++;
    }
    const cx = sx / n;
    const cy = sy / n;
    let best: { node: string; d: number; xy: XY } | undefined;
    graph.forEachNode((node, a) => {
      const cell = cellAt(grid, a.x, a.y);
      if (cell < 0 || regions.labels[cell] !== r) return;
      let main = false;
      graph.forEachEdge(node, (_e, ea) => {
        if (rules.depots.roadClasses.includes(ea.roadClass) && !ea.tunnel && !ea.bridge) main = true;
      });
      if (!main) return;
      const d = Math.hypot(a.x - cx, a.y - cy);
      if (!best || d < best.d || (d === best.d && node < best.node)) best = { node, d, xy: [a.x, a.y] };
    });
    if (!best) continue;
    const k = depots.length + 1;
    depots.push({
      id: `D${k}`,
      name: `泵车基地 D${k}`,
      nameEn: `Pump-truck depot D${k}`,
      xy: (best as { xy: XY }).xy,
      modelled: true,
    });
  }
  return depots;
}

/** The fleet: each truck type at each depot (or only at the first, largest region's, depot). */
export function makeFleet(depots: readonly Depot[], rules: AssetRules): PumpTruck[] {
  const fleet: PumpTruck[] = [];
  depots.forEach((d, di) => {
    for (const t of rules.fleet) {
      if (t.atLargestDepotOnly && di > 0) continue;
      for (let k = 0; k < t.perDepot; k++) {
        const id = `T${pad(fleet.length + 1)}`;
        fleet.push({
          id,
          name: `泵车 ${id}`,
          depotId: d.id,
          capacityM3PerH: t.capacityM3PerH,
          wadingDepthM: t.wadingDepthM,
          modelled: true,
        });
      }
    }
  });
  return fleet;
}
