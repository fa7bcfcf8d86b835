// Compressed sources (.osm.gz, .osm.bz2, .geojson.gz): recognised by their magic bytes, not their names, and unpacked
// in plain JS (fflate for gzip, @openpgp/seek-bzip for bzip2) so the twin loads them in Node and the browser alike.
import { decode as bunzip2 } from '@openpgp/seek-bzip';
import { Gunzip, gunzipSync } from 'fflate';
import { TwinError } from '../errors.ts';

/** How a file's bytes were packed. */
export type Packing = 'gzip' | 'bzip2';

/** The packing the first bytes show: gzip (1f 8b) or bzip2 ('BZh' and a block size digit); undefined otherwise. */
export function packingOf(bytes: Uint8Array): Packing | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x42 &&
    bytes[1] === 0x5a &&
    bytes[2] === 0x68 &&
    bytes[3] >= 0x31 &&
    bytes[3] <= 0x39
  ) {
    return 'bzip2';
  }
  return undefined;
}

/**
 * Unpacks gzip or bzip2 bytes (concatenated members too, as pigz and pbzip2 write them); other bytes pass unchanged.
 * @param bytes the file's contents
 * @param file the file name, for messages
 * @throws TwinError naming the file when the compressed data is damaged or cut short
 */
export function unpackSource(bytes: Uint8Array, file: string): { bytes: Uint8Array; packing?: Packing } {
  const packing = packingOf(bytes);
  if (!packing) return { bytes };
  try {
    const out = packing === 'gzip' ? gunzipAll(bytes) : bunzip2(bytes, undefined, true);
    return { bytes: out, packing };
  } catch (err) {
    const tool = packing === 'gzip' ? 'gzip -t' : 'bzip2 -t';
    throw new TwinError(
      `the ${packing} data does not unpack (${(err as Error).message})`,
      { file },
      `the file may be truncated: check it with \`${tool} ${file}\` and download it again`,
    );
  }
}

/**
 * Every gzip member, concatenated. fflate's one-shot gunzip stops after the first member and its stream does not
 * notice a cut-off end, so the stream's output is checked against the trailer's size (ISIZE, the last member's
 * length mod 2^32); on a mismatch the one-shot call either throws the real error or confirms several members.
 */
function gunzipAll(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  new Gunzip((chunk) => parts.push(chunk)).push(bytes, true);
  let total = 0;
  for (const p of parts) total += p.length;
  const n = bytes.length;
  const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  if (total >>> 0 !== isize) gunzipSync(bytes);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
