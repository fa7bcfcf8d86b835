// What makes a district its own place, from district.json: its river's stages and datum, its sewer capacity, its
// alarm and closure depths and, without a DEM or rules, the flat ground it declares. No defaults: what is absent stays
// absent, and the run refuses it by name rather than borrowing another city's numbers.

/** The river as the district states it: named stages in one vertical datum. */
export interface DistrictRiver {
  /** The vertical datum of every level here and in the terrain (e.g. "Wusong", "NAP"). */
  datum: string;
  /**
   * Named stages, each a stage object as a scenario's `river` takes it (`{"kind": "tide", …}`, `{"kind":
   * "constant", …}` or `{"kind": "series", "timesS": […], "stageM": […]}`), checked when a run resolves it.
   * A `{"file": "stage.csv"}` preset (columns time_s, stage_m) is read by the loader into a series.
   */
  presets: Record<string, Record<string, unknown>>;
  /** The preset a scenario without `river` runs with. */
  default: string;
  /** River level (m, in `datum`) that raises the river warning when no river gauge states its own. */
  warningM?: number;
}

/** Depths the district's operators act on (m of water). */
export interface DistrictAlarms {
  /** A hotspot's water above this opens a case. */
  hotspotDepthM: number;
  /** A road-water monitor without its own alarm level alarms above this; also the "flooded" depth of the summary. */
  roadDepthM: number;
  /** Roads close to cars at this depth. */
  carClosureDepthM: number;
  /** Underpasses close at this depth. */
  underpassClosureDepthM: number;
}

/** The district's place parameters, as parsed. */
export interface DistrictPlace {
  river?: DistrictRiver;
  alarms?: DistrictAlarms;
  /** Ground declared flat at this elevation (m) when the district has neither a DEM nor terrain rules. */
  terrain?: { flat: { elevationM: number } };
  /** Sewer capacity where no catchment says otherwise (mm/h); absent when district.json does not say. */
  defaultCapacityMmPerH?: number;
}

type Fail = (what: string, field?: string, hint?: string) => never;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const RIVER_HINT =
  '"river": {"datum": "<vertical datum>", "presets": {"springTide": {"kind": "tide", "meanM": …, "amplitudeM": …, "highTideAtS": …}}, "default": "springTide", "warningM": …}';

/** An example of every alarm field, for messages. */
export const ALARMS_EXAMPLE =
  '"alarms": {"hotspotDepthM": 0.15, "roadDepthM": 0.15, "carClosureDepthM": 0.3, "underpassClosureDepthM": 0.25}';

function depth(v: unknown, field: string, fail: Fail): number {
  if (typeof v !== 'number' || !(v > 0 && v <= 5))
    fail(`${JSON.stringify(v)} is not a depth in metres`, field, 'give a number in 0–5 m');
  return v as number;
}

function parseRiver(raw: unknown, fail: Fail): DistrictRiver {
  if (!isRecord(raw)) return fail('"river" must be an object', 'river', RIVER_HINT);
  if (typeof raw.datum !== 'string' || !raw.datum) fail('the river has no vertical datum', 'river.datum', RIVER_HINT);
  const presets = raw.presets;
  if (!isRecord(presets) || Object.keys(presets).length === 0)
    return fail('the river names no stages', 'river.presets', RIVER_HINT);
  for (const [name, p] of Object.entries(presets)) {
    if (isRecord(p) && typeof p.file === 'string') {
      if (!p.file || p.file.includes('..') || p.file.startsWith('/'))
        fail('"file" must be a path inside the district folder', `river.presets.${name}.file`);
      continue;
    }
    if (!isRecord(p) || typeof p.kind !== 'string')
      fail(
        `stage "${name}" is not a stage object`,
        `river.presets.${name}`,
        'give {"kind": "tide" | "constant" | "series", …} or {"file": "<time_s,stage_m CSV>"}',
      );
  }
  const names = Object.keys(presets);
  const dflt = raw.default ?? (names.length === 1 ? names[0] : undefined);
  if (typeof dflt !== 'string' || !names.includes(dflt))
    fail(
      `default ${JSON.stringify(raw.default)} is not one of the presets`,
      'river.default',
      `one of ${names.join(', ')}`,
    );
  const out: DistrictRiver = {
    datum: raw.datum as string,
    presets: presets as DistrictRiver['presets'],
    default: dflt as string,
  };
  if (raw.warningM !== undefined) {
    if (typeof raw.warningM !== 'number' || !Number.isFinite(raw.warningM))
      fail('must be a level in metres', 'river.warningM');
    out.warningM = raw.warningM as number;
  }
  return out;
}

function parseAlarms(raw: unknown, fail: Fail): DistrictAlarms {
  if (!isRecord(raw)) return fail('"alarms" must be an object', 'alarms', ALARMS_EXAMPLE);
  const keys: (keyof DistrictAlarms)[] = ['hotspotDepthM', 'roadDepthM', 'carClosureDepthM', 'underpassClosureDepthM'];
  for (const k of Object.keys(raw))
    if (!(keys as string[]).includes(k)) fail('unknown field', `alarms.${k}`, `fields are ${keys.join(', ')}`);
  const out = {} as DistrictAlarms;
  for (const k of keys) {
    if (raw[k] === undefined) fail('is missing', `alarms.${k}`, ALARMS_EXAMPLE);
    out[k] = depth(raw[k], `alarms.${k}`, fail);
  }
  return out;
}

/**
 * Reads `river`, `alarms`, `terrain` and `drainage` from a parsed district.json.
 * @throws TwinError (through `fail`) naming the field and what it takes
 */
export function parsePlace(m: Record<string, unknown>, fail: Fail): DistrictPlace {
  const place: DistrictPlace = {};
  if (m.river !== undefined) place.river = parseRiver(m.river, fail);
  if (m.alarms !== undefined) place.alarms = parseAlarms(m.alarms, fail);
  if (m.terrain !== undefined) {
    const flat = isRecord(m.terrain) && isRecord(m.terrain.flat) ? m.terrain.flat.elevationM : undefined;
    if (typeof flat !== 'number' || !(Math.abs(flat) <= 9000))
      fail(
        '"terrain" declares ground it cannot use',
        'terrain.flat.elevationM',
        'write "terrain": {"flat": {"elevationM": <metres>}}',
      );
    place.terrain = { flat: { elevationM: flat as number } };
  }
  const drainage = isRecord(m.drainage) ? m.drainage : {};
  const cap = drainage.defaultCapacityMmPerH;
  if (cap !== undefined) {
    if (typeof cap !== 'number' || !(cap >= 0 && cap <= 500))
      fail('drainage.defaultCapacityMmPerH must be 0–500 mm/h', 'drainage.defaultCapacityMmPerH');
    place.defaultCapacityMmPerH = cap as number;
  }
  return place;
}

/** Where a manifest leaves out what a run needs, as "field: what to add" lines (empty when nothing is missing). */
export function missingForRun(manifest: {
  drainage: { defaultCapacityMmPerH?: number };
  alarms?: DistrictAlarms;
}): string[] {
  const out: string[] = [];
  if (manifest.drainage.defaultCapacityMmPerH === undefined)
    out.push('"drainage": {"defaultCapacityMmPerH": <mm/h>} (the sewer capacity where no catchment says otherwise)');
  if (!manifest.alarms) out.push(`${ALARMS_EXAMPLE} (the depths the district's operators act on)`);
  return out;
}
