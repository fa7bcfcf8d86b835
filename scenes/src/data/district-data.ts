// A district as the scene needs it: its info (names, attribution, what is modelled), ground (RTT1), layers and
// road-graph edges, fetched from the server's API or from the district pack beside an offline build — one loader,
// two sets of URLs.
import { gunzipSync } from 'fflate';
import { APP_LAYERS, type LayerCollection } from '../../../twin/district/district-geojson.ts';
import { decodeTerrainMessage, type TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import { createLocalFrame, type LocalFrame } from '../../../twin/projection/local-frame.ts';
import type { EdgeLineCollection } from '../../../twin/road-graph/edge-lines.ts';
import { getBytes, getJson } from './http.ts';

/** Layers the scene draws. */
export const SCENE_LAYERS = APP_LAYERS;
export type SceneLayer = (typeof SCENE_LAYERS)[number];

/** What GET /api/districts lists for a district (and the pack's info.json holds). */
export interface DistrictInfo {
  id: string;
  name: string;
  nameEn: string;
  origin: { lon: number; lat: number };
  /** Where the ground came from, e.g. "modelled by terrain-rules.json". */
  terrain: string;
  attribution: string;
  scenarios?: string[];
}

/** Everything the scene draws of a district. */
export interface DistrictData {
  info: DistrictInfo;
  frame: LocalFrame;
  terrain: TerrainMessage;
  layers: Record<SceneLayer, LayerCollection>;
  roadEdges: EdgeLineCollection;
}

/** Where a district's parts are fetched from. */
export interface DistrictUrls {
  list: string;
  terrain: (id: string) => string;
  layer: (id: string, layer: SceneLayer) => string;
  roadEdges: (id: string) => string;
}

/** The server's API. */
export const API_URLS: DistrictUrls = {
  list: '/api/districts',
  terrain: (id) => `/api/districts/${id}/terrain`,
  layer: (id, l) => `/api/districts/${id}/layers/${l}`,
  roadEdges: (id) => `/api/districts/${id}/road-edges`,
};

/** The district pack beside a static build (written by `npm run build`; see scenes/README.md). */
export function packUrls(base: string): DistrictUrls {
  return {
    list: `${base}districts/index.json`,
    terrain: (id) => `${base}districts/${id}/terrain.rtt.gz`,
    layer: (id, l) => `${base}districts/${id}/layers/${l}.geojson`,
    roadEdges: (id) => `${base}districts/${id}/road-edges.geojson`,
  };
}

/** Loads a district (the first one listed when `id` is not given). */
export async function loadDistrict(urls: DistrictUrls, id?: string): Promise<DistrictData> {
  const list = await getJson<DistrictInfo[]>(urls.list);
  const info = id ? list.find((d) => d.id === id) : list[0];
  if (!info) throw new Error(`no district ${id ?? ''} is served here`);
  const [terrainBytes, roadEdges, ...layerList] = await Promise.all([
    getBytes(urls.terrain(info.id)),
    getJson<EdgeLineCollection>(urls.roadEdges(info.id)),
    ...SCENE_LAYERS.map((l) => getJson<LayerCollection>(urls.layer(info.id, l))),
  ]);
  const layers = Object.fromEntries(SCENE_LAYERS.map((l, i) => [l, layerList[i]])) as Record<
    SceneLayer,
    LayerCollection
  >;
  return {
    info,
    frame: createLocalFrame(info.origin.lon, info.origin.lat),
    terrain: decodeTerrainMessage(maybeGunzip(terrainBytes)),
    layers,
    roadEdges,
  };
}

/** Bytes as they are, or gunzipped when they carry the gzip magic (a pack file served without content-encoding). */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}
