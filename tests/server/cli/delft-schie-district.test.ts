// The bundled Delft district (BGT map layers + an AHN3 LiDAR DTM, both in RD New): loads by its manifest alone where
// PROJ puts it, a heavy hour of rain ponds water in its courtyards and streets while the Schie stays at its target
// level, and model-assets on a national-grid district marks the lon/lat files it writes as EPSG:4326.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const DIR = 'datasets/delft-schie';

/** Cells of an ESRI ASCII grid, nodata left out. */
function asciiCells(path: string): number[] {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const nodata = Number(lines.find((l) => /^nodata_value/i.test(l))?.split(/\s+/)[1] ?? -9999);
  return lines
    .filter((l) => !/^[a-z]/i.test(l))
    .flatMap((l) => l.trim().split(/\s+/).map(Number))
    .filter((v) => v !== nodata);
}

describe('datasets/delft-schie', () => {
  it('loads from its manifest alone: a surveyed DEM in RD New, BGT buildings, roads and canals, in Delft', () => {
    const r = runCli(['inspect', DIR, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.terrainProvenance).toBe('DEM dem.tif (EPSG:28992)');
    expect(d.buildings).toBe(160);
    expect(d.drivableRoads).toBeGreaterThan(0);
    expect(d.grid.byLayer.river).toBeGreaterThan(1000);
    expect(d.warnings).toEqual([]);
    // PROJ puts RD (84941, 447540), among the buildings, at 4.366714 E, 52.011795 N.
    const [minLon, minLat, maxLon, maxLat] = d.extentLonLat;
    expect(minLon).toBeLessThan(4.366714);
    expect(maxLon).toBeGreaterThan(4.366714);
    expect(minLat).toBeLessThan(52.011795);
    expect(maxLat).toBeGreaterThan(52.011795);
    expect(maxLon - minLon).toBeLessThan(0.005);
  });

  it('ponds an hour of 79 mm/h in courtyards and streets, a few decimetres deep, with the Schie held at -0.43 m NAP', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rivertwin-delft-')), 'rec');
    const r = runCli(['run', DIR, '--scenario', 'herwijnen-79mm', '--duration', '1h', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.river).toEqual({ kind: 'constant', stageM: -0.43 });
    expect(s.peakRiverStageM).toBeCloseTo(-0.43, 6);
    // The canal neither feeds the land nor leaks through it: no land below the stage touches the grid edge.
    expect(s.waterM3.fromRiverOrEdges).toBe(0);
    expect(s.waterM3.standing).toBeGreaterThan(100);
    expect(s.floodedAreaM2).toBeGreaterThan(0);
    const depths = asciiCells(join(out, 'max-depth.asc'));
    const deepest = Math.max(...depths);
    expect(deepest).toBeGreaterThan(0.15);
    expect(deepest).toBeLessThan(1);
    // The sewers take 30 mm/h: the same hour at 30 mm/h leaves no water standing 15 cm deep.
    const light = JSON.parse(runCli(['run', DIR, '--scenario', 't10-30mm-1h', '--duration', '1h', '--json']).stdout);
    expect(light.floodedAreaM2).toBeLessThan(s.floodedAreaM2);
  });

  it('model-assets --write marks its lon/lat files as EPSG:4326 in a district whose crs is a national grid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivertwin-delft-assets-'));
    cpSync(DIR, dir, { recursive: true });
    const manifestPath = join(dir, 'district.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const mapRoles = ['buildings', 'roads', 'water', 'landcover', 'terrain'];
    manifest.sources = manifest.sources.filter((s: { role: string }) => mapRoles.includes(s.role));
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const w = runCli(['model-assets', dir, '--write']);
    expect(w.status, w.stderr).toBe(0);
    const written = JSON.parse(readFileSync(manifestPath, 'utf8')).sources.filter(
      (s: { role: string }) => !mapRoles.includes(s.role),
    );
    expect(written.map((s: { file: string }) => s.file)).toContain('catchments.geojson');
    for (const s of written) expect(s.crs, s.file).toBe('EPSG:4326');
    expect(runCli(['inspect', dir, '--json']).status).toBe(0);
  });
});
