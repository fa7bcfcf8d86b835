// A CityJSON file's extent in its own CRS, as its vertices give it and as its metadata declares it, and whether the
// vertices would fit the declaration without `transform.translate` (stored absolute, so translate is added twice).

/** [minX, minY, maxX, maxY] in the file's CRS units. */
export type XYBox = [number, number, number, number];

/** What a CityJSON file says about where it is. */
export interface CityJsonExtent {
  /** Box of the vertices with `transform` applied, as the importer reads them; undefined without vertices. */
  vertices?: XYBox;
  /** Box of the vertices scaled but not translated: where they would be if they were stored absolute. */
  untranslated?: XYBox;
  /** `metadata.geographicalExtent` [minx, miny, minz, maxx, maxy, maxz] as a 2D box, when present and valid. */
  declared?: XYBox;
  /** True when `transform.translate` moves x or y. */
  translateSet: boolean;
}

/** Reads the extents of a parsed CityJSON document; malformed parts are passed over (the importer reports them). */
export function cityJsonExtent(doc: unknown): CityJsonExtent {
  const d = doc as {
    vertices?: unknown;
    transform?: { scale?: number[]; translate?: number[] };
    metadata?: { geographicalExtent?: unknown };
  } | null;
  const scale = d?.transform?.scale ?? [1, 1, 1];
  const translate = d?.transform?.translate ?? [0, 0, 0];
  const translateSet = d?.transform !== undefined && (translate[0] !== 0 || translate[1] !== 0);
  const box: XYBox = [Infinity, Infinity, -Infinity, -Infinity];
  const raw: XYBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const v of Array.isArray(d?.vertices) ? (d.vertices as unknown[]) : []) {
    if (!Array.isArray(v) || typeof v[0] !== 'number' || typeof v[1] !== 'number') continue;
    const x = v[0] * scale[0];
    const y = v[1] * scale[1];
    grow(raw, x, y);
    grow(box, x + translate[0], y + translate[1]);
  }
  const out: CityJsonExtent = { translateSet };
  if (box[0] <= box[2]) {
    out.vertices = box;
    out.untranslated = raw;
  }
  const g = d?.metadata?.geographicalExtent;
  if (Array.isArray(g) && g.length === 6 && g.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    if (g[0] <= g[3] && g[1] <= g[4]) out.declared = [g[0], g[1], g[3], g[4]];
  }
  return out;
}

function grow(b: XYBox, x: number, y: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (x > b[2]) b[2] = x;
  if (y > b[3]) b[3] = y;
}
