// OSM PBF reader, pure (pbf for protobuf, fflate for zlib): the blob framing, the OSMHeader and each
// PrimitiveBlock, so planners can load the compact extracts Geofabrik and osmium produce.
import { unzlibSync } from 'fflate';
import { PbfReader } from 'pbf';
import { TwinError, type LoadOptions } from '../errors.ts';
import { checkWayRefs, type WayLines } from './osm-refs.ts';
import { decodePrimitiveBlock } from './osm-pbf-block.ts';
import type { OsmData } from './osm-types.ts';

/** Features a reader must understand to read a file; anything else in `required_features` is refused. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const RECOMPRESS_HINT =
  'rewrite the file with zlib blobs: `osmium cat in.osm.pbf -o out.osm.pbf -f pbf,pbf_compression=zlib`';

interface BlobHeader {
  type: string;
  datasize: number;
}

interface Blob {
  raw?: Uint8Array;
  rawSize?: number;
  zlib?: Uint8Array;
  /** Name of an unsupported compression found instead. */
  other?: string;
}

const BLOB_COMPRESSIONS: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };

function readBlobHeader(bytes: Uint8Array): BlobHeader {
  return new PbfReader(bytes).readFields(
    (tag, h, p) => {
      if (tag === 1) h.type = p.readString();
      else if (tag === 3) h.datasize = p.readVarint(true);
    },
    { type: '', datasize: -1 },
  );
}

function readBlob(bytes: Uint8Array): Blob {
  return new PbfReader(bytes).readFields((tag, b: Blob, p) => {
    if (tag === 1) b.raw = p.readBytes();
    else if (tag === 2) b.rawSize = p.readVarint(true);
    else if (tag === 3) b.zlib = p.readBytes();
    else if (BLOB_COMPRESSIONS[tag]) b.other = BLOB_COMPRESSIONS[tag];
  }, {});
}

/** The decompressed payload of a blob. */
function blobPayload(blob: Blob): Uint8Array {
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    let out: Uint8Array;
    try {
      out = unzlibSync(blob.zlib);
    } catch (e) {
      throw new Error(`zlib data does not inflate: ${(e as Error).message}`);
    }
    if (blob.rawSize !== undefined && out.length !== blob.rawSize) {
      throw new Error(`zlib data inflates to ${out.length} bytes, the blob says ${blob.rawSize}`);
    }
    return out;
  }
  if (blob.other) throw new Error(`compression ${blob.other} is not supported`);
  throw new Error('the blob carries no data');
}

/** Reads the OSMHeader: bounding box and required features. */
function readHeaderBlock(bytes: Uint8Array, data: OsmData): void {
  const h = { bbox: undefined as number[] | undefined, required: [] as string[] };
  new PbfReader(bytes).readFields((tag, r, p) => {
    if (tag === 1) {
      const b = [0, 0, 0, 0];
      p.readMessage((t, box, q) => {
        if (t >= 1 && t <= 4) box[t - 1] = q.readSVarint();
      }, b);
      r.bbox = b;
    } else if (tag === 4) r.required.push(p.readString());
  }, h);
  const unsupported = h.required.filter((f) => !SUPPORTED_FEATURES.has(f));
  if (unsupported.length) throw new Error(`the file requires features this reader lacks: ${unsupported.join(', ')}`);
  if (h.bbox) {
    // HeaderBBox is left, right, top, bottom in nanodegrees.
    const [left, right, top, bottom] = h.bbox;
    data.bounds = [left / 1e9, bottom / 1e9, right / 1e9, top / 1e9];
  }
}

/**
 * Parses an OSM PBF file (the `.osm.pbf` of Geofabrik, osmium, osmosis) into the OsmData element model.
 * Supports raw and zlib blobs, plain and dense nodes, ways, relations. A truncated or corrupt file throws a
 * TwinError naming the file and the block index; ways referencing nodes missing from the file follow the same
 * strict/lenient rule as the XML reader.
 * @param bytes the whole file
 * @param file name used in error messages
 */
export function parseOsmPbf(bytes: Uint8Array, file: string, opts: LoadOptions = {}): OsmData {
  const data: OsmData = { nodes: new Map(), ways: [], relations: [] };
  const wayBlocks: WayLines = new Map();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let block = 0;
  let sawHeader = false;
  const fail = (what: string, hint?: string): never => {
    throw new TwinError(`${what} (the block starts at byte ${pos})`, { file, feature: `block ${block}` }, hint);
  };
  if (bytes.length === 0) throw new TwinError('the file is empty', { file }, 'give an OSM PBF file');
  // 1. Blob framing: [uint32 BE header length][BlobHeader][Blob], repeated to the end.
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length)
      fail('truncated: the file ends inside a block length', 'the file was cut short: download it again');
    const headerLen = view.getUint32(pos);
    if (headerLen === 0 || headerLen > MAX_HEADER_BYTES) {
      fail(`block header length ${headerLen} is not plausible`, 'this is not an OSM PBF file, or it is corrupt');
    }
    if (pos + 4 + headerLen > bytes.length)
      fail('truncated: the file ends inside a block header', 'the file was cut short: download it again');
    let header: BlobHeader;
    try {
      header = readBlobHeader(bytes.subarray(pos + 4, pos + 4 + headerLen));
    } catch (e) {
      return fail(`corrupt block header (${(e as Error).message})`, 'this is not an OSM PBF file, or it is corrupt');
    }
    if (!(header.datasize >= 0) || header.datasize > MAX_BLOB_BYTES) {
      fail(`blob size ${header.datasize} is not plausible`, 'this is not an OSM PBF file, or it is corrupt');
    }
    const blobStart = pos + 4 + headerLen;
    const blobEnd = blobStart + header.datasize;
    if (blobEnd > bytes.length) {
      fail(
        `truncated: the block needs ${header.datasize} bytes but only ${bytes.length - blobStart} remain`,
        'the file was cut short: download it again',
      );
    }
    // 2. Payload: the header block first, then data blocks; unknown block types are skipped as the spec asks.
    if (header.type === 'OSMHeader' || header.type === 'OSMData') {
      try {
        const payload = blobPayload(readBlob(bytes.subarray(blobStart, blobEnd)));
        if (header.type === 'OSMHeader') {
          readHeaderBlock(payload, data);
          sawHeader = true;
        } else {
          if (!sawHeader) throw new Error('a data block comes before the OSMHeader block');
          const before = data.ways.length;
          decodePrimitiveBlock(new PbfReader(payload), data);
          for (let i = before; i < data.ways.length; i++) wayBlocks.set(data.ways[i], block);
        }
      } catch (e) {
        if (e instanceof TwinError) throw e;
        const msg = (e as Error).message;
        fail(
          `corrupt ${header.type} block (${msg})`,
          /not supported/.test(msg) ? RECOMPRESS_HINT : 'the file is corrupt: download or export it again',
        );
      }
    }
    pos = blobEnd;
    block++;
  }
  if (!sawHeader) throw new TwinError('no OSMHeader block', { file }, 'this is not an OSM PBF file');
  // 3. Referential integrity, as for XML.
  checkWayRefs(data, file, opts, wayBlocks, true);
  return data;
}
