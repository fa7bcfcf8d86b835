// Decoding of one OSM PBF PrimitiveBlock (string table, granularity, offsets; nodes, dense nodes, ways, relations)
// into the OsmData element model. Field numbers follow osmformat.proto of the OSM-binary project.
import type { PbfReader } from 'pbf';
import type { OsmData, OsmMember, OsmNode } from './osm-types.ts';

const MEMBER_TYPE: OsmMember['type'][] = ['node', 'way', 'relation'];

/** Block-wide decoding context: strings and the coordinate encoding. */
interface BlockContext {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

/** Raw primitive groups are kept as byte ranges until the string table and granularity (which may follow) are read. */
interface RawBlock extends BlockContext {
  groups: [number, number][];
}

const utf8 = new TextDecoder('utf-8');

/**
 * Nanodegree arithmetic stays in exact integers, then one division: the result is the double nearest the true
 * value, identical to parsing the same 7-decimal figure from XML.
 */
function degrees(offset: number, granularity: number, value: number): number {
  return (offset + granularity * value) / 1e9;
}

function tagsFrom(ctx: BlockContext, keys: number[], vals: number[], what: string): Record<string, string> {
  if (keys.length !== vals.length) throw new Error(`${what} has ${keys.length} tag keys but ${vals.length} values`);
  const tags: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) tags[str(ctx, keys[i])] = str(ctx, vals[i]);
  return tags;
}

function str(ctx: BlockContext, index: number): string {
  const s = ctx.strings[index];
  if (s === undefined) throw new Error(`string index ${index} is outside the block's string table`);
  return s;
}

function readNode(pbf: PbfReader, ctx: BlockContext, data: OsmData): void {
  const m = { id: 0, keys: [] as number[], vals: [] as number[], lat: NaN, lon: NaN };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) r.id = p.readSVarint();
    else if (tag === 2) p.readPackedVarint(r.keys);
    else if (tag === 3) p.readPackedVarint(r.vals);
    else if (tag === 8) r.lat = p.readSVarint();
    else if (tag === 9) r.lon = p.readSVarint();
  }, m);
  const node: OsmNode = {
    id: m.id,
    lon: degrees(ctx.lonOffset, ctx.granularity, m.lon),
    lat: degrees(ctx.latOffset, ctx.granularity, m.lat),
  };
  if (m.keys.length) node.tags = tagsFrom(ctx, m.keys, m.vals, `node ${m.id}`);
  data.nodes.set(node.id, node);
}

function readDense(pbf: PbfReader, ctx: BlockContext, data: OsmData): void {
  const m = { ids: [] as number[], lats: [] as number[], lons: [] as number[], kv: [] as number[] };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) p.readPackedSVarint(r.ids);
    else if (tag === 8) p.readPackedSVarint(r.lats);
    else if (tag === 9) p.readPackedSVarint(r.lons);
    else if (tag === 10) p.readPackedVarint(r.kv, true);
  }, m);
  if (m.lats.length !== m.ids.length || m.lons.length !== m.ids.length) {
    throw new Error(`dense nodes carry ${m.ids.length} ids but ${m.lats.length} lats and ${m.lons.length} lons`);
  }
  let id = 0;
  let lat = 0;
  let lon = 0;
  let kv = 0;
  for (let i = 0; i < m.ids.length; i++) {
    id += m.ids[i];
    lat += m.lats[i];
    lon += m.lons[i];
    const node: OsmNode = {
      id,
      lon: degrees(ctx.lonOffset, ctx.granularity, lon),
      lat: degrees(ctx.latOffset, ctx.granularity, lat),
    };
    // keys_vals: (key, value)* 0 per node; absent entirely when no node in the block has tags.
    if (m.kv.length) {
      while (kv < m.kv.length && m.kv[kv] !== 0) {
        if (kv + 1 >= m.kv.length) throw new Error(`dense node ${id} has a tag key without a value`);
        node.tags ??= {};
        node.tags[str(ctx, m.kv[kv])] = str(ctx, m.kv[kv + 1]);
        kv += 2;
      }
      kv++;
    }
    data.nodes.set(id, node);
  }
}

function readWay(pbf: PbfReader, ctx: BlockContext, data: OsmData): void {
  const m = { id: 0, keys: [] as number[], vals: [] as number[], refs: [] as number[] };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) r.id = p.readVarint(true);
    else if (tag === 2) p.readPackedVarint(r.keys);
    else if (tag === 3) p.readPackedVarint(r.vals);
    else if (tag === 8) p.readPackedSVarint(r.refs);
  }, m);
  const nodeIds = new Array<number>(m.refs.length);
  let ref = 0;
  for (let i = 0; i < m.refs.length; i++) nodeIds[i] = ref += m.refs[i];
  data.ways.push({ id: m.id, nodeIds, tags: tagsFrom(ctx, m.keys, m.vals, `way ${m.id}`) });
}

function readRelation(pbf: PbfReader, ctx: BlockContext, data: OsmData): void {
  const m = { id: 0, keys: [] as number[], vals: [] as number[], roles: [] as number[], ids: [] as number[] };
  const types: number[] = [];
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) r.id = p.readVarint(true);
    else if (tag === 2) p.readPackedVarint(r.keys);
    else if (tag === 3) p.readPackedVarint(r.vals);
    else if (tag === 8) p.readPackedVarint(r.roles, true);
    else if (tag === 9) p.readPackedSVarint(r.ids);
    else if (tag === 10) p.readPackedVarint(types);
  }, m);
  if (m.roles.length !== m.ids.length || types.length !== m.ids.length) {
    throw new Error(
      `relation ${m.id} has ${m.ids.length} members but ${m.roles.length} roles and ${types.length} types`,
    );
  }
  const members: OsmMember[] = [];
  let ref = 0;
  for (let i = 0; i < m.ids.length; i++) {
    ref += m.ids[i];
    const type = MEMBER_TYPE[types[i]];
    if (!type) throw new Error(`relation ${m.id} member ${i} has unknown type ${types[i]}`);
    members.push({ type, ref, role: str(ctx, m.roles[i]) });
  }
  data.relations.push({ id: m.id, members, tags: tagsFrom(ctx, m.keys, m.vals, `relation ${m.id}`) });
}

/**
 * Decodes one PrimitiveBlock (already decompressed) and appends its elements to `data`, in file order.
 * Throws a plain Error on inconsistent content; the caller wraps it with the file and block index.
 */
export function decodePrimitiveBlock(pbf: PbfReader, data: OsmData): void {
  // 1. Block header fields: string table, granularity, offsets; groups remembered by byte range.
  const raw: RawBlock = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
  pbf.readFields((tag, r, p) => {
    if (tag === 1) {
      p.readMessage((t, s, q) => {
        if (t === 1) s.push(utf8.decode(q.readBytes()));
      }, r.strings);
    } else if (tag === 2) {
      const end = p.readVarint() + p.pos;
      r.groups.push([p.pos, end]);
      p.pos = end;
    } else if (tag === 17) r.granularity = p.readVarint(true);
    else if (tag === 19) r.latOffset = p.readVarint(true);
    else if (tag === 20) r.lonOffset = p.readVarint(true);
  }, raw);
  if (!(raw.granularity > 0)) throw new Error(`granularity ${raw.granularity} is not positive`);
  // 2. Primitive groups.
  for (const [start, end] of raw.groups) {
    if (end > pbf.length) throw new Error('a primitive group runs past the end of the block');
    pbf.pos = start;
    pbf.readFields(
      (tag, ctx, p) => {
        if (tag === 1) readNode(p, ctx, data);
        else if (tag === 2) readDense(p, ctx, data);
        else if (tag === 3) readWay(p, ctx, data);
        else if (tag === 4) readRelation(p, ctx, data);
      },
      raw as BlockContext,
      end,
    );
  }
}
