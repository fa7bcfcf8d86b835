// The modelled-terrain rules as typed data: parsed from a rules JSON (datasets/<district>/terrain-rules.json) in which
// every number is { "value", "source" }, so each elevation the twin invents can be traced to where it came from.
import { TwinError } from '../errors.ts';

/** How a rule picks water bodies: by name (zh or en, exact) or by source id. */
export interface WaterMatch {
  names: string[];
  ids: string[];
}

/** Bed and wall of the water bodies one rule matches. */
export interface WaterRule {
  /** Short label for reports, e.g. 'Huangpu'. */
  label: string;
  match: WaterMatch;
  /** Held at the river stage by the flood engine (riverMask), whatever the importer's kind says. */
  river: boolean;
  /** Bed elevation, m above datum. */
  bedM: number;
  /** Flood wall along the edges that face land, when the river has one. */
  wall?: { crestM: number; name: string };
}

/** Lower the ground near some water bodies (e.g. low-lying creek banks), fading out over a distance. */
export interface LowerNearRule {
  /** Labels of `water` rules whose bodies this applies to. */
  labels: string[];
  byM: number;
  withinM: number;
}

/** Every number the modelled terrain uses, in metres above the datum unless named otherwise. */
export interface TerrainRules {
  datum: string;
  ground: {
    baseM: number;
    /** Smooth deterministic variation of ± amplitude over a lattice of the given wavelength (0 disables). */
    undulation: { amplitudeM: number; wavelengthM: number; seed: number };
    lowerNear: LowerNearRule[];
  };
  /** Carriageway below pavement. */
  kerbHeightM: number;
  /** Rules tried in order; the first whose match fits a body applies. */
  water: WaterRule[];
  /** Unmatched bodies of kind river/canal/dock: bed elevation, no wall. */
  otherRiverBedM: number;
  /** Unmatched ponds, pools and lakes: bed this far below the ground around them. */
  pondDepthM: number;
  /** Road portals of tunnels and underpasses. */
  underpass: { dipM: number; rampLengthM: number; snapM: number };
}

type Doc = Record<string, unknown>;

function obj(v: unknown, file: string, field: string): Doc {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new TwinError('expected an object', { file, field }, 'see datasets/shanghai-bund/terrain-rules.json');
  return v as Doc;
}

/** A `{ "value": n, "source": "…" }` number within [min, max]. */
function sourced(v: unknown, file: string, field: string, min: number, max: number): number {
  const o = typeof v === 'object' && v !== null ? (v as Doc) : {};
  if (typeof o.value !== 'number' || !(o.value >= min && o.value <= max)) {
    throw new TwinError(
      `expected { "value": number in ${min}…${max}, "source": "…" }, got ${JSON.stringify(o.value ?? v)}`,
      { file, field },
      'every number in the rules carries its value and its source',
    );
  }
  if (typeof o.source !== 'string' || o.source.trim() === '') {
    throw new TwinError('the value has no source', { file, field }, 'say where the number comes from in "source"');
  }
  return o.value;
}

function strings(v: unknown, file: string, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    throw new TwinError('expected an array of strings', { file, field });
  return v as string[];
}

/**
 * Validates a parsed terrain-rules document.
 * @param doc the parsed JSON
 * @param file its name, for messages
 * @throws TwinError naming the field that is missing, out of range or without a source
 */
export function parseTerrainRules(doc: unknown, file = 'terrain-rules.json'): TerrainRules {
  const d = obj(doc, file, '(root)');
  if (d.schema !== 'rivertwin.terrain-rules/1') {
    throw new TwinError(
      `schema ${JSON.stringify(d.schema)} is not "rivertwin.terrain-rules/1"`,
      { file, field: 'schema' },
      'start the file with "schema": "rivertwin.terrain-rules/1"',
    );
  }
  const ground = obj(d.ground, file, 'ground');
  const und = obj(ground.undulation, file, 'ground.undulation');
  const water = Array.isArray(d.water) ? d.water : [];
  if (water.length === 0)
    throw new TwinError('no water rules', { file, field: 'water' }, 'list the rivers with bed and wall');
  const labels = new Set<string>();
  const rules: WaterRule[] = water.map((w, k) => {
    const f = `water[${k}]`;
    const r = obj(w, file, f);
    const label = typeof r.label === 'string' && r.label ? r.label : `water ${k}`;
    if (labels.has(label)) throw new TwinError(`duplicate label "${label}"`, { file, field: `${f}.label` });
    labels.add(label);
    const m = obj(r.match, file, `${f}.match`);
    const match = { names: strings(m.names, file, `${f}.match.names`), ids: strings(m.ids, file, `${f}.match.ids`) };
    if (match.names.length + match.ids.length === 0)
      throw new TwinError('matches nothing', { file, field: `${f}.match` }, 'give "names" or "ids"');
    const rule: WaterRule = {
      label,
      match,
      river: r.river === true,
      bedM: sourced(r.bedM, file, `${f}.bedM`, -50, 50),
    };
    if (r.wall !== undefined) {
      const wall = obj(r.wall, file, `${f}.wall`);
      rule.wall = {
        crestM: sourced(wall.crestM, file, `${f}.wall.crestM`, -10, 30),
        name: typeof wall.name === 'string' ? wall.name : `${label} flood wall`,
      };
    }
    return rule;
  });
  const lowerNear = (Array.isArray(ground.lowerNear) ? ground.lowerNear : []).map((x, k) => {
    const f = `ground.lowerNear[${k}]`;
    const o = obj(x, file, f);
    const ls = strings(o.labels, file, `${f}.labels`);
    for (const l of ls)
      if (!labels.has(l))
        throw new TwinError(
          `no water rule labelled "${l}"`,
          { file, field: `${f}.labels` },
          `use one of ${[...labels].join(', ')}`,
        );
    return {
      labels: ls,
      byM: sourced(o.byM, file, `${f}.byM`, -10, 10),
      withinM: sourced(o.withinM, file, `${f}.withinM`, 1, 10_000),
    };
  });
  const up = obj(d.underpass, file, 'underpass');
  return {
    datum: typeof d.datum === 'string' ? d.datum : 'unknown',
    ground: {
      baseM: sourced(ground.baseM, file, 'ground.baseM', -100, 5000),
      undulation: {
        amplitudeM: sourced(und.amplitudeM, file, 'ground.undulation.amplitudeM', 0, 10),
        wavelengthM: sourced(und.wavelengthM, file, 'ground.undulation.wavelengthM', 1, 100_000),
        seed: sourced(und.seed, file, 'ground.undulation.seed', 0, 2 ** 32 - 1),
      },
      lowerNear,
    },
    kerbHeightM: sourced(d.kerbHeightM, file, 'kerbHeightM', 0, 1),
    water: rules,
    otherRiverBedM: sourced(d.otherRiverBedM, file, 'otherRiverBedM', -50, 50),
    pondDepthM: sourced(d.pondDepthM, file, 'pondDepthM', 0, 20),
    underpass: {
      dipM: sourced(up.dipM, file, 'underpass.dipM', 0, 20),
      rampLengthM: sourced(up.rampLengthM, file, 'underpass.rampLengthM', 1, 1000),
      snapM: sourced(up.snapM, file, 'underpass.snapM', 0, 50),
    },
  };
}
