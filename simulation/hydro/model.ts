// Checks the rasters and options once, before any work, and turns them into the plain data every thread shares:
// the kernel settings, step-schedule settings and the initial arrays.
import { SimulationError } from '../errors.ts';
import { stageAt } from './hydrograph.ts';
import { EDGE_CLOSED, EDGE_FREE, EDGE_STAGE, LTS_MAX_LEVELS } from './kernel-config.ts';
import type { KernelConfig } from './kernel-config.ts';
import { checkCfl, edgeCells, initState } from './initial-state.ts';
import { allocateArrays, CLOSED, CLOSED_BED_M, OPEN, RIVER } from './layout.ts';
import type { HydroArrays } from './layout.ts';
import type { EdgeBoundary, FloodOptions, HortonParams, Hydrograph, HydroRasters, StageSource } from './types.ts';

/** Horton defaults per infiltration class (SHANGHAI-FACTS "Surfaces"): impervious none, green generic, water none. */
export const DEFAULT_HORTON: (HortonParams | null)[] = [null, { f0MmPerH: 76.2, fcMmPerH: 12.7, decayPerH: 4 }, null];

/** Everything a thread needs besides the arrays; structured-cloneable. */
export interface ModelSpec {
  cfg: KernelConfig;
  cfl: number;
  /** Levels of local time stepping (0: one global step). */
  ltsLevels: number;
  maxDtS: number;
  minDtS: number;
  rainWindowS: number;
  outputEveryS: number;
  edgeStage: (StageSource | null)[];
  /** Lowest bed along each stage edge (m), for the CFL depth. */
  edgeMinBedM: Float64Array;
  riverStage: StageSource | null;
  inflowHydrographs: Hydrograph[];
  inflowCell: Int32Array;
  inflowIndex: Int32Array;
  inflowWeight: Float64Array;
  horton: (HortonParams | null)[];
  stationSlot: Int32Array;
  stationCapacityM3PerS: Float64Array;
  stationIds: string[];
  /** Per catchment slot: sewer storage (m³) and total inlet capacity (m³/s); 0 storage where no station. */
  slotStorageM3: Float64Array;
  slotInletM3PerS: Float64Array;
  /** Per catchment slot: 1 when a station serves it (its inlets are limited by pumps and storage). */
  slotPumped: Uint8Array;
}

const EDGE_NAMES = ['north', 'east', 'south', 'west'] as const;

function checkLength(name: string, arr: ArrayLike<number> | undefined, n: number, nx: number, ny: number): void {
  if (arr !== undefined && arr.length !== n)
    throw new SimulationError(
      `has ${arr.length} cells but the grid has ${nx} × ${ny} = ${n}`,
      { input: name },
      'give every raster on the same grid as the DEM',
    );
}

function describeCells(cells: number[], nx: number): string {
  return cells
    .slice(0, 3)
    .map((i) => `row ${Math.floor(i / nx)} col ${i % nx}`)
    .join(', ');
}

function edgeSpec(e: EdgeBoundary | undefined, name: string): [number, number, StageSource | null] {
  if (!e || e.kind === 'closed') return [EDGE_CLOSED, -1, null];
  if (e.kind === 'free') {
    if (e.slope !== undefined && !(e.slope >= 0))
      throw new SimulationError(
        `free-edge slope ${e.slope} is not a slope`,
        { input: `edge ${name}`, field: 'slope' },
        'give 0 or more (m/m)',
      );
    return [EDGE_FREE, e.slope ?? -1, null];
  }
  if (e.kind === 'stage') return [EDGE_STAGE, -1, e.stageM];
  throw new SimulationError(`unknown edge kind`, { input: `edge ${name}` }, 'use closed, free or stage');
}

/** The model (settings) and its arrays, initial state included. */
export interface BuiltModel {
  spec: ModelSpec;
  arrays: HydroArrays;
}

/**
 * Validates rasters and options and builds the model. Throws SimulationError naming the input and the cells at
 * fault before any step is taken.
 * @param shared allocate the arrays on a shared memory (for worker threads)
 * @param threads threads (row bands) the engine runs on: one private scratch region each
 */
export function buildModel(g: HydroRasters, o: FloodOptions, shared = false, threads = 1): BuiltModel {
  const { nx, ny, cellM } = g;
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1)
    throw new SimulationError(`grid size ${nx} × ${ny} is not a grid`, { input: 'grid' });
  if (!(cellM > 0) || !Number.isFinite(cellM))
    throw new SimulationError(`cell size ${cellM} is not positive`, { input: 'grid', field: 'cellM' });
  const n = nx * ny;
  checkLength('bedM', g.bedM, n, nx, ny);
  if (typeof g.manningN !== 'number') checkLength('manningN', g.manningN, n, nx, ny);
  for (const key of [
    'buildingMask',
    'riverMask',
    'infiltrationClass',
    'drainCapacityMmPerH',
    'catchmentId',
    'initialDepthM',
  ] as const)
    checkLength(key, g[key], n, nx, ny);

  // 1. Cell kinds: closed, open, river (river cells with no open neighbour are closed: nothing flows there).
  const kind = new Uint8Array(n);
  const badBed: number[] = [];
  let badBedCount = 0;
  for (let i = 0; i < n; i++) {
    if (g.buildingMask && g.buildingMask[i]) kind[i] = CLOSED;
    else if (!Number.isFinite(g.bedM[i])) {
      badBedCount++;
      if (badBed.length < 3) badBed.push(i);
    } else if (g.riverMask && g.riverMask[i]) kind[i] = RIVER;
  }
  if (badBedCount > 0)
    throw new SimulationError(
      `${badBedCount} open cells have no bed elevation (first at ${describeCells(badBed, nx)})`,
      { input: 'bedM' },
      'fill the holes or close those cells',
    );
  let riverCells = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] !== RIVER) continue;
    const c = i % nx;
    const touches =
      (c > 0 && kind[i - 1] === OPEN) ||
      (c < nx - 1 && kind[i + 1] === OPEN) ||
      (i >= nx && kind[i - nx] === OPEN) ||
      (i + nx < n && kind[i + nx] === OPEN);
    if (touches) riverCells++;
    else kind[i] = CLOSED;
  }
  if (riverCells > 0 && o.riverStageM === undefined)
    throw new SimulationError(
      `${riverCells} river cells touch land but no river stage is given`,
      { input: 'riverStageM' },
      'give the river stage (m) or a stage hydrograph',
    );

  // 2. Manning's n, infiltration classes, inlets and catchments.
  const nAt = (i: number): number => (typeof g.manningN === 'number' ? g.manningN : g.manningN[i]);
  for (let i = 0; i < n; i++) {
    const v = nAt(i);
    if (kind[i] !== CLOSED && !(v > 0 && Number.isFinite(v)))
      throw new SimulationError(
        `Manning's n ${v} at row ${Math.floor(i / nx)} col ${i % nx} is not positive`,
        { input: 'manningN', item: i },
        'give n > 0 (s/m^(1/3))',
      );
  }
  const horton = o.horton === null ? [] : (o.horton ?? DEFAULT_HORTON);
  horton.forEach((p, cls) => {
    if (p && !(p.f0MmPerH >= p.fcMmPerH && p.fcMmPerH >= 0 && p.decayPerH >= 0))
      throw new SimulationError('needs f0 ≥ fc ≥ 0 and decay ≥ 0', { input: 'horton', item: cls });
  });
  let catchCount = 0;
  if (g.catchmentId) for (let i = 0; i < n; i++) catchCount = Math.max(catchCount, g.catchmentId[i] + 1);
  const stations = o.pumpStations ?? [];
  const hasInfil = horton.some((p) => p !== null) && g.infiltrationClass !== undefined;
  const hasDrain = g.drainCapacityMmPerH !== undefined;
  const hasSinks = hasInfil || hasDrain;
  const catchSlots = catchCount + 1;

  const theta = o.theta ?? 1;
  const cfl = o.cfl ?? 0.5;
  if (!(theta > 0 && theta <= 1)) throw new SimulationError(`theta ${theta} is outside (0, 1]`, { input: 'theta' });
  if (!(cfl > 0 && cfl <= 1)) throw new SimulationError(`CFL coefficient ${cfl} is outside (0, 1]`, { input: 'cfl' });
  const ltsLevels = o.localTimeStep ?? 0;
  if (!(Number.isInteger(ltsLevels) && ltsLevels >= 0 && ltsLevels <= LTS_MAX_LEVELS))
    throw new SimulationError(
      `local time step levels ${ltsLevels} is not a whole number from 0 to ${LTS_MAX_LEVELS}`,
      { input: 'localTimeStep' },
      'use 0 for one global step, or 1–4 levels',
    );
  const maxDtS = o.maxDtS ?? 5;
  const rainWindowS = o.rainWindowS ?? 60;
  if (!(maxDtS > 0)) throw new SimulationError(`maximum step ${maxDtS} s is not positive`, { input: 'maxDtS' });
  if (!(rainWindowS >= maxDtS))
    throw new SimulationError(
      `rain window ${rainWindowS} s is shorter than the longest step ${maxDtS} s`,
      { input: 'rainWindowS' },
      'use a window at least as long as maxDtS',
    );
  const edges = EDGE_NAMES.map((name) => edgeSpec(o.edges?.[name], name));
  const thr = o.depthThresholdM ?? 1e-3;
  const cfg: KernelConfig = {
    nx,
    ny,
    dxM: cellM,
    cellAreaM2: cellM * cellM,
    gravity: o.gravity ?? 9.81,
    depthThresholdM: thr,
    wetDepthM: o.wetDepthM ?? thr,
    theta,
    friction2D: o.friction2D ?? true,
    trackMaxSpeed: o.trackMaxSpeed ?? false,
    hasSinks,
    hasRiver: riverCells > 0,
    edgeKind: Int32Array.from(edges.map((e) => e[0])),
    edgeSlope: Float64Array.from(edges.map((e) => e[1])),
    catchSlots,
  };

  const arrays = allocateArrays(
    { nx, ny, catchSlots, infilClasses: horton.length + 1, threads, trackMaxSpeed: cfg.trackMaxSpeed, hasSinks },
    stations.length,
    shared,
  );
  const a = arrays;
  const g2 = cfg.gravity;
  for (let i = 0; i < n; i++) {
    a.kind[i] = kind[i];
    a.z[i] = kind[i] === CLOSED ? CLOSED_BED_M : g.bedM[i];
  }
  // 3. g·n² per face: the mean n of the two cells (LISFLOOD-FP), the edge cell's own n on domain edges.
  for (let r = 0; r < ny; r++)
    for (let c = 0; c <= nx; c++) {
      const w = c > 0 ? r * nx + c - 1 : r * nx;
      const e = c < nx ? r * nx + c : r * nx + nx - 1;
      const nf = 0.5 * (safeN(nAt, w, kind) + safeN(nAt, e, kind));
      a.gn2x[r * (nx + 1) + c] = g2 * nf * nf;
    }
  for (let f = 0; f <= ny; f++)
    for (let c = 0; c < nx; c++) {
      const nn = f > 0 ? (f - 1) * nx + c : c;
      const s = f < ny ? f * nx + c : (ny - 1) * nx + c;
      const nf = 0.5 * (safeN(nAt, nn, kind) + safeN(nAt, s, kind));
      a.gn2y[f * nx + c] = g2 * nf * nf;
    }
  const slotInlet = new Float64Array(catchSlots);
  if (hasSinks)
    for (let i = 0; i < n; i++) {
      const cls = g.infiltrationClass ? g.infiltrationClass[i] : 0;
      a.infilClass[i] = hasInfil && cls < horton.length && horton[cls] ? cls : horton.length;
      const d = g.drainCapacityMmPerH ? g.drainCapacityMmPerH[i] : 0;
      if (!(d >= 0))
        throw new SimulationError(`drain capacity ${d} mm/h at row ${Math.floor(i / nx)} col ${i % nx} is negative`, {
          input: 'drainCapacityMmPerH',
          item: i,
        });
      const cid = g.catchmentId ? g.catchmentId[i] : -1;
      if (!Number.isInteger(cid) || cid < -1)
        throw new SimulationError(`catchment id ${cid} is not an index or -1`, { input: 'catchmentId', item: i });
      a.drainMPerS[i] = kind[i] === OPEN ? d / 3.6e6 : 0;
      a.catchSlot[i] = cid + 1;
      slotInlet[cid + 1] += a.drainMPerS[i] * cfg.cellAreaM2;
    }

  // 4. Pump stations and sewer storage.
  const slotStorage = new Float64Array(catchSlots);
  const slotPumped = new Uint8Array(catchSlots);
  stations.forEach((st, k) => {
    if (!Number.isInteger(st.catchmentId) || st.catchmentId < 0 || st.catchmentId >= catchCount)
      throw new SimulationError(`catchment ${st.catchmentId} is not in the grid's catchmentId raster`, {
        input: `pump station ${st.id}`,
        field: 'catchmentId',
      });
    if (!(st.capacityM3PerS >= 0))
      throw new SimulationError(`capacity ${st.capacityM3PerS} m³/s is negative`, {
        input: `pump station ${st.id}`,
        field: 'capacityM3PerS',
      });
    slotStorage[st.catchmentId + 1] += st.storageM3 ?? 0;
    slotPumped[st.catchmentId + 1] = 1;
    a.pumpFailed[k] = st.failed ? 1 : 0;
  });

  // 5. Inflows: cells must be open; weights default to equal shares.
  const inflows = o.inflows ?? [];
  const cellsFlat: number[] = [];
  const idxFlat: number[] = [];
  const wFlat: number[] = [];
  inflows.forEach((inf, k) => {
    const m = inf.cells.length;
    if (m === 0) throw new SimulationError('has no cells', { input: `inflow ${inf.name}` }, 'place it inside the grid');
    for (let j = 0; j < m; j++) {
      const i = inf.cells[j];
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new SimulationError(`cell ${i} is outside the grid`, { input: `inflow ${inf.name}` });
      if (kind[i] !== OPEN)
        throw new SimulationError(
          `cell row ${Math.floor(i / nx)} col ${i % nx} is closed or river`,
          { input: `inflow ${inf.name}` },
          'move the inflow onto open ground',
        );
      cellsFlat.push(i);
      idxFlat.push(k);
      wFlat.push(inf.weights ? inf.weights[j] : 1 / m);
    }
  });

  // 6. Initial depths and river stage.
  const h0 = g.initialDepthM;
  for (let i = 0; i < n; i++) {
    const v = h0 ? h0[i] : 0;
    if (!(v >= 0))
      throw new SimulationError(`initial depth ${v} at row ${Math.floor(i / nx)} col ${i % nx} is negative`, {
        input: 'initialDepthM',
        item: i,
      });
    a.h[i] = kind[i] === OPEN ? v : 0;
  }
  if (o.riverStageM !== undefined) {
    const st0 = stageAt(o.riverStageM, 0);
    for (let i = 0; i < n; i++) if (kind[i] === RIVER) a.h[i] = Math.max(0, st0 - a.z[i]);
  }
  const edgeMinBed = new Float64Array(4).fill(Infinity);
  for (let e = 0; e < 4; e++) {
    if (cfg.edgeKind[e] !== EDGE_STAGE) continue;
    const cells = edgeCells(e, nx, ny);
    for (const i of cells) if (kind[i] !== CLOSED) edgeMinBed[e] = Math.min(edgeMinBed[e], a.z[i]);
  }

  const spec: ModelSpec = {
    cfg,
    cfl,
    ltsLevels,
    maxDtS,
    minDtS: o.minDtS ?? 1e-3,
    rainWindowS,
    outputEveryS: o.outputEveryS ?? 60,
    edgeStage: edges.map((e) => e[2]),
    edgeMinBedM: edgeMinBed,
    riverStage: o.riverStageM ?? null,
    inflowHydrographs: inflows.map((f) => f.dischargeM3PerS),
    inflowCell: Int32Array.from(cellsFlat),
    inflowIndex: Int32Array.from(idxFlat),
    inflowWeight: Float64Array.from(wFlat),
    horton,
    stationSlot: Int32Array.from(stations.map((s) => s.catchmentId + 1)),
    stationCapacityM3PerS: Float64Array.from(stations.map((s) => s.capacityM3PerS)),
    stationIds: stations.map((s) => s.id),
    slotStorageM3: slotStorage,
    slotInletM3PerS: slotInlet,
    slotPumped,
  };
  checkCfl(spec, arrays, o);
  initState(spec, arrays);
  return { spec, arrays };
}

function safeN(nAt: (i: number) => number, i: number, kind: Uint8Array): number {
  const v = nAt(i);
  return kind[i] === CLOSED || !(v > 0) ? 0.03 : v;
}
