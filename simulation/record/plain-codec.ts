// Plain data (numbers, strings, booleans, null, arrays, plain objects, typed arrays) to bytes and back, exactly:
// every float keeps its bits (NaN, ±Infinity and −0 included), typed arrays are byte-shuffled and deflated, so a
// checkpoint of the flood engine's Float64 fields is compact and restores bit for bit in any JavaScript engine.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { SimulationError } from '../errors.ts';

/** What the codec carries. */
export type PlainValue =
  number | string | boolean | null | PlainValue[] | { [key: string]: PlainValue } | PlainTypedArray;

/** The typed arrays the codec carries. */
export type PlainTypedArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

const MAGIC = 'RTPLAIN1';
const KINDS = [
  'Float64Array',
  'Float32Array',
  'Int32Array',
  'Uint32Array',
  'Int16Array',
  'Uint16Array',
  'Int8Array',
  'Uint8Array',
];
const CTORS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array];

/**
 * Encodes plain data. Layout: "RTPLAIN1", a u32 header length, the JSON header (the tree with numbers that JSON
 * cannot hold tagged and typed arrays replaced by references), then one deflated, byte-shuffled blob per typed array.
 * Deterministic: the same value gives the same bytes.
 * @param level deflate level 0–9 (default 1: checkpoints are written often and read rarely)
 */
export function encodePlain(value: unknown, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 1): Uint8Array {
  const blobs: Uint8Array[] = [];
  const tree = toTree(value, blobs, level, '$');
  const header = strToU8(JSON.stringify(tree));
  let total = 8 + 4 + header.length;
  for (const b of blobs) total += 4 + b.length;
  const out = new Uint8Array(total);
  out.set(strToU8(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  let at = 12 + header.length;
  for (const b of blobs) {
    view.setUint32(at, b.length, true);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

/** Decodes what `encodePlain` wrote; throws SimulationError on bytes that are not such a value. */
export function decodePlain(bytes: Uint8Array, input = 'plain data'): PlainValue {
  const bad = (why: string): SimulationError =>
    new SimulationError(why, { input }, 'the file is damaged or not a rivertwin checkpoint; use another one');
  if (bytes.length < 12 || strFromU8(bytes.subarray(0, 8)) !== MAGIC) throw bad('does not start with RTPLAIN1');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw bad('is truncated in its header');
  let tree: unknown;
  try {
    tree = JSON.parse(strFromU8(bytes.subarray(12, 12 + headerLength)));
  } catch {
    throw bad('has an unreadable header');
  }
  const blobs: Uint8Array[] = [];
  let at = 12 + headerLength;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw bad('is truncated in a blob length');
    const n = view.getUint32(at, true);
    if (at + 4 + n > bytes.length) throw bad('is truncated in a blob');
    blobs.push(bytes.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return fromTree(tree, blobs, bad);
}

function toTree(v: unknown, blobs: Uint8Array[], level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9, path: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $n: 'NaN' };
    if (v === Infinity) return { $n: 'Inf' };
    if (v === -Infinity) return { $n: '-Inf' };
    if (Object.is(v, -0)) return { $n: '-0' };
    return v;
  }
  if (ArrayBuffer.isView(v)) {
    const kind = KINDS.indexOf(v.constructor.name);
    if (kind < 0) throw codecError(`${v.constructor.name} is not a typed array the codec carries`, path);
    const a = v as PlainTypedArray;
    blobs.push(
      deflateSync(shuffle(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), a.BYTES_PER_ELEMENT), { level }),
    );
    return { $t: KINDS[kind], $b: blobs.length - 1, $l: a.length };
  }
  if (Array.isArray(v)) return v.map((x, i) => toTree(x, blobs, level, `${path}[${i}]`));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      out[k.startsWith('$') ? `$${k}` : k] = toTree(x, blobs, level, `${path}.${k}`);
    }
    return out;
  }
  throw codecError(`${typeof v === 'object' ? (v?.constructor?.name ?? 'object') : typeof v} is not plain data`, path);
}

function fromTree(v: unknown, blobs: Uint8Array[], bad: (why: string) => SimulationError): PlainValue {
  if (v === null || typeof v !== 'object') return v as PlainValue;
  if (Array.isArray(v)) return v.map((x) => fromTree(x, blobs, bad));
  const o = v as Record<string, unknown>;
  if (typeof o.$n === 'string') {
    const special: Record<string, number> = { NaN: NaN, Inf: Infinity, '-Inf': -Infinity, '-0': -0 };
    if (!(o.$n in special)) throw bad(`has an unknown number tag ${o.$n}`);
    return special[o.$n];
  }
  if (typeof o.$t === 'string') {
    const kind = KINDS.indexOf(o.$t);
    const blob = blobs[o.$b as number];
    if (kind < 0 || !blob) throw bad(`has a broken typed array (${o.$t})`);
    const Ctor = CTORS[kind];
    const raw = unshuffle(inflateSync(blob), Ctor.BYTES_PER_ELEMENT);
    if (raw.length !== (o.$l as number) * Ctor.BYTES_PER_ELEMENT) throw bad(`has a ${o.$t} of the wrong length`);
    return new Ctor(raw.buffer as ArrayBuffer, raw.byteOffset, o.$l as number);
  }
  const out: Record<string, PlainValue> = {};
  for (const [k, x] of Object.entries(o)) out[k.startsWith('$$') ? k.slice(1) : k] = fromTree(x, blobs, bad);
  return out;
}

/** Groups byte 0 of every element, then byte 1…: a float field's exponent bytes line up and deflate well. */
function shuffle(bytes: Uint8Array, width: number): Uint8Array {
  if (width === 1) return bytes;
  const n = bytes.length / width;
  const out = new Uint8Array(bytes.length);
  for (let b = 0; b < width; b++) for (let i = 0; i < n; i++) out[b * n + i] = bytes[i * width + b];
  return out;
}

function unshuffle(bytes: Uint8Array, width: number): Uint8Array {
  if (width === 1) return bytes;
  const n = bytes.length / width;
  const out = new Uint8Array(bytes.length);
  for (let b = 0; b < width; b++) for (let i = 0; i < n; i++) out[i * width + b] = bytes[b * n + i];
  return out;
}

function codecError(what: string, path: string): SimulationError {
  return new SimulationError(what, { input: 'snapshot', field: path }, 'keep checkpoint state to plain data');
}
