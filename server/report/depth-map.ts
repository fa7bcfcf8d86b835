// A map of the district as one SVG drawn from the record's grid and the twin: water bodies, roads, depth classes,
// buildings, flood walls and labelled hotspots, with its legend, scale bar, north arrow, attribution and the
// "modelled" notice in a strip below (never over the map). Cells are drawn as run-length rectangles per class.
import type { PolygonXY, XY } from '../../twin/types.ts';
import { classOf, type ColourClass } from './depth-classes.ts';
import { esc } from './report-format.ts';

/** The grid a map is drawn on: cells of `cellM` metres from the south-west corner (x0, y0), row 0 north. */
export interface MapGrid {
  nx: number;
  ny: number;
  cellM: number;
  x0: number;
  y0: number;
}

/** The district's layers in local metres. */
export interface MapBase {
  water: PolygonXY[];
  roads: { coords: XY[]; major: boolean }[];
  buildings: PolygonXY[];
  /** 1 where a flood wall crosses the cell (on the map's grid), or null. */
  wallMask: Uint8Array | null;
  hotspots: { id: string; xy: XY; colour: string }[];
}

/** Where the map sits in its SVG (px): the district fills [left, left + widthPx] × [top, top + heightPx]. */
export interface MapLayout {
  svgWidthPx: number;
  svgHeightPx: number;
  left: number;
  top: number;
  widthPx: number;
  heightPx: number;
  /** Pixels per metre, and per cell. */
  pxPerM: number;
  cellPx: number;
}

/** The words a map shows. */
export interface MapText {
  legendTitle: string;
  /** One label per class. */
  classLabels: string[];
  /** What is not coloured, e.g. "dry (< 2 cm): not coloured". */
  uncoloured: string;
  north: string;
  attribution: string;
  modelled: string;
  ariaLabel: string;
}

const STRIP_PX = 104;

/** The layout of a map `svgWidthPx` wide for this grid. */
export function mapLayout(grid: MapGrid, svgWidthPx = 1100): MapLayout {
  const widthPx = svgWidthPx - 2;
  const cellPx = widthPx / grid.nx;
  const heightPx = cellPx * grid.ny;
  return {
    svgWidthPx,
    svgHeightPx: Math.ceil(heightPx + 2 + STRIP_PX),
    left: 1,
    top: 1,
    widthPx,
    heightPx,
    pxPerM: cellPx / grid.cellM,
    cellPx,
  };
}

/** The centre of cell (col, row) in the SVG's pixels. */
export function cellCentrePx(layout: MapLayout, col: number, row: number): [number, number] {
  return [layout.left + (col + 0.5) * layout.cellPx, layout.top + (row + 0.5) * layout.cellPx];
}

/** The SVG pixel of a point in local metres. */
export function pointPx(layout: MapLayout, grid: MapGrid, [x, y]: XY): [number, number] {
  return [
    layout.left + (x - grid.x0) * layout.pxPerM,
    layout.top + (grid.y0 + grid.ny * grid.cellM - y) * layout.pxPerM,
  ];
}

/** The map as an SVG element. `values` are per cell (row 0 north), coloured by `classes`. */
export function depthMapSvg(
  grid: MapGrid,
  values: ArrayLike<number>,
  classes: readonly ColourClass[],
  base: MapBase,
  text: MapText,
  svgWidthPx = 1100,
): string {
  const L = mapLayout(grid, svgWidthPx);
  const px = (p: XY): string => {
    const [a, b] = pointPx(L, grid, p);
    return `${a.toFixed(1)} ${b.toFixed(1)}`;
  };
  const line = (coords: readonly XY[]): string => {
    let d = '';
    let last = '';
    for (const c of coords) {
      const p = px(c);
      if (p === last) continue;
      d += (d ? 'L' : 'M') + p;
      last = p;
    }
    return d;
  };
  const polygons = (polys: readonly PolygonXY[]): string =>
    polys.map((poly) => poly.map((ring) => line(ring) + 'Z').join('')).join('');
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" width="${L.svgWidthPx}" height="${L.svgHeightPx}" viewBox="0 0 ${L.svgWidthPx} ${L.svgHeightPx}" role="img" aria-label="${esc(text.ariaLabel)}" data-left="${L.left}" data-top="${L.top}" data-cell-px="${L.cellPx}">`,
    `<rect x="${L.left}" y="${L.top}" width="${L.widthPx.toFixed(1)}" height="${L.heightPx.toFixed(1)}" fill="#ece8df"/>`,
    `<path d="${polygons(base.water)}" fill="#aebfcc" fill-rule="evenodd"/>`,
    `<path d="${base.roads
      .filter((r) => !r.major)
      .map((r) => line(r.coords))
      .join('')}" fill="none" stroke="#ffffff" stroke-width="0.9" stroke-linejoin="round"/>`,
    `<path d="${base.roads
      .filter((r) => r.major)
      .map((r) => line(r.coords))
      .join('')}" fill="none" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/>`,
  );
  // Cells in cell units under one transform: exact, and a fraction of the bytes of per-cell coordinates.
  const cellGroup = `<g transform="translate(${L.left} ${L.top}) scale(${L.cellPx.toFixed(6)})" shape-rendering="crispEdges">`;
  out.push(cellGroup);
  classes.forEach((c, k) => {
    const d = runs(grid, (i) => classOf(classes, values[i]) === k);
    if (d) out.push(`<path d="${d}" fill="${c.colour}" data-class="${k}"/>`);
  });
  out.push('</g>');
  out.push(
    `<path d="${polygons(base.buildings)}" fill="#b3aca0" stroke="#8f887c" stroke-width="0.4" fill-rule="evenodd"/>`,
  );
  const walls = base.wallMask;
  if (walls) out.push(cellGroup, `<path d="${runs(grid, (i) => walls[i] === 1)}" fill="#4b3a2a"/>`, '</g>');
  out.push('<g class="hotspots" font-size="10" font-family="inherit">');
  for (const h of base.hotspots) {
    const [hx, hy] = pointPx(L, grid, h.xy);
    out.push(
      `<circle cx="${hx.toFixed(1)}" cy="${hy.toFixed(1)}" r="4" fill="${h.colour}" stroke="#1a1a1a" stroke-width="1.2"/>`,
      `<text x="${(hx + 6).toFixed(1)}" y="${(hy + 3.5).toFixed(1)}" fill="#1a1a1a" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${esc(h.id)}</text>`,
    );
  }
  out.push('</g>');
  out.push(
    `<rect x="${L.left}" y="${L.top}" width="${L.widthPx.toFixed(1)}" height="${L.heightPx.toFixed(1)}" fill="none" stroke="#555" stroke-width="1"/>`,
  );
  out.push(strip(L, grid, classes, text));
  out.push('</svg>');
  return out.join('\n');
}

/** Run-length rectangles in cell units of the cells where `inClass(i)` holds. */
function runs(grid: MapGrid, inClass: (i: number) => boolean): string {
  const parts: string[] = [];
  for (let r = 0; r < grid.ny; r++) {
    let c = 0;
    while (c < grid.nx) {
      if (!inClass(r * grid.nx + c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < grid.nx && inClass(r * grid.nx + c)) c++;
      parts.push(`M${start} ${r}h${c - start}v1h-${c - start}z`);
    }
  }
  return parts.join('');
}

/** Legend, scale bar, north arrow, attribution and notice, below the map. */
function strip(L: MapLayout, grid: MapGrid, classes: readonly ColourClass[], text: MapText): string {
  const y0 = L.top + L.heightPx + 14;
  const out: string[] = [`<g class="legend" font-size="12" fill="#222">`];
  out.push(`<text x="${L.left + 2}" y="${y0 + 4}" font-weight="bold">${esc(text.legendTitle)}</text>`);
  let x = L.left + 2;
  classes.forEach((c, k) => {
    out.push(
      `<rect x="${x}" y="${y0 + 12}" width="18" height="12" fill="${c.colour}" stroke="#555" stroke-width="0.5"/>`,
      `<text x="${x + 23}" y="${y0 + 22}">${esc(text.classLabels[k])}</text>`,
    );
    x += 23 + Math.max(70, text.classLabels[k].length * 7.2) + 12;
  });
  out.push(
    `<rect x="${x}" y="${y0 + 12}" width="18" height="12" fill="#ece8df" stroke="#555" stroke-width="0.5"/>`,
    `<text x="${x + 23}" y="${y0 + 22}">${esc(text.uncoloured)}</text>`,
  );
  // A scale bar of a round length near a fifth of the map's width.
  const targetM = (grid.nx * grid.cellM) / 5;
  const lengthM = [100, 200, 250, 500, 1000, 2000, 5000, 10000].reduce((best, v) =>
    Math.abs(v - targetM) < Math.abs(best - targetM) ? v : best,
  );
  const barPx = lengthM * L.pxPerM;
  const sx = L.left + L.widthPx - barPx - 70;
  const sy = y0 + 18;
  const label = lengthM >= 1000 ? `${lengthM / 1000} km` : `${lengthM} m`;
  out.push(
    `<rect x="${sx.toFixed(1)}" y="${sy}" width="${(barPx / 2).toFixed(1)}" height="6" fill="#222"/>`,
    `<rect x="${(sx + barPx / 2).toFixed(1)}" y="${sy}" width="${(barPx / 2).toFixed(1)}" height="6" fill="#fff" stroke="#222" stroke-width="1"/>`,
    `<text x="${sx.toFixed(1)}" y="${sy - 4}">0</text>`,
    `<text x="${(sx + barPx).toFixed(1)}" y="${sy - 4}" text-anchor="middle">${label}</text>`,
  );
  const nx = L.left + L.widthPx - 24;
  const ny = y0 + 8;
  out.push(
    `<path d="M${nx} ${ny}l-9 26l9-7l9 7z" fill="#222"/>`,
    `<text x="${nx}" y="${ny + 42}" text-anchor="middle" font-weight="bold">${esc(text.north)}</text>`,
  );
  out.push(
    `<text x="${L.left + 2}" y="${y0 + 48}" font-size="11">${esc(text.attribution)}</text>`,
    `<text x="${L.left + 2}" y="${y0 + 64}" font-size="11" fill="#8a1c00">${esc(text.modelled)}</text>`,
    '</g>',
  );
  return out.join('\n');
}
