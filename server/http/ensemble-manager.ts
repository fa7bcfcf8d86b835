// The server's ensembles: started on the same job queue as its runs (members never take more than its simulation
// threads, so runs still get their turn), followed while they go, cancelled on request, and their outputs kept under
// <data>/ensembles/<id>/ with a status.json, so finished ones are still served after a restart.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { parseEnsemble, type EnsembleResult } from '../../simulation/ensemble/index.ts';
import type { EnsembleProgress, EnsembleRunner } from '../ensemble/ensemble-runner.ts';
import { ENSEMBLE_RESULT_FILE, ensembleReportFile } from '../ensemble/ensemble-outputs.ts';
import { parseGeoTiff } from '../../twin/io/geotiff.ts';
import { prepareEnsemble } from '../ensemble/load-ensemble.ts';
import { finishedMembers, startEnsemble } from '../ensemble/run-ensemble.ts';
import type { LoadedEnsemble } from '../ensemble/load-ensemble.ts';
import type { DistrictRegistry } from './district-registry.ts';
import { ApiError, notFound } from './error-codes.ts';
import type { JobQueue } from './jobs/job-queue.ts';

export type EnsembleStatus = 'running' | 'finished' | 'cancelled' | 'failed';

/** What the API says of an ensemble. */
export interface EnsembleInfo {
  id: string;
  name: string;
  district: string;
  status: EnsembleStatus;
  members: number;
  progress: Omit<EnsembleProgress, 'elapsedS' | 'etaS'> & { etaS: number | null };
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Files of the outputs (ensemble.json and the maps) once finished. */
  outputs: string[];
  /** Times a restart took it up again. */
  resumes?: number;
}

/** The request an ensemble was started with, kept beside it for a restart. */
const REQUEST_FILE = 'request.json';

interface Live {
  info: EnsembleInfo;
  runner: EnsembleRunner;
}

export class EnsembleManager {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly queue: JobQueue,
    private readonly districts: DistrictRegistry,
    private readonly dataDir: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  dir(id: string): string {
    return join(this.dataDir, 'ensembles', id);
  }

  /** Checks and expands the ensemble on the district, then queues its members; the spec's own `district` is ignored. */
  async start(districtId: string, raw: unknown, by: string): Promise<EnsembleInfo> {
    const entry = this.districts.get(districtId);
    const spec = parseEnsemble(raw, 'ensemble');
    const loaded = await prepareEnsemble(spec, entry.dir, 'ensemble', entry.district);
    const id = `ens-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const info: EnsembleInfo = {
      id,
      name: spec.name,
      district: districtId,
      status: 'running',
      members: loaded.members.length,
      progress: {
        members: loaded.members.length,
        done: 0,
        running: 0,
        failed: 0,
        cancelled: 0,
        waiting: 0,
        etaS: null,
      },
      createdBy: by,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      outputs: [],
      resumes: 0,
    };
    mkdirSync(this.dir(id), { recursive: true });
    // What a restart needs to take the ensemble up again.
    writeFileSync(join(this.dir(id), REQUEST_FILE), JSON.stringify({ district: districtId, ensemble: raw }) + '\n');
    this.save(info);
    this.launch(info, loaded, new Set());
    return info;
  }

  /**
   * Ensembles a shutdown or a crash left running: taken up again, members whose records are complete kept, the rest
   * queued anew (a member's record is written whole, so a half-run one left nothing). Called once the server is ready.
   */
  async recover(): Promise<string[]> {
    const root = join(this.dataDir, 'ensembles');
    const resumed: string[] = [];
    if (!existsSync(root)) return resumed;
    for (const id of readdirSync(root).sort()) {
      const file = join(root, id, 'status.json');
      if (!existsSync(file) || this.live.has(id)) continue;
      const info = JSON.parse(readFileSync(file, 'utf8')) as EnsembleInfo;
      // Cancelled while its members were stopping: it ends now, without outputs.
      if (info.status === 'cancelled' && info.finishedAt === null) this.end(info);
      if (info.status !== 'running') continue;
      try {
        const req = JSON.parse(readFileSync(join(this.dir(id), REQUEST_FILE), 'utf8')) as {
          district: string;
          ensemble: unknown;
        };
        const entry = this.districts.get(req.district);
        const spec = parseEnsemble(req.ensemble, 'ensemble');
        const loaded = await prepareEnsemble(spec, entry.dir, 'ensemble', entry.district);
        const finished = finishedMembers(loaded, this.dir(id));
        info.resumes = (info.resumes ?? 0) + 1;
        this.save(info);
        this.launch(info, loaded, finished);
        resumed.push(id);
        this.log.info({ ensemble: id, kept: finished.size, members: loaded.members.length }, 'resuming an ensemble');
      } catch (err) {
        this.log.error({ ensemble: id, err: (err as Error).message }, 'could not resume an ensemble');
        info.status = 'failed';
        info.error = `could not resume it after a restart: ${(err as Error).message}`;
        this.end(info);
      }
    }
    return resumed;
  }

  private launch(info: EnsembleInfo, loaded: LoadedEnsemble, finished: ReadonlySet<string>): void {
    const id = info.id;
    const { runner, outcome } = startEnsemble(loaded, this.queue, this.dir(id), {
      // A distributed queue's workers are elsewhere: every member goes to Redis at once, as the CLI does.
      window: this.queue.remote ? loaded.members.length : Math.max(1, this.queue.stats().maxThreads),
      runIdPrefix: id,
      finished,
      onChange: (p) => {
        const { elapsedS: _e, ...rest } = p;
        info.progress = { ...rest, etaS: p.etaS === null ? null : Math.round(p.etaS) };
      },
    });
    this.live.set(id, { info, runner });
    outcome.then(
      (o) => {
        if (info.status === 'running') info.status = 'finished';
        info.outputs = o.files;
        this.end(info);
      },
      (err: Error) => {
        this.log.error({ ensemble: id, err: err.message }, 'ensemble failed');
        info.status = 'failed';
        info.error = err.message;
        this.end(info);
      },
    );
  }

  get(id: string): EnsembleInfo {
    const l = this.live.get(id);
    if (l) return l.info;
    const file = join(this.dir(id), 'status.json');
    if (!existsSync(file)) throw notFound('ensemble', id);
    return JSON.parse(readFileSync(file, 'utf8')) as EnsembleInfo;
  }

  /** Every ensemble this server holds, newest first. */
  list(): EnsembleInfo[] {
    const root = join(this.dataDir, 'ensembles');
    const ids = existsSync(root) ? readdirSync(root).filter((f) => existsSync(join(root, f, 'status.json'))) : [];
    return [...new Set([...ids, ...this.live.keys()])]
      .map((id) => this.get(id))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  cancel(id: string, by: string): EnsembleInfo {
    const info = this.get(id);
    const l = this.live.get(id);
    if (!l || info.status !== 'running')
      throw new ApiError('API_ERR_RUN_STATE', `ensemble ${id} is ${info.status}`, 'cancel an ensemble that is running');
    info.status = 'cancelled';
    l.runner.cancel(`cancelled by ${by}`);
    return info;
  }

  /** ensemble.json of a finished (or cancelled) ensemble. */
  result(id: string): EnsembleResult {
    const info = this.get(id);
    const file = join(this.dir(id), ENSEMBLE_RESULT_FILE);
    if (!info.outputs.length || !existsSync(file))
      throw new ApiError('API_ERR_RUN_STATE', `ensemble ${id} is ${info.status}`, 'ask again once it has finished');
    return JSON.parse(readFileSync(file, 'utf8')) as EnsembleResult;
  }

  /** The bytes of one of its maps (a GeoTIFF named in its outputs). */
  map(id: string, file: string): Buffer {
    const info = this.get(id);
    if (!info.outputs.includes(file) || !file.endsWith('.tif')) throw notFound('ensemble map', `${id}/${file}`);
    return readFileSync(join(this.dir(id), file));
  }

  /**
   * One of its maps as little-endian float32 values, row 0 north, on the grid of ensemble.json (`grid`): what a
   * browser draws without a GeoTIFF decoder. NaN marks cells without data.
   */
  async mapValues(id: string, name: string): Promise<Buffer> {
    const file = `${name}.tif`;
    const tif = await parseGeoTiff(new Uint8Array(this.map(id, file)), file);
    const values = Float32Array.from(tif.raster.values);
    return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  }

  /** Its HTML report in a language, once it has finished. */
  report(id: string, lang: 'zh' | 'en'): string {
    const info = this.get(id);
    const file = ensembleReportFile(lang);
    if (!info.outputs.includes(file))
      throw new ApiError(
        'API_ERR_RUN_STATE',
        `ensemble ${id} is ${info.status} and has no report`,
        info.status === 'running' ? 'ask again once it has finished' : 'run the ensemble again for a report',
      );
    return readFileSync(join(this.dir(id), file), 'utf8');
  }

  /** Resolves when the ensemble is no longer running (tests and shutdown). */
  async whenDone(id: string): Promise<EnsembleInfo> {
    const l = this.live.get(id);
    if (l) await l.runner.done;
    while (this.get(id).finishedAt === null) await new Promise((r) => setTimeout(r, 50));
    return this.get(id);
  }

  private end(info: EnsembleInfo): void {
    info.finishedAt = new Date().toISOString();
    this.save(info);
    this.live.delete(info.id);
  }

  private save(info: EnsembleInfo): void {
    writeFileSync(join(this.dir(info.id), 'status.json'), JSON.stringify(info, null, 1) + '\n');
  }
}
