// Each vector source parsed once: unpacked if gzip/bzip2, read in its declared format (a declared "format" always
// wins over sniffing), a `*.json` settled by its content (CityJSON, GeoJSON or a rules file).
import { TwinError, type LoadOptions } from '../errors.ts';
import { unpackSource } from '../io/decompress.ts';
import { looksLikeXml, parseOsm, parseOsmPbf, parseOsmXml } from '../io/osm.ts';
import type { OsmData } from '../io/osm-types.ts';
import { parseJsonText } from '../io/vector.ts';
import { rolesOfFormat, SOURCE_FORMATS, type ManifestSource, type SourceFormat } from './manifest.ts';

/** One source, parsed once: JSON document, OSM elements or text. */
export type Parsed = { kind: 'json'; doc: unknown } | { kind: 'osm'; osm: OsmData } | { kind: 'text'; text: string };

/** A vector source as read: its manifest entry with the format settled, and its parsed content. */
export interface ParsedSource {
  src: ManifestSource;
  parsed: Parsed;
}

/** Formats read by the raster loader before assembly, not here. */
export const RASTER_FORMATS: readonly SourceFormat[] = ['geotiff', 'asc', 'hgt'];

/**
 * Reads every vector source of the manifest once.
 * @param sources the manifest's sources (raster ones are skipped)
 * @param files the bytes of each file by its manifest path
 * @throws TwinError naming the file when it is missing, does not unpack, or is not what its format says
 */
export function parseSources(
  sources: readonly ManifestSource[],
  files: ReadonlyMap<string, Uint8Array>,
  opts: LoadOptions,
): ParsedSource[] {
  const out: ParsedSource[] = [];
  for (const src of sources) {
    if (RASTER_FORMATS.includes(src.format)) continue;
    const raw = files.get(src.file);
    if (!raw) throw new TwinError(`file not found`, { file: src.file }, 'check the path in district.json');
    const { bytes } = unpackSource(raw, src.file);
    out.push(parseOne(src, bytes, opts));
  }
  return out;
}

function parseOne(src: ManifestSource, bytes: Uint8Array, opts: LoadOptions): ParsedSource {
  const text = () => new TextDecoder('utf-8').decode(bytes);
  switch (src.format) {
    case 'osm-xml':
    case 'osm-pbf': {
      if (!src.formatDeclared) return { src, parsed: { kind: 'osm', osm: parseOsm(bytes, src.file, opts) } };
      // Declared: read as declared, whatever the name or the first bytes suggest; if that fails and the content
      // looks like the other encoding, say so.
      try {
        const osm = src.format === 'osm-xml' ? parseOsmXml(text(), src.file, opts) : parseOsmPbf(bytes, src.file, opts);
        return { src, parsed: { kind: 'osm', osm } };
      } catch (err) {
        const isXml = looksLikeXml(bytes);
        if (!(err instanceof TwinError) || (src.format === 'osm-xml') === isXml) throw err;
        const other = isXml ? 'osm-xml' : 'osm-pbf';
        throw new TwinError(
          `${err.what} (read as "format": "${src.format}" as district.json declares, but the content looks like ${isXml ? 'XML' : 'PBF'})`,
          { ...err.where, field: 'format' },
          `set "format": "${other}" on this source, or leave "format" out to go by the content`,
        );
      }
    }
    case 'geojson':
    case 'cityjson':
    case 'json': {
      const doc = parseJsonText(text(), src.file);
      if (src.format !== 'json' || src.formatDeclared) return { src, parsed: { kind: 'json', doc } };
      return { src: settleJson(src, doc), parsed: { kind: 'json', doc } };
    }
    default:
      return { src, parsed: { kind: 'text', text: text() } };
  }
}

/** A `*.json` named only by its extension: CityJSON or GeoJSON by its "type", else a rules file. */
function settleJson(src: ManifestSource, doc: unknown): ManifestSource {
  const type = (doc as { type?: unknown } | null)?.type;
  const format: SourceFormat =
    type === 'CityJSON' ? 'cityjson' : type === 'FeatureCollection' || type === 'Feature' ? 'geojson' : 'json';
  const allowed = rolesOfFormat(format);
  for (const role of src.roles) {
    if (!allowed.includes(role)) {
      const what =
        format === 'json' ? 'neither CityJSON nor GeoJSON (no "type" of CityJSON or FeatureCollection)' : format;
      throw new TwinError(
        `is listed as ${role} but its content is ${what}`,
        { file: src.file, field: format === 'json' ? 'type' : 'role' },
        `${format} serves ${allowed.join(', ')}; if the content is right, set "format" on this source to one of ${SOURCE_FORMATS.join(', ')}`,
      );
    }
  }
  return { ...src, format };
}
