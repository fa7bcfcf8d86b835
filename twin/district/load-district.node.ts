// Node loader for a district folder: reads district.json and every file it names, then assembles in memory.
// Nothing is written: a failed load leaves no trace.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TwinError } from '../errors.ts';
import { readRasterFile } from '../io/raster-file.node.ts';
import { assembleDistrict, type LoadedDem } from './assemble.ts';
import type { District } from './district.ts';
import { parseManifest, type SourceRole } from './manifest.ts';

/** Options for loading a district from disk. */
export interface LoadDistrictOptions {
  /** Override the manifest's strict/lenient setting. */
  lenient?: boolean;
  /** Leave out sources that only serve these roles (used to regenerate modelled layers from the map alone). */
  skipRoles?: readonly SourceRole[];
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
  const manifest = { ...parsed, sources: parsed.sources.filter((s) => !s.roles.every((r) => skip.includes(r))) };
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
      dem = { raster: r.raster, source: src.file };
      dem.crs = src.crs ?? r.crs ?? manifest.crs;
      continue;
    }
    files.set(src.file, new Uint8Array(readFileSync(path)));
  }
  return assembleDistrict(manifest, files, dem, options.lenient ?? manifest.lenient);
}
