// Where each source says it is, checked before anything is projected: every source against its own declared extent
// (CityJSON geographicalExtent, OSM <bounds> or PBF header bbox) and against the other sources. A mismatch is an
// error showing both extents in lon/lat and the likely cause, not a district assembled 12,000 km from its DEM.
import { distance } from '@turf/distance';
import { TwinError } from '../errors.ts';
import { cityJsonExtent, type XYBox } from '../io/cityjson-extent.ts';
import { cityJsonCrs } from '../io/vector.ts';
import { createLocalFrame, projectorFor } from '../projection/index.ts';
import type { LoadedDem } from './assemble.ts';
import type { DistrictManifest } from './manifest.ts';
import type { ParsedSource } from './parse-sources.ts';
import {
  boxesMeet,
  emptyBox,
  extendByBoxInCrs,
  extendByOsm,
  geoJsonBox,
  isBoxSet,
  shareInside,
  type LonLatBox,
} from './source-centre.ts';

/** One source's extent in lon/lat, with what is needed to guess why it might be elsewhere. */
interface SourceBox {
  file: string;
  /** Serves buildings or roads: the sources the district is placed by. */
  anchor: boolean;
  box: LonLatBox;
  crs: string;
  geographic: boolean;
  kind: 'osm' | 'geojson' | 'cityjson' | 'dem';
  /** CityJSON only: the vertices' lon/lat box without `transform.translate`. */
  untranslated?: LonLatBox;
  /** DEM only: the CRS as people know it. */
  crsName?: string;
}

/** Lon/lat slack when comparing sources: about a kilometre, so sources that merely abut are not flagged. */
const MARGIN_DEG = 0.01;

/**
 * Checks each source against its declared extent and against the sources that place the district.
 * @throws TwinError naming the file, the field and both extents in lon/lat, with the likely cause as the fix
 */
export function checkSourceExtents(manifest: DistrictManifest, sources: ParsedSource[], dem?: LoadedDem): void {
  const boxes: SourceBox[] = [];
  // 1. Each source against its own declaration.
  for (const { src, parsed } of sources) {
    const anchor = src.roles.includes('buildings') || src.roles.includes('roads');
    if (parsed.kind === 'osm') {
      const box = emptyBox();
      extendByOsm(box, parsed.osm);
      if (!isBoxSet(box)) continue;
      const declared = parsed.osm.bounds;
      if (declared && shareInside(box, declared, marginOf(declared)) < 0.5) {
        const what = src.format === 'osm-pbf' || !isXmlName(src.file) ? 'its header bbox' : 'its <bounds>';
        throw new TwinError(
          `its nodes cover ${fmt(box)} but ${what} declares ${fmt(declared)}${apart(box, declared)}`,
          { file: src.file, field: src.format === 'osm-pbf' ? 'HeaderBlock.bbox' : 'bounds' },
          'the file was cut from another extract or edited without updating its bounds: re-export it (e.g. `osmium extract -b <minlon,minlat,maxlon,maxlat>`)',
        );
      }
      boxes.push({ file: src.file, anchor, box, crs: 'EPSG:4326', geographic: true, kind: 'osm' });
    } else if (parsed.kind === 'json' && src.format === 'cityjson') {
      const crs = src.crs ?? cityJsonCrs(parsed.doc);
      const ext = cityJsonExtent(parsed.doc);
      if (!crs || !ext.vertices) continue;
      const box = toLonLat(ext.vertices, crs);
      const untranslated = ext.untranslated ? toLonLat(ext.untranslated, crs) : undefined;
      if (ext.declared && shareInside(ext.vertices, ext.declared, marginOf(ext.declared)) < 0.5) {
        const absolute =
          ext.translateSet &&
          ext.untranslated !== undefined &&
          shareInside(ext.untranslated, ext.declared, marginOf(ext.declared)) >= 0.5;
        throw new TwinError(
          `its vertices cover ${fmtIn(ext.vertices, box, crs)} but metadata.geographicalExtent declares ${fmtIn(ext.declared, toLonLat(ext.declared, crs), crs)}${apart(box, toLonLat(ext.declared, crs))}${absolute ? ': the vertices look absolute although transform.translate is set, so translate was added twice' : ''}`,
          { file: src.file, field: absolute ? 'transform.translate' : 'metadata.geographicalExtent' },
          absolute
            ? 'set "transform.translate" to [0, 0, 0] (the vertices already hold absolute coordinates), or re-export the file with cjio'
            : `the vertices or the declared extent are not in ${crs}: check metadata.referenceSystem, or set "crs" on this source`,
        );
      }
      const entry: SourceBox = { file: src.file, anchor, box, crs, geographic: false, kind: 'cityjson' };
      if (ext.translateSet && untranslated && isBoxSet(untranslated)) entry.untranslated = untranslated;
      if (isBoxSet(box)) boxes.push(entry);
    } else if (parsed.kind === 'json' && src.format === 'geojson') {
      const crs = src.crs ?? manifest.crs;
      const raw = geoJsonBox(parsed.doc);
      if (!isBoxSet(raw)) continue;
      const geographic = projectorFor(crs, createLocalFrame(0, 0), { file: src.file, field: 'crs' }).geographic;
      // Degrees out of range are kept raw: the message then shows what the file holds.
      const box = geographic ? raw : toLonLat(raw, crs);
      if (isBoxSet(box)) boxes.push({ file: src.file, anchor, box, crs, geographic, kind: 'geojson' });
    }
  }
  if (dem) {
    const r = dem.raster;
    const crs = dem.crs ?? 'EPSG:4326';
    const box = toLonLat([r.x0, r.y0, r.x0 + r.nx * r.cellM, r.y0 + r.ny * r.cellM], crs);
    const entry: SourceBox = { file: dem.source, anchor: false, box, crs, geographic: false, kind: 'dem' };
    if (dem.crsName) entry.crsName = dem.crsName;
    if (isBoxSet(box)) boxes.push(entry);
  }
  // 2. Each source against the buildings and roads of the other sources.
  for (const s of boxes) {
    const others = boxes.filter((o) => o !== s && o.anchor);
    if (others.length === 0) continue;
    const ref = emptyBox();
    for (const o of others) {
      ref[0] = Math.min(ref[0], o.box[0]);
      ref[1] = Math.min(ref[1], o.box[1]);
      ref[2] = Math.max(ref[2], o.box[2]);
      ref[3] = Math.max(ref[3], o.box[3]);
    }
    if (boxesMeet(s.box, ref, MARGIN_DEG)) continue;
    const { cause, hint, field } = likelyCause(s, ref);
    throw new TwinError(
      `it covers ${fmt(s.box)} but ${others.map((o) => o.file).join(', ')} cover${others.length === 1 ? 's' : ''} ${fmt(ref)}${apart(s.box, ref)}: ${cause}`,
      { file: s.file, field },
      hint,
    );
  }
}

function likelyCause(s: SourceBox, ref: LonLatBox): { cause: string; hint: string; field: string } {
  const [w, south, e, n] = s.box;
  if (
    s.kind === 'geojson' &&
    s.geographic &&
    (Math.abs(w) > 180 || Math.abs(e) > 180 || Math.abs(south) > 90 || Math.abs(n) > 90)
  ) {
    return {
      cause: `its coordinates are not longitudes/latitudes although its CRS is ${s.crs}; they look projected (metres)`,
      hint: 'declare its CRS: "crs": "EPSG:…" on this source in district.json',
      field: 'crs',
    };
  }
  if (s.geographic && boxesMeet([south, w, n, e], ref, MARGIN_DEG)) {
    return {
      cause: 'longitude and latitude look swapped',
      hint: 'positions are [longitude, latitude] in GeoJSON and OSM: swap them in the file',
      field: 'coordinates',
    };
  }
  if (s.untranslated && boxesMeet(s.untranslated, ref, MARGIN_DEG)) {
    return {
      cause: 'the vertices look absolute although transform.translate is set, so translate was added twice',
      hint: 'set "transform.translate" to [0, 0, 0] (the vertices already hold absolute coordinates), or re-export the file with cjio',
      field: 'transform.translate',
    };
  }
  if (s.kind === 'dem') {
    return {
      cause: `the DEM's coordinate system (${s.crsName ?? s.crs}) is likely wrong, or it is of another place`,
      hint: 'check the DEM with gdalinfo; if its GeoKeys are wrong, declare "crs" on its entry in district.json',
      field: 'crs',
    };
  }
  if (!s.geographic) {
    return {
      cause: `its coordinates may be in another CRS than ${s.crs}`,
      hint: 'set "crs" on this source in district.json to the CRS the file is really in',
      field: 'crs',
    };
  }
  return {
    cause: 'the files look like they are of different places',
    hint: 'check that every source covers the same town, and remove or replace the one that does not',
    field: 'sources',
  };
}

/** Margin for a declared extent: a tenth of its size, at least a little, so extracts with complete ways pass. */
function marginOf(b: LonLatBox | XYBox): number {
  const size = Math.max(b[2] - b[0], b[3] - b[1]);
  const degrees = Math.abs(b[0]) <= 180 && Math.abs(b[2]) <= 180 && Math.abs(b[1]) <= 90 && Math.abs(b[3]) <= 90;
  return Math.max(0.1 * size, degrees ? 0.005 : 50);
}

function isXmlName(file: string): boolean {
  return /\.(osm|xml)(\.(gz|bz2))?$/i.test(file);
}

/** A box in `crs` as a lon/lat box (its corners converted); empty when the CRS cannot place it on the Earth. */
function toLonLat(b: XYBox, crs: string): LonLatBox {
  const out = emptyBox();
  try {
    extendByBoxInCrs(out, b, crs);
  } catch {
    // Coordinates the projection cannot take: the importer names the vertex.
  }
  return out;
}

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

/** 'lon 4.35–4.37, lat 52.00–52.01' */
function fmt(b: LonLatBox): string {
  if (!isBoxSet(b)) return 'no place on the Earth';
  return `lon ${r5(b[0])}–${r5(b[2])}, lat ${r5(b[1])}–${r5(b[3])}`;
}

/** A box in its CRS with its lon/lat when it has one. */
function fmtIn(b: XYBox, ll: LonLatBox, crs: string): string {
  const xy = `x ${r5(b[0])}–${r5(b[2])}, y ${r5(b[1])}–${r5(b[3])} in ${crs}`;
  return isBoxSet(ll) ? `${fmt(ll)} (${xy})` : xy;
}

/** ', 12,345 km apart' between the boxes' centres (geodesic, by turf), or '' when either has no place. */
function apart(a: LonLatBox, b: LonLatBox): string {
  if (!isBoxSet(a) || !isBoxSet(b)) return '';
  const ok = (x: LonLatBox) =>
    Math.abs(x[0]) <= 180 && Math.abs(x[2]) <= 180 && Math.abs(x[1]) <= 90 && Math.abs(x[3]) <= 90;
  if (!ok(a) || !ok(b)) return '';
  const km = distance([(a[0] + a[2]) / 2, (a[1] + a[3]) / 2], [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], {
    units: 'kilometers',
  });
  return `, ${km < 10 ? km.toFixed(1) : Math.round(km).toLocaleString('en-US')} km apart`;
}
