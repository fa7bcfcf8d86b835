// Public face of OSM parsing: XML and PBF readers into one element model, and a sniffing entry point for loaders
// that are handed bytes without knowing which of the two formats they hold.
import type { LoadOptions } from '../errors.ts';
import { parseOsmPbf } from './osm-pbf.ts';
import { parseOsmXml } from './osm-xml.ts';
import type { OsmData } from './osm-types.ts';

export { parseOsmPbf } from './osm-pbf.ts';
export { parseOsmXml } from './osm-xml.ts';
export type { OsmData, OsmMember, OsmNode, OsmRelation, OsmWay } from './osm-types.ts';

/** True when the bytes look like XML (optional UTF-8 BOM and whitespace, then '<'). */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}

/**
 * Parses an OSM file given as bytes, XML or PBF by its content (not its name).
 * @param bytes the whole file
 * @param file name used in error messages
 */
export function parseOsm(bytes: Uint8Array, file: string, opts: LoadOptions = {}): OsmData {
  if (looksLikeXml(bytes)) return parseOsmXml(new TextDecoder('utf-8').decode(bytes), file, opts);
  return parseOsmPbf(bytes, file, opts);
}
