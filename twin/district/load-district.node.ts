// Node loader for a district folder: reads district.json and every file it names, then assembles in memory.
// Nothing is written: a failed load leaves no trace.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TwinError } from '../errors.ts';
import { readRasterFile, type RasterFile } from '../io/raster-file.node.ts';
import { assembleDistrict, type LoadedDem } from './assemble.ts';
import type { District } from './district.ts';
import { parseManifest, type DistrictManifest, type SourceRole } from './manifest.ts';
import { parseStageSeriesCsv } from './stage-series.ts';

/** Options for loading a district from disk. */
export interface LoadDistrictOptions {
  /** Override the manifest's strict/lenient setting. */
  lenient?: boolean;
  /** Leave out sources that only serve these roles (used to regenerate modelled layers from the map alone). */
  skipRoles?: readonly SourceRole[];
  /** Keep only this lon/lat box [minLon, minLat, maxLon, maxLat] of the sources; overrides the manifest's "clip". */
  clip?: [number, number, number, number];
}

/**
 * Loads a district folder (a `district.json` and the files it names).
 * @param dir the folder, or a path to its district.json
 */
export async function loadDistrict(dir: string, options: LoadDistrictOptions = {}): Promise<District> {
  const manifestPath = dir.endsWith('.json') ? resolve(dir) : join(resolve(dir), 'district.json');
  const root = manifestPath.slice(0, manifestPath.lastIndexOf('/'));
  if (!existsSync(manifestPath)) {
    throw new TwinError(
      'no district.json',
      { file: manifestPath },
      'a district is a folder with a district.json manifest (see README "District manifest")',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw new TwinError(`not valid JSON: ${(e as Error).message}`, { file: manifestPath });
  }
  const parsed = parseManifest(raw, manifestPath);
  const skip = options.skipRoles ?? [];
  const manifest: DistrictManifest = {
    ...parsed,
    sources: parsed.sources.filter((s) => !s.roles.every((r) => skip.includes(r))),
  };
  if (options.clip) manifest.clip = { bbox: options.clip };
  if (manifest.river) manifest.river = { ...manifest.river, presets: readStageFiles(manifest.river.presets, root) };
  const files = new Map<string, Uint8Array>();
  let dem: LoadedDem | undefined;
  for (const src of manifest.sources) {
    const path = join(root, src.file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw new TwinError(
        'file not found',
        { file: path },
        `district.json lists it as ${src.roles.join('/')}; fix the path or add the file`,
      );
    }
    if (src.roles.includes('terrain')) {
      const r = await readRasterFile(path);
      dem = { raster: r.raster, source: src.file, ...demCrs(src.crs, r, manifest) };
      continue;
    }
    files.set(src.file, new Uint8Array(readFileSync(path)));
  }
  if (manifest.clip && 'file' in manifest.clip) {
    const path = join(root, manifest.clip.file);
    if (!existsSync(path)) {
      throw new TwinError(
        'clip file not found',
        { file: path, field: 'clip' },
        'fix "clip" in district.json, or add the file',
      );
    }
    files.set(manifest.clip.file, new Uint8Array(readFileSync(path)));
  }
  return assembleDistrict(manifest, files, dem, options.lenient ?? manifest.lenient);
}

/**
 * The DEM's CRS: declared on its entry, else the file's own, else the manifest's `crs` if district.json sets one.
 * A raster whose CRS none of these give is refused: reading it as degrees put user-defined projections at sea.
 */
function demCrs(
  declared: string | undefined,
  r: RasterFile,
  manifest: DistrictManifest,
): Pick<LoadedDem, 'crs' | 'crsName' | 'crsDeclared'> {
  if (declared) return { crs: declared, crsDeclared: true };
  if (r.crs) return r.crsName ? { crs: r.crs, crsName: r.crsName } : { crs: r.crs };
  if (manifest.crsDeclared) return { crs: manifest.crs, crsDeclared: true };
  throw new TwinError(
    r.crsProblem ?? 'the raster does not say its coordinate system',
    { file: r.source, field: 'crs' },
    'declare it: "crs": "EPSG:<code>" (or a proj4 string) on its entry in district.json, or write it into the file with `gdal_edit.py -a_srs EPSG:<code>`',
  );
}

/** River presets with `{"file": …}` read into stage series; the others as they are. */
function readStageFiles(
  presets: Record<string, Record<string, unknown>>,
  root: string,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, p] of Object.entries(presets)) {
    if (typeof p.file !== 'string') {
      out[name] = p;
      continue;
    }
    const path = join(root, p.file);
    if (!existsSync(path))
      throw new TwinError(
        'stage series file not found',
        { file: path, field: `river.presets.${name}.file` },
        'fix the path in district.json, or add the file (columns time_s,stage_m)',
      );
    out[name] = { ...parseStageSeriesCsv(readFileSync(path, 'utf8'), p.file) };
  }
  return out;
}
