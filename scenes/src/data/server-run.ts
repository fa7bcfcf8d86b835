// A run read from the server: meta from the record manifest route, views and frames per control step, events
// paged, series; and a WebSocket that tells a live run's progress and notices when the server goes away.
import { decodeFrameMessage } from '../../../simulation/record/frame-message.ts';
import type { ViewSeries } from '../../../simulation/record/view-series.ts';
import type { RunEvent } from '../../../simulation/scenario/run-events.ts';
import type { RunView } from '../../../simulation/scenario/run-view.ts';
import { FetchError, getBytes, getJson } from './http.ts';
import { metaFrom, type RunMeta, type RunSource } from './run-source.ts';

interface ManifestAnswer {
  manifest: Parameters<typeof metaFrom>[2];
  lastS: number | null;
  steps: number;
  complete: boolean;
  stops: string;
}

interface RunInfo {
  id: string;
  status: string;
  district: string;
  scenario: string;
  durationS: number;
}

/** A run the server knows whose record is not written yet (queued): nothing to show but that. */
function notBegun(info: RunInfo): RunMeta {
  return {
    id: info.id,
    status: info.status,
    scenario: info.scenario,
    districtId: info.district,
    controlStepS: 60,
    endS: info.durationS,
    lastS: NaN,
    steps: 0,
    complete: false,
    stops: '',
    grid: { nx: 0, ny: 0, cellM: 0, x0: 0, y0: 0 },
    attribution: '',
    terrain: '',
    modelledAssets: true,
  };
}

export class ServerRun implements RunSource {
  readonly kind = 'server' as const;
  private step = 60;

  constructor(readonly id: string) {}

  /** Throws FetchError 'not-found' for an unknown run; a run whose record is not begun has 0 steps. */
  async meta(): Promise<RunMeta> {
    const info = await getJson<RunInfo>(`/api/runs/${this.id}`);
    // A queued run has no record yet: asking for its manifest would only log a failed request in the console.
    if (info.status === 'queued') return notBegun(info);
    let m: ManifestAnswer;
    try {
      m = await getJson<ManifestAnswer>(`/api/runs/${this.id}/manifest`);
    } catch (e) {
      if (e instanceof FetchError && e.kind === 'gone') throw e;
      return notBegun(info);
    }
    const meta = metaFrom(this.id, info.status, m.manifest, m);
    this.step = meta.controlStepS;
    return meta;
  }

  view(step: number): Promise<RunView> {
    return getJson<RunView>(`/api/runs/${this.id}/state?t=${step * this.step}`);
  }

  async frame(step: number): Promise<Uint16Array> {
    return decodeFrameMessage(await getBytes(`/api/runs/${this.id}/frames?t=${step * this.step}`)).depthMm;
  }

  async events(): Promise<RunEvent[]> {
    const out: RunEvent[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page: { events: RunEvent[]; next: number | null } = await getJson(
        `/api/runs/${this.id}/events?limit=5000&after=${after}`,
      );
      out.push(...page.events);
      after = page.next;
    }
    return out;
  }

  series(): Promise<ViewSeries> {
    return getJson<ViewSeries>(`/api/runs/${this.id}/series`);
  }
}

/** What the live stream reports. */
export type LiveMessage =
  { type: 'progress'; tS: number } | { type: 'status'; status: string } | { type: 'end' } | { type: 'closed' };

/**
 * Follows a run's WebSocket for progress and status (frames and events are read over HTTP as the clock needs them);
 * `closed` means the server went away or the run's stream ended. Returns a function that stops following.
 */
export function followLive(id: string, on: (m: LiveMessage) => void): () => void {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/api/runs/${id}/stream`);
  ws.binaryType = 'arraybuffer';
  let stopped = false;
  ws.onmessage = (e) => {
    if (typeof e.data !== 'string') return;
    const m = JSON.parse(e.data) as { type: string; tS?: number; status?: string; run?: { status: string } };
    if (m.type === 'progress' && typeof m.tS === 'number') on({ type: 'progress', tS: m.tS });
    else if (m.type === 'status' && m.status) on({ type: 'status', status: m.status });
    else if (m.type === 'hello' && m.run) on({ type: 'status', status: m.run.status });
    else if (m.type === 'end') on({ type: 'end' });
  };
  ws.onclose = () => {
    if (!stopped) on({ type: 'closed' });
  };
  return () => {
    stopped = true;
    ws.close();
  };
}
