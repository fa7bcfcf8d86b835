// Entry of a browser Worker running the flood engine: one request in (rasters, rain, river stage, duration), the
// engine built and run on the Worker's thread, depths, ledger and counters posted back with their buffers moved.
// The shell scenes/ will start with `new Worker(url, { type: 'module' })`; it uses only the Worker's `self`.
import { SimulationError } from '../errors.ts';
import { constantRainField, FloodEngine } from './index.ts';
import type { EdgeBoundaries, FloodOptions, FloodStats, HydroRasters, MassLedger, StageSource } from './index.ts';

/** The little of a Worker's global scope this entry uses (declared here: the core has no DOM library). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}
declare const self: WorkerScope;
declare const performance: { now(): number };

/** What the page posts: one run of the engine. Typed arrays are structured-cloned (or transferred) in. */
export interface FloodWorkerRequest {
  /** Echoed in the reply, so a page can keep several requests in flight. */
  id: number | string;
  rasters: HydroRasters;
  /** Uniform rain (mm/h) from t = 0; none when absent. */
  rainMmPerH?: number;
  /** Time the rain stops (s); it falls for the whole run when absent. */
  rainEndS?: number;
  /** Stage (m above datum) held on `rasters.riverMask` cells, constant or a hydrograph. */
  riverStageM?: StageSource;
  /** q-centred weighting θ in (0, 1]; the engine's default (1) when absent. */
  theta?: number;
  /** Local time stepping levels (default 0: one global step). */
  localTimeStep?: number;
  edges?: EdgeBoundaries;
  /** Simulated time to run (s), > 0. */
  durationS: number;
}

/** The reply to a run that finished. The two depth arrays own their buffers, which are transferred. */
export interface FloodWorkerResult {
  id: number | string;
  /** Maximum depth per cell over the run (m), row 0 north. */
  maxDepthM: Float64Array;
  /** Depth per cell at `durationS` (m). */
  depthM: Float64Array;
  ledger: MassLedger;
  stats: FloodStats;
  /** Wall time in the Worker to build the engine and run it (s). */
  wallS: number;
}

/** The reply to a request that could not run: the engine's message (what, where, how to fix it). */
export interface FloodWorkerFailure {
  id: number | string | undefined;
  error: string;
}

/** Either reply; `'error' in reply` tells them apart. */
export type FloodWorkerReply = FloodWorkerResult | FloodWorkerFailure;

function checkRequest(data: unknown): FloodWorkerRequest {
  const r = data as Partial<FloodWorkerRequest> | null;
  if (typeof r !== 'object' || r === null || typeof r.rasters !== 'object' || r.rasters === null)
    throw new SimulationError(
      'the message has no rasters',
      { input: 'worker request', field: 'rasters' },
      'post { id, rasters: { nx, ny, cellM, bedM, manningN, … }, durationS }',
    );
  if (typeof r.durationS !== 'number' || !(r.durationS > 0) || !Number.isFinite(r.durationS))
    throw new SimulationError(
      `duration ${String(r.durationS)} s is not a positive time`,
      { input: 'worker request', field: 'durationS' },
      'give the simulated time to run in seconds (> 0)',
    );
  return r as FloodWorkerRequest;
}

/** Builds the engine for one request, runs it to `durationS` and gathers the reply (copies, not live views). */
function runRequest(req: FloodWorkerRequest): FloodWorkerResult {
  const t0 = performance.now();
  const options: FloodOptions = {
    edges: req.edges,
    riverStageM: req.riverStageM,
    theta: req.theta,
    localTimeStep: req.localTimeStep,
  };
  if (req.rainMmPerH !== undefined) options.rain = constantRainField(req.rainMmPerH, req.rainEndS);
  const engine = new FloodEngine(req.rasters, options);
  engine.advanceTo(req.durationS);
  const result: FloodWorkerResult = {
    id: req.id,
    maxDepthM: engine.maxDepthM().slice(),
    depthM: engine.depthM().slice(),
    ledger: engine.ledger(),
    stats: engine.stats(),
    wallS: 0,
  };
  engine.close();
  result.wallS = (performance.now() - t0) / 1000;
  return result;
}

self.addEventListener('message', (event) => {
  const id = (event.data as { id?: number | string } | null)?.id;
  try {
    const result = runRequest(checkRequest(event.data));
    self.postMessage(result, [result.maxDepthM.buffer as ArrayBuffer, result.depthM.buffer as ArrayBuffer]);
  } catch (e) {
    const failure: FloodWorkerFailure = { id, error: e instanceof Error ? e.message : String(e) };
    self.postMessage(failure, []);
  }
});
