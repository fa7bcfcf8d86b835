// ESRI ASCII grid (.asc) reader and writer: the plain raster format hydrologists exchange DEMs and depth maps in.
import { TwinError } from '../errors.ts';
import type { Raster } from '../types.ts';

const HEADER_KEYS = [
  'ncols',
  'nrows',
  'xllcorner',
  'xllcenter',
  'yllcorner',
  'yllcenter',
  'cellsize',
  'dx',
  'dy',
  'nodata_value',
];

/**
 * Parses an ESRI ASCII grid. The raster keeps the file's own coordinates (the format carries no CRS).
 * @param text file contents
 * @param file name used in error messages
 */
export function parseEsriAscii(text: string, file = '<asc>'): Raster {
  const header: Record<string, number> = {};
  let pos = 0;
  let line = 0;
  // 1. Header: "key value" lines until the first line that starts with a number.
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const raw = text.slice(pos, end < 0 ? text.length : end).trim();
    const key = raw.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (raw === '') {
      pos = end < 0 ? text.length : end + 1;
      line++;
      continue;
    }
    if (!HEADER_KEYS.includes(key)) break;
    line++;
    const value = Number(raw.split(/\s+/)[1]);
    if (!Number.isFinite(value))
      throw new TwinError(`header "${key}" has no numeric value`, { file, line, field: key });
    header[key] = value;
    pos = end < 0 ? text.length : end + 1;
  }
  const nx = header.ncols;
  const ny = header.nrows;
  // GDAL writes dx/dy instead of cellsize for non-square cells; the twin's rasters have square cells.
  if (header.dx !== undefined || header.dy !== undefined) {
    if (header.cellsize === undefined && header.dx !== undefined && header.dx === header.dy)
      header.cellsize = header.dx;
    else
      throw new TwinError(
        `cells are not square (dx ${header.dx}, dy ${header.dy})`,
        { file, field: 'dx' },
        'resample to square cells first: gdalwarp -tr <size> <size> -of AAIGrid in out.asc',
      );
  }
  const cellM = header.cellsize;
  for (const [k, v] of [
    ['ncols', nx],
    ['nrows', ny],
    ['cellsize', cellM],
  ] as const) {
    if (v === undefined)
      throw new TwinError(
        `missing header "${k}"`,
        { file, field: k },
        'an ESRI ASCII grid starts with ncols, nrows, xllcorner, yllcorner, cellsize',
      );
  }
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx <= 0 || ny <= 0 || nx * ny > 400_000_000) {
    throw new TwinError(`grid size ${nx} × ${ny} is not a positive size this tool can hold`, {
      file,
      field: 'ncols/nrows',
    });
  }
  if (!(cellM > 0))
    throw new TwinError(
      `cellsize ${cellM} must be positive`,
      { file, field: 'cellsize' },
      'cellsize is the side of a square cell in the grid units',
    );
  const x0 = header.xllcorner ?? (header.xllcenter !== undefined ? header.xllcenter - cellM / 2 : undefined);
  const y0 = header.yllcorner ?? (header.yllcenter !== undefined ? header.yllcenter - cellM / 2 : undefined);
  if (x0 === undefined || y0 === undefined)
    throw new TwinError(
      'missing xllcorner/yllcorner',
      { file, field: x0 === undefined ? 'xllcorner' : 'yllcorner' },
      'give the south-west corner as xllcorner/yllcorner (or the first cell centre as xllcenter/yllcenter)',
    );
  // 2. Body: nx*ny numbers, row 0 north.
  const values = new Float32Array(nx * ny);
  const body = text.slice(pos);
  const re = /[^\s]+/g;
  // Line numbers are counted only when reporting, so the hot loop stays a plain scan.
  const lineOf = (index: number): number => line + 1 + (body.slice(0, index).match(/\n/g)?.length ?? 0);
  let n = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (n >= values.length)
      throw new TwinError(
        `more than ${nx} × ${ny} = ${values.length} values`,
        { file, line: lineOf(m.index), field: 'ncols/nrows' },
        'check ncols and nrows',
      );
    const v = Number(m[0]);
    if (!Number.isFinite(v))
      throw new TwinError(
        `value "${m[0]}" at cell ${n} (row ${Math.floor(n / nx)}, col ${n % nx}) is not a number`,
        { file, line: lineOf(m.index) },
        'write missing cells as the NODATA_value (e.g. -9999), not NaN or text',
      );
    values[n++] = v;
  }
  if (n !== values.length)
    throw new TwinError(
      `found ${n} values, expected ${nx} × ${ny} = ${values.length}`,
      { file, field: 'ncols/nrows' },
      'check ncols and nrows',
    );
  const raster: Raster = { nx, ny, cellM, x0, y0, values };
  if (header.nodata_value !== undefined) raster.nodata = header.nodata_value;
  return raster;
}

/**
 * Writes an ESRI ASCII grid. Values print with `decimals` digits so the same raster always gives the same bytes.
 */
export function formatEsriAscii(raster: Raster, decimals = 4): string {
  const nodata = raster.nodata ?? -9999;
  const lines = [
    `ncols ${raster.nx}`,
    `nrows ${raster.ny}`,
    `xllcorner ${raster.x0}`,
    `yllcorner ${raster.y0}`,
    `cellsize ${raster.cellM}`,
    `NODATA_value ${nodata}`,
  ];
  const row: string[] = new Array(raster.nx);
  for (let r = 0; r < raster.ny; r++) {
    for (let c = 0; c < raster.nx; c++) {
      const v = raster.values[r * raster.nx + c];
      row[c] = v === nodata || Number.isNaN(v) ? String(nodata) : v.toFixed(decimals);
    }
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}
