// The district manifest (district.json): which files make a district, in what role, format and CRS, and its parameters.
// Validated here, before any file is read, so a typo fails fast with the field named.
import { TwinError } from '../errors.ts';
import { parsePlace, type DistrictAlarms, type DistrictRiver } from './manifest-place.ts';

/** What a source file contributes to the district. */
export type SourceRole =
  | 'buildings'
  | 'roads'
  | 'water'
  | 'landcover'
  | 'floodWalls'
  | 'terrain'
  | 'terrainRules'
  | 'sensors'
  | 'hotspots'
  | 'pumpStations'
  | 'catchments'
  | 'depots'
  | 'fleet';

export const SOURCE_ROLES: readonly SourceRole[] = [
  'buildings',
  'roads',
  'water',
  'landcover',
  'floodWalls',
  'terrain',
  'terrainRules',
  'sensors',
  'hotspots',
  'pumpStations',
  'catchments',
  'depots',
  'fleet',
];

export type SourceFormat = 'geojson' | 'osm-xml' | 'osm-pbf' | 'cityjson' | 'csv' | 'geotiff' | 'asc' | 'hgt' | 'json';

/** Roles each format can serve. */
const FORMAT_ROLES: Record<SourceFormat, readonly SourceRole[]> = {
  geojson: [
    'buildings',
    'roads',
    'water',
    'landcover',
    'floodWalls',
    'sensors',
    'hotspots',
    'pumpStations',
    'catchments',
    'depots',
  ],
  'osm-xml': ['buildings', 'roads', 'water', 'landcover', 'floodWalls'],
  'osm-pbf': ['buildings', 'roads', 'water', 'landcover', 'floodWalls'],
  cityjson: ['buildings'],
  csv: ['sensors', 'hotspots', 'pumpStations', 'depots', 'fleet'],
  geotiff: ['terrain'],
  asc: ['terrain'],
  hgt: ['terrain'],
  json: ['terrainRules'],
};

/** Roles a `*.json` may serve before its content says whether it is CityJSON, GeoJSON or a rules file. */
const ANY_JSON_ROLES: readonly SourceRole[] = [
  ...new Set([...FORMAT_ROLES.geojson, ...FORMAT_ROLES.cityjson, ...FORMAT_ROLES.json]),
];

/** The roles a source of `format` can serve; a `json` named only by its extension may still turn out GeoJSON. */
export function rolesOfFormat(format: SourceFormat, declared = true): readonly SourceRole[] {
  return format === 'json' && !declared ? ANY_JSON_ROLES : FORMAT_ROLES[format];
}

/** Every format name district.json accepts in a source's `format`. */
export const SOURCE_FORMATS = Object.keys(FORMAT_ROLES) as SourceFormat[];

/** Checks parsed clip input: a WGS84 box, or a path to a GeoJSON polygon file inside the folder. */
function parseClip(raw: unknown, fail: (what: string, field?: string, hint?: string) => never): ManifestClip {
  const hint = 'give "clip": [minLon, minLat, maxLon, maxLat] or "clip": "area.geojson" (a polygon file in the folder)';
  if (typeof raw === 'string') {
    if (!raw || raw.includes('..') || raw.startsWith('/'))
      fail('"clip" file must be a path inside the district folder', 'clip', hint);
    return { file: raw };
  }
  const b = Array.isArray(raw) ? raw : isRecord(raw) ? raw.bbox : undefined;
  const ok =
    Array.isArray(b) &&
    b.length === 4 &&
    b.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    b[0] < b[2] &&
    b[1] < b[3] &&
    Math.abs(b[0]) <= 180 &&
    Math.abs(b[2]) <= 180 &&
    Math.abs(b[1]) <= 90 &&
    Math.abs(b[3]) <= 90;
  if (!ok) fail(`clip ${JSON.stringify(raw)} is not a longitude/latitude box`, 'clip', hint);
  return { bbox: b as [number, number, number, number] };
}

export interface ManifestSource {
  /** One or more roles; an OSM file often serves buildings, roads and water at once. */
  roles: SourceRole[];
  /** Path relative to the district folder. */
  file: string;
  /** The declared format, else the one the name implies ('json' is settled by the content when loading). */
  format: SourceFormat;
  /** True when district.json named the format: then it wins over anything the content suggests. */
  formatDeclared: boolean;
  /** CRS of the file's coordinates; defaults to the manifest's `crs` (or the file's own, for CityJSON/GeoTIFF). */
  crs?: string;
}

export interface DistrictManifest {
  schema: 'rivertwin.district/1';
  id: string;
  name: string;
  nameEn?: string;
  /** Local frame origin (WGS84); defaults to the centre of the loaded data. */
  origin?: { lon: number; lat: number };
  /** Default CRS of the sources, EPSG:4326 if absent. */
  crs: string;
  /** True when district.json sets `crs`; only then does it apply to a raster whose own CRS cannot be known. */
  crsDeclared: boolean;
  sources: ManifestSource[];
  grid: { cellM: number };
  /** Sewer capacity where no catchment says otherwise (mm/h); absent when district.json does not say (a run refuses). */
  drainage: { defaultCapacityMmPerH?: number };
  /** The river's named stages, datum and warning level; absent when district.json states none. */
  river?: DistrictRiver;
  /** Alarm and road-closure depths; absent when district.json states none (a run refuses). */
  alarms?: DistrictAlarms;
  /** Flat ground declared for a district with neither a DEM nor terrain rules. */
  terrain?: { flat: { elevationM: number } };
  /** Skip bad features with a warning instead of failing. */
  lenient: boolean;
  /** Areas inside the extent where the source has no road data (e.g. a missing tile): WGS84 boxes with a reason. */
  dataGaps: { bbox: [number, number, number, number]; reason: string }[];
  /** Keep only this part of the sources: a WGS84 box, or a GeoJSON polygon file in the folder. */
  clip?: ManifestClip;
  attribution?: string;
  licence?: string;
}

/** A district clip: a WGS84 box [minLon, minLat, maxLon, maxLat] or a GeoJSON polygon file. */
export type ManifestClip = { bbox: [number, number, number, number] } | { file: string };

/** Guesses a format from a file name; a trailing .gz or .bz2 (decompressed when loading) is looked through. */
export function formatFromFileName(file: string): SourceFormat | undefined {
  const f = file.toLowerCase().replace(/\.(gz|bz2)$/, '');
  if (f.endsWith('.geojson')) return 'geojson';
  if (f.endsWith('.city.json') || f.endsWith('.cityjson')) return 'cityjson';
  if (f.endsWith('.osm.pbf') || f.endsWith('.pbf')) return 'osm-pbf';
  if (f.endsWith('.osm') || f.endsWith('.osm.xml')) return 'osm-xml';
  if (f.endsWith('.csv')) return 'csv';
  if (f.endsWith('.tif') || f.endsWith('.tiff')) return 'geotiff';
  if (f.endsWith('.asc')) return 'asc';
  if (f.endsWith('.hgt') || f.endsWith('.hgt.zip')) return 'hgt';
  if (f.endsWith('.json')) return 'json';
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a parsed district.json and fills defaults.
 * @param raw the parsed JSON
 * @param file the manifest's path, for messages
 */
export function parseManifest(raw: unknown, file = 'district.json'): DistrictManifest {
  const fail = (what: string, field?: string, hint?: string): never => {
    throw new TwinError(what, { file, field }, hint);
  };
  if (!isRecord(raw)) fail('the manifest is not a JSON object', undefined, 'see "District manifest" in README.md');
  const m = raw as Record<string, unknown>;
  if (m.schema !== 'rivertwin.district/1') {
    fail(`unknown schema ${JSON.stringify(m.schema)}`, 'schema', 'set "schema": "rivertwin.district/1"');
  }
  if (typeof m.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(m.id)) {
    fail('missing or invalid id', 'id', 'a lower-case id such as "shanghai-bund"');
  }
  if (typeof m.name !== 'string' || !m.name) fail('missing name', 'name');
  let origin: DistrictManifest['origin'];
  if (m.origin !== undefined) {
    const o = m.origin as Record<string, unknown>;
    if (
      !isRecord(o) ||
      typeof o.lon !== 'number' ||
      typeof o.lat !== 'number' ||
      Math.abs(o.lon) > 180 ||
      Math.abs(o.lat) > 85
    ) {
      fail('origin must be {"lon": <degrees>, "lat": <degrees>}', 'origin');
    }
    origin = { lon: o.lon as number, lat: o.lat as number };
  }
  const crs = m.crs === undefined ? 'EPSG:4326' : m.crs;
  if (typeof crs !== 'string') fail('crs must be a string such as "EPSG:4326"', 'crs');
  if (!Array.isArray(m.sources) || m.sources.length === 0) {
    fail('no sources', 'sources', 'list the files: [{"role": "buildings", "file": "buildings.geojson"}, …]');
  }
  const sources = (m.sources as unknown[]).map((s, i): ManifestSource => {
    const field = `sources[${i}]`;
    if (!isRecord(s)) return fail('not an object', field);
    const src = s as Record<string, unknown>;
    if (typeof src.file !== 'string' || !src.file || src.file.includes('..') || src.file.startsWith('/')) {
      return fail('"file" must be a path inside the district folder', `${field}.file`);
    }
    const rolesRaw = src.roles ?? (src.role === undefined ? undefined : [src.role]);
    if (!Array.isArray(rolesRaw) || rolesRaw.length === 0) {
      return fail(`no role for ${src.file}`, `${field}.role`, `one of ${SOURCE_ROLES.join(', ')}`);
    }
    for (const r of rolesRaw) {
      if (!SOURCE_ROLES.includes(r as SourceRole)) {
        fail(`unknown role ${JSON.stringify(r)} for ${src.file}`, `${field}.role`, `one of ${SOURCE_ROLES.join(', ')}`);
      }
    }
    const formatDeclared = src.format !== undefined;
    if (formatDeclared && !(SOURCE_FORMATS as unknown[]).includes(src.format)) {
      return fail(
        `unknown format ${JSON.stringify(src.format)} for ${src.file}`,
        `${field}.format`,
        `"format" is one of ${SOURCE_FORMATS.join(', ')}`,
      );
    }
    const format = (src.format as SourceFormat | undefined) ?? formatFromFileName(src.file);
    if (!format) {
      return fail(
        `cannot tell the format of ${src.file} from its name`,
        `${field}.format`,
        `set "format" on this source to one of ${SOURCE_FORMATS.join(', ')}`,
      );
    }
    const allowed = rolesOfFormat(format, formatDeclared);
    for (const r of rolesRaw as SourceRole[]) {
      if (!allowed.includes(r)) {
        fail(`a ${format} file cannot provide ${r}`, `${field}.role`, `${format} serves ${allowed.join(', ')}`);
      }
    }
    if (src.crs !== undefined && typeof src.crs !== 'string') return fail('crs must be a string', `${field}.crs`);
    const out: ManifestSource = { roles: rolesRaw as SourceRole[], file: src.file, format, formatDeclared };
    if (src.crs !== undefined) out.crs = src.crs as string;
    return out;
  });
  const roleCount = (r: SourceRole) => sources.filter((s) => s.roles.includes(r)).length;
  for (const r of ['terrain', 'terrainRules', 'fleet'] as const) {
    if (roleCount(r) > 1) fail(`more than one source provides ${r}`, 'sources', 'keep one');
  }
  if (!roleCount('buildings') && !roleCount('roads')) {
    fail('a district needs at least buildings or roads', 'sources');
  }
  const grid = isRecord(m.grid) ? m.grid : {};
  const cellM = grid.cellM === undefined ? 5 : grid.cellM;
  if (typeof cellM !== 'number' || !(cellM >= 0.5 && cellM <= 500)) {
    fail(
      `grid.cellM ${JSON.stringify(cellM)} is not a cell size this tool supports`,
      'grid.cellM',
      'use 0.5–500 m (5 m is the default)',
    );
  }
  const place = parsePlace(m, fail);
  const dataGaps = m.dataGaps === undefined ? [] : m.dataGaps;
  if (!Array.isArray(dataGaps)) fail('dataGaps must be a list', 'dataGaps');
  (dataGaps as unknown[]).forEach((g, i) => {
    const b = isRecord(g) ? g.bbox : undefined;
    const ok =
      Array.isArray(b) &&
      b.length === 4 &&
      b.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      b[0] < b[2] &&
      b[1] < b[3];
    if (!ok || typeof (g as Record<string, unknown>).reason !== 'string') {
      fail('a data gap is {"bbox": [minLon, minLat, maxLon, maxLat], "reason": "…"}', `dataGaps[${i}]`);
    }
  });
  const manifest: DistrictManifest = {
    schema: 'rivertwin.district/1',
    id: m.id as string,
    name: m.name as string,
    crs: crs as string,
    crsDeclared: m.crs !== undefined,
    sources,
    grid: { cellM: cellM as number },
    drainage: place.defaultCapacityMmPerH === undefined ? {} : { defaultCapacityMmPerH: place.defaultCapacityMmPerH },
    lenient: m.lenient === true,
    dataGaps: dataGaps as DistrictManifest['dataGaps'],
  };
  if (typeof m.nameEn === 'string') manifest.nameEn = m.nameEn;
  if (origin) manifest.origin = origin;
  if (place.river) manifest.river = place.river;
  if (place.alarms) manifest.alarms = place.alarms;
  if (place.terrain) manifest.terrain = place.terrain;
  if (m.clip !== undefined) manifest.clip = parseClip(m.clip, fail);
  if (typeof m.attribution === 'string') manifest.attribution = m.attribution;
  if (typeof m.licence === 'string') manifest.licence = m.licence;
  return manifest;
}
