// The PBF reader against real files written by osmium: the People's Square extract must parse to exactly what its
// source XML parses to, and damaged or unsupported files must fail with the file and block in the message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PbfWriter } from 'pbf';
import { describe, expect, it } from 'vitest';
import { TwinError } from '../../../twin/errors.ts';
import { parseOsm, parseOsmPbf, parseOsmXml } from '../../../twin/io/osm.ts';
import { repoRoot, sharedDataDir } from '../../helpers/golden.ts';

const pbfPath = path.join(repoRoot, 'datasets', 'peoples-square', 'roads.osm.pbf');
const xmlPath = path.join(sharedDataDir, 'shanghai-peoples-square', 'shanghai.osm');

function errorOf(fn: () => unknown): TwinError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TwinError) return e;
    throw e;
  }
  throw new Error('expected a TwinError, nothing was thrown');
}

/** A PBF file from blobs given as (type, Blob message writer). */
function pbfFile(blobs: [string, (w: PbfWriter) => void][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [type, writeBlob] of blobs) {
    const blob = new PbfWriter();
    writeBlob(blob);
    const blobBytes = blob.finish();
    const header = new PbfWriter();
    header.writeStringField(1, type);
    header.writeVarintField(3, blobBytes.length);
    const headerBytes = header.finish();
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, headerBytes.length);
    parts.push(len, headerBytes, blobBytes);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function rawHeaderBlob(required: string[]): (w: PbfWriter) => void {
  const h = new PbfWriter();
  for (const f of required) h.writeStringField(4, f);
  const bytes = h.finish();
  return (w) => {
    w.writeBytesField(1, bytes);
    w.writeVarintField(2, bytes.length);
  };
}

describe('parseOsmPbf on the People’s Square extract', () => {
  const bytes = new Uint8Array(readFileSync(pbfPath));
  const fromPbf = parseOsmPbf(bytes, 'roads.osm.pbf');

  it('reads every node, way and the header bounds', () => {
    expect(fromPbf.nodes.size).toBe(2958);
    expect(fromPbf.ways).toHaveLength(796);
    expect(fromPbf.relations).toHaveLength(0);
    expect(fromPbf.bounds).toEqual([121.4611262, 31.2196145, 121.4863121, 31.2411914]);
    // Node ids beyond 2^32 survive the delta coding.
    expect(fromPbf.nodes.get(13763096986)).toBeDefined();
  });

  it('gives exactly the data of the XML it was converted from', () => {
    const fromXml = parseOsmXml(readFileSync(xmlPath, 'utf8'), 'shanghai.osm');
    expect(fromPbf).toEqual(fromXml);
    expect([...fromPbf.nodes.keys()]).toEqual([...fromXml.nodes.keys()]);
  });

  it('is recognised by content through parseOsm', () => {
    expect(parseOsm(bytes, 'roads.osm.pbf')).toEqual(fromPbf);
  });

  it('reports a file cut anywhere inside a block with the file and block index', () => {
    for (let cut = 7; cut < bytes.length; cut += 1499) {
      const err = errorOf(() => parseOsmPbf(bytes.subarray(0, cut), 'cut.osm.pbf'));
      expect(err.where.file).toBe('cut.osm.pbf');
      expect(String(err.where.feature)).toMatch(/^block \d+$/);
      expect(err.message).toMatch(/truncated|corrupt/);
    }
  });
});

describe('parseOsmPbf on files it cannot read', () => {
  it('names an unsupported blob compression and how to recompress', () => {
    const file = pbfFile([
      ['OSMHeader', rawHeaderBlob(['OsmSchema-V0.6', 'DenseNodes'])],
      ['OSMData', (w) => w.writeBytesField(7, new Uint8Array([1, 2, 3]))],
    ]);
    const err = errorOf(() => parseOsmPbf(file, 'zstd.osm.pbf'));
    expect(err.message).toContain('compression zstd is not supported');
    expect(err.where.feature).toBe('block 1');
    expect(err.hint).toContain('pbf_compression=zlib');
  });

  it('refuses a required feature it does not implement', () => {
    const file = pbfFile([['OSMHeader', rawHeaderBlob(['OsmSchema-V0.6', 'LocationsOnWays'])]]);
    const err = errorOf(() => parseOsmPbf(file, 'low.osm.pbf'));
    expect(err.message).toContain('requires features this reader lacks: LocationsOnWays');
    expect(err.where.feature).toBe('block 0');
  });

  it('refuses data before the header and an empty file', () => {
    const file = pbfFile([['OSMData', rawHeaderBlob([])]]);
    expect(errorOf(() => parseOsmPbf(file, 'x.osm.pbf')).message).toContain('comes before the OSMHeader');
    expect(errorOf(() => parseOsmPbf(new Uint8Array(0), 'empty.osm.pbf')).message).toContain('the file is empty');
  });

  it('skips block types it does not know, as the format asks', () => {
    const file = pbfFile([
      ['OSMHeader', rawHeaderBlob(['OsmSchema-V0.6'])],
      ['X-Unknown', (w) => w.writeBytesField(1, new Uint8Array([9, 9]))],
    ]);
    expect(parseOsmPbf(file, 'x.osm.pbf').nodes.size).toBe(0);
  });
});
