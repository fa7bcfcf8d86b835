// A record for GIS users: depth at chosen times and the maximum depth as GeoTIFFs in the district's local transverse
// Mercator; truck tracks, cases and road closures as GeoJSON in WGS84; events as CSV. Pure: bytes out, read through
// RecordReplay; road geometry comes from the caller (the twin's graph), positions through the record's own frame.
import { strFromU8 } from 'fflate';
import { encodeGeoTiff } from '../../twin/io/geotiff-write.ts';
import { parseEsriAscii } from '../../twin/io/esri-ascii.ts';
import { createLocalFrame, lonLatOf, type LocalFrame } from '../../twin/projection/index.ts';
import type { XY } from '../../twin/types.ts';
import { SimulationError } from '../errors.ts';
import { csvTable } from './csv-table.ts';
import { RECORD_FILES, type RecordSource } from './record-format.ts';
import { clock, type RecordReplay } from './replay.ts';
import { FRAME_NODATA } from './zarr-frames.ts';

/** Depth (m) written for cells a frame does not hold. */
export const EXPORT_NODATA = -9999;

/** The district's frame as the record states it. */
export function recordFrame(replay: RecordReplay): LocalFrame {
  const o = replay.manifest.district.origin;
  return createLocalFrame(o.lon, o.lat);
}

/** The depth (m) as of `tS` as a GeoTIFF (Float32, nodata −9999 where the frame holds none). */
export function depthGeoTiff(replay: RecordReplay, tS: number): Uint8Array {
  const frame = replay.frameAt(tS);
  const values = new Float32Array(frame.depthMm.length);
  for (let i = 0; i < values.length; i++)
    values[i] = frame.depthMm[i] === FRAME_NODATA ? EXPORT_NODATA : frame.depthMm[i] / 1000;
  return encodeGeoTiff({ ...replay.manifest.grid, values, nodata: EXPORT_NODATA }, recordFrame(replay), {
    compression: 'deflate',
  });
}

/** The maximum depth (m) over the run as a GeoTIFF; needs a complete record. */
export function maxDepthGeoTiff(replay: RecordReplay, source: RecordSource): Uint8Array {
  const asc = source.readFile(RECORD_FILES.maxDepthAsc);
  if (!replay.complete || !asc)
    throw new SimulationError(
      'has no maximum depth yet',
      { input: `record ${source.name}` },
      replay.stops || 'export a finished run',
    );
  const g = parseEsriAscii(strFromU8(asc), RECORD_FILES.maxDepthAsc);
  return encodeGeoTiff({ ...replay.manifest.grid, values: Float32Array.from(g.values) }, recordFrame(replay), {
    compression: 'deflate',
  });
}

type Feature = { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> };
const collection = (features: Feature[]) => JSON.stringify({ type: 'FeatureCollection', features }) + '\n';

/** One LineString per truck: its position at every control step (time and state per vertex in the properties). */
export function truckTracksGeoJson(replay: RecordReplay): string {
  const tracks = new Map<string, { coords: [number, number][]; timesS: number[]; states: string[] }>();
  for (let k = 0; k < replay.frameCount; k++) {
    const v = replay.stateAt(k * replay.manifest.controlStepS);
    for (const t of v.trucks) {
      const tr = tracks.get(t.id) ?? { coords: [], timesS: [], states: [] };
      tr.coords.push(t.lonLat);
      tr.timesS.push(v.tS);
      tr.states.push(t.state);
      tracks.set(t.id, tr);
    }
  }
  return collection(
    [...tracks].map(([id, tr]) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: tr.coords.length > 1 ? tr.coords : [tr.coords[0], tr.coords[0]] },
      properties: { truckId: id, timesS: tr.timesS, states: tr.states },
    })),
  );
}

/** One Point per case, at its site, with its times from the events. */
export function casesGeoJson(replay: RecordReplay): string {
  const cases = new Map<string, Feature>();
  for (const e of replay.events) {
    const caseId = (e as { caseId?: string }).caseId;
    if (!caseId) continue;
    if (e.type === 'case.opened') {
      cases.set(caseId, {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: e.lonLat },
        properties: {
          caseId,
          source: e.source,
          sourceId: e.sourceId,
          openedS: e.timeS,
          openedAt: clock(e.timeS),
          depthM: e.depthM,
        },
      });
      continue;
    }
    const p = cases.get(caseId)?.properties;
    if (!p) continue;
    const first = (key: string) => {
      if (p[key] === undefined) p[key] = e.timeS;
    };
    if (e.type === 'case.dispatched') {
      first('dispatchedS');
      p.truckId = e.truckId;
    }
    if (e.type === 'truck.arrived') first('arrivedS');
    if (e.type === 'case.cleared') p.clearedS = e.timeS;
    if (e.type === 'case.closed') p.closedS = e.timeS;
    if (e.type === 'case.escalated') first('escalatedS');
  }
  return collection([...cases.values()]);
}

/** One LineString per closure of a road edge to cars (from road.closed to road.reopened or the end). */
export function closuresGeoJson(
  replay: RecordReplay,
  edgeCoords: (edgeKey: string) => readonly XY[] | undefined,
): string {
  const frame = recordFrame(replay);
  const open = new Map<string, { fromS: number; reason: string; segmentId: string }>();
  const features: Feature[] = [];
  const close = (key: string, toS: number | null): void => {
    const c = open.get(key)!;
    open.delete(key);
    const coords = edgeCoords(key);
    if (!coords) return;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: coords.map((xy) => lonLatOf(frame, xy)) },
      properties: { edgeKey: key, segmentId: c.segmentId, reason: c.reason, closedS: c.fromS, reopenedS: toS },
    });
  };
  for (const e of replay.events) {
    if (e.type !== 'road.closed' && e.type !== 'road.reopened') continue;
    for (const key of e.edgeKeys) {
      if (e.type === 'road.closed' && !open.has(key))
        open.set(key, { fromS: e.timeS, reason: e.reason, segmentId: e.segmentId });
      else if (e.type === 'road.reopened' && open.has(key)) close(key, e.timeS);
    }
  }
  for (const key of [...open.keys()]) close(key, null);
  return collection(features);
}

/** The event log as CSV: seq, time, type, lon, lat, and the rest of each event as JSON. */
export function eventsCsv(replay: RecordReplay): string {
  return csvTable(
    replay.events.map((e) => {
      const { seq, timeS, type, lonLat, ...rest } = e as typeof e & { lonLat?: [number, number] };
      return {
        seq,
        time_s: timeS,
        time: clock(timeS),
        type,
        lon: lonLat?.[0] ?? null,
        lat: lonLat?.[1] ?? null,
        details: JSON.stringify(rest),
      };
    }),
  );
}
