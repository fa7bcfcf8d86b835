// Buildings from CityJSON 1.0, 1.1 and 2.0: Building and BuildingPart objects, footprint from their ground surfaces,
// height from their geometry, ground elevation kept per building (a start for a DEM). CRS from the file's metadata.
import { TwinError, skipReasons, type LoadOptions } from '../errors.ts';
import { assertPlausible, createLocalFrame, localToWgs84, projectorFor, type LocalFrame } from '../projection/index.ts';
import type { Building, HeightSource, XY } from '../types.ts';
import { footprintOf, surfacesOf, type CityObject, type FootprintMethod, type Surface } from './cityjson-surfaces.ts';
import { defaultHeightForKind } from './building-height.ts';
import { guardFeature } from './geojson-common.ts';
import { parseJsonText } from './json-text.ts';
import type { ImportContext } from './import-context.ts';

/** What the CityJSON importer is given: the district frame, and optionally a CRS overriding the file's. */
export interface CityJsonContext {
  file: string;
  frame: LocalFrame;
  /** Overrides metadata.referenceSystem, e.g. 'EPSG:7415'. */
  crs?: string;
  opts: LoadOptions;
}

/** Buildings of a CityJSON file, with each one's ground elevation. */
export interface CityJsonBuildings {
  buildings: Building[];
  /** Building id → ground elevation (lowest z of the building or its parent), metres in the file's vertical datum. */
  groundZ: Map<string, number>;
  /** Building id → how its footprint was found. */
  footprintMethod: Map<string, FootprintMethod>;
  /** The CRS the vertices were read in. */
  crs: string;
  /** City objects in the file, and how many of each type other than Building/BuildingPart were left out. */
  objectCount: number;
  skippedTypes: Record<string, number>;
}

type Doc = {
  type?: unknown;
  version?: unknown;
  CityObjects?: Record<string, CityObject>;
  vertices?: unknown;
  transform?: { scale: number[]; translate: number[] };
  metadata?: { referenceSystem?: unknown; geographicalExtent?: number[] };
};

export { BASE_TOLERANCE_M, type FootprintMethod } from './cityjson-surfaces.ts';
/** The file's CRS from metadata.referenceSystem (1.x URN or 2.0 URL), or undefined when absent. */
export function cityJsonCrs(doc: unknown): string | undefined {
  const rs = (doc as Doc | null)?.metadata?.referenceSystem;
  return typeof rs === 'string' && rs.trim() !== '' ? rs : undefined;
}

/**
 * The WGS84 (lon, lat) centre of the extent of a CityJSON file's vertices, for choosing a district origin when the
 * caller has none.
 */
export function cityJsonCentreLonLat(input: string | unknown, file: string, crs?: string): XY {
  const doc = checkDoc(input, file);
  const sys = crs ?? cityJsonCrs(doc);
  if (!sys) throw noCrs(file);
  const vertices = readVertices(doc, file);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < vertices.length; i += 3) {
    minX = Math.min(minX, vertices[i]);
    maxX = Math.max(maxX, vertices[i]);
    minY = Math.min(minY, vertices[i + 1]);
    maxY = Math.max(maxY, vertices[i + 1]);
  }
  const frame = createLocalFrame(0, 0);
  const local = projectorFor(sys, frame, { file }).toLocal((minX + maxX) / 2, (minY + maxY) / 2);
  return localToWgs84(frame, local[0], local[1]);
}

function noCrs(file: string): TwinError {
  return new TwinError(
    'has no metadata.referenceSystem',
    { file, field: 'metadata.referenceSystem' },
    'give the CRS in district.json, e.g. "crs": "EPSG:7415"',
  );
}

function checkDoc(input: string | unknown, file: string): Doc {
  const doc = (typeof input === 'string' ? parseJsonText(input, file) : input) as Doc;
  if (!doc || doc.type !== 'CityJSON') {
    throw new TwinError('is not a CityJSON file', { file, field: 'type' }, 'expected "type": "CityJSON"');
  }
  if (typeof doc.version !== 'string' || !/^(1\.[01]|2\.0)(\.\d+)?$/.test(doc.version)) {
    throw new TwinError(
      `CityJSON version ${JSON.stringify(doc.version)} is not supported`,
      { file, field: 'version' },
      'versions 1.0, 1.1 and 2.0 are read; upgrade the file with cjio',
    );
  }
  if (!doc.CityObjects || typeof doc.CityObjects !== 'object') {
    throw new TwinError('has no CityObjects', { file, field: 'CityObjects' });
  }
  return doc;
}

/** Vertices as a flat [x, y, z, …] array in CRS units, with `transform` applied. */
function readVertices(doc: Doc, file: string): Float64Array {
  if (!Array.isArray(doc.vertices)) throw new TwinError('has no vertices array', { file, field: 'vertices' });
  const raw = doc.vertices as unknown[];
  const scale = doc.transform?.scale ?? [1, 1, 1];
  const translate = doc.transform?.translate ?? [0, 0, 0];
  const out = new Float64Array(raw.length * 3);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] as number[];
    for (let a = 0; a < 3; a++) {
      const n = Array.isArray(v) ? v[a] : undefined;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        throw new TwinError(`vertex ${i} is not three finite numbers`, { file, field: `vertices[${i}]` });
      }
      out[i * 3 + a] = n * scale[a] + translate[a];
    }
  }
  return out;
}

/**
 * Reads the Building and BuildingPart objects of a CityJSON file into the local frame.
 * Footprint: the GroundSurface semantic surfaces if present, else the horizontal surfaces within 1 m of the lowest
 * one, else the convex hull of the vertices at the lowest level; surfaces are merged into outline rings.
 * Height: top minus the building's ground (the lowest z of the building, or of all parts of its parent) from the
 * geometry; an attribute `measuredHeight`/`height` is used only when the geometry is flat, because files such as
 * the 3D BAG store the roof's absolute elevation there. Strict mode throws on the first bad object; lenient skips it.
 */
export function buildingsFromCityJson(input: string | unknown, cctx: CityJsonContext): CityJsonBuildings {
  const { file } = cctx;
  const doc = checkDoc(input, file);
  const crs = cctx.crs ?? cityJsonCrs(doc);
  if (!crs) throw noCrs(file);
  const projector = projectorFor(crs, cctx.frame, { file, field: 'metadata.referenceSystem' });
  const ctx: ImportContext = { file, projector, opts: cctx.opts };
  const vertices = readVertices(doc, file);
  const nVertices = vertices.length / 3;
  // 1. Project each vertex once, when first used; its position key joins duplicated vertices.
  const local = new Float64Array(nVertices * 2);
  const projected = new Uint8Array(nVertices);
  const xyOf = (v: number, feature: string): XY => {
    if (!Number.isInteger(v) || v < 0 || v >= nVertices) {
      throw new TwinError(
        `vertex index ${v} is out of range (${nVertices} vertices)`,
        { file, feature, field: 'geometry.boundaries' },
        'boundaries index the file\'s "vertices" array from 0; the file may be truncated or merged wrongly',
      );
    }
    if (!projected[v]) {
      const x = vertices[v * 3];
      const y = vertices[v * 3 + 1];
      assertPlausible(projector, x, y, { file, feature, field: `vertices[${v}]` });
      const p = projector.toLocal(x, y);
      local[v * 2] = p[0];
      local[v * 2 + 1] = p[1];
      projected[v] = 1;
    }
    return [local[v * 2], local[v * 2 + 1]];
  };
  const key = (v: number) => `${vertices[v * 3]},${vertices[v * 3 + 1]}`;

  // 2. Collect the surfaces and z range of every building object.
  const objects = doc.CityObjects!;
  const parsed = new Map<string, { obj: CityObject; surfaces: Surface[]; minZ: number; maxZ: number }>();
  const skippedTypes: Record<string, number> = {};
  for (const [id, obj] of Object.entries(objects)) {
    if (obj.type !== 'Building' && obj.type !== 'BuildingPart') {
      skippedTypes[obj.type] = (skippedTypes[obj.type] ?? 0) + 1;
      continue;
    }
    guardFeature(ctx, () => {
      const surfaces = surfacesOf(obj, id, file);
      if (surfaces.length === 0) {
        if (obj.children?.length) return; // a Building drawn only through its BuildingParts
        throw new TwinError('has no surface geometry', { file, feature: id, field: 'geometry' }, 'give LoD1+ geometry');
      }
      let minZ = Infinity;
      let maxZ = -Infinity;
      for (const s of surfaces) {
        for (const ring of s.rings) {
          for (const v of ring) {
            xyOf(v, id);
            minZ = Math.min(minZ, vertices[v * 3 + 2]);
            maxZ = Math.max(maxZ, vertices[v * 3 + 2]);
          }
        }
      }
      parsed.set(id, { obj, surfaces, minZ, maxZ });
    });
  }

  // 3. Ground per building (parts share their parent's), footprint and height.
  const buildings: Building[] = [];
  const groundZ = new Map<string, number>();
  const footprintMethod = new Map<string, FootprintMethod>();
  for (const [id, p] of parsed) {
    const building = guardFeature(ctx, () => {
      const parentId = p.obj.type === 'BuildingPart' ? p.obj.parents?.[0] : undefined;
      const siblings = parentId ? (objects[parentId]?.children ?? []) : [];
      const ground = Math.min(p.minZ, ...siblings.map((s) => parsed.get(s)?.minZ ?? Infinity));
      const { polygons, method } = footprintOf(p.surfaces, vertices, key, (v) => xyOf(v, id));
      if (polygons.length === 0) {
        throw new TwinError('has no usable footprint (its base is degenerate)', {
          file,
          feature: id,
          field: 'geometry',
        });
      }
      const attrs = p.obj.attributes ?? {};
      const kindAttr = attrs.function ?? attrs.usage;
      const kind = typeof kindAttr === 'string' ? kindAttr : p.obj.type === 'BuildingPart' ? 'building_part' : 'yes';
      let heightM = p.maxZ - ground;
      let heightSource: HeightSource = 'height';
      if (!(heightM > 0.01)) {
        const attr = [attrs.measuredHeight, attrs.height].find((h) => typeof h === 'number' && h > 0) as number;
        heightM = attr ?? defaultHeightForKind(kind);
        if (attr === undefined) heightSource = 'default';
      }
      const b: Building = {
        id,
        kind,
        heightM: mm(heightM),
        minHeightM: mm(p.minZ - ground),
        heightSource,
        footprint: polygons,
      };
      if (typeof attrs.name === 'string') b.name = attrs.name;
      groundZ.set(id, ground);
      footprintMethod.set(id, method);
      return b;
    });
    if (building) buildings.push(building);
  }
  if (buildings.length === 0) {
    throw new TwinError(
      `no buildings in ${file} (${Object.keys(objects).length} city objects, none a Building with geometry)${skipReasons(cctx.opts, file)}`,
      { file },
      'the file needs Building or BuildingPart objects with LoD1+ geometry',
    );
  }
  return { buildings, groundZ, footprintMethod, crs, objectCount: Object.keys(objects).length, skippedTypes };
}

/** Rounds to the millimetre, so heights read from vertex differences print without float noise. */
function mm(v: number): number {
  return Math.round(v * 1000) / 1000;
}
