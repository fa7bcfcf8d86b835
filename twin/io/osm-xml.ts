// OSM XML 0.6 reader: streams the file through saxes into the OsmData element model, so a malformed file or a
// bad element is reported with its line and column instead of failing somewhere downstream.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { TwinError, reportBadFeature, type LoadOptions } from '../errors.ts';
import { checkWayRefs, type WayLines } from './osm-refs.ts';
import type { OsmData, OsmMember, OsmNode, OsmRelation, OsmWay } from './osm-types.ts';

const MEMBER_TYPES = new Set(['node', 'way', 'relation']);

/** Parses a numeric attribute; absent or blank is NaN (Number('') would be 0). */
function num(value: string | undefined): number {
  return value === undefined || value.trim() === '' ? NaN : Number(value);
}

/** Objects JOSM marks deleted or exports flag invisible are not part of the data. */
function isDeleted(attrs: Record<string, string>): boolean {
  return attrs.action === 'delete' || attrs.visible === 'false';
}

/**
 * Parses an OSM XML 0.6 document (as written by the OSM API, JOSM, osmium, Overpass or OSMnx).
 * Strict (default): a malformed document, a node without a finite lat/lon, or a way referencing a node
 * missing from the file throws a TwinError with file, line, element id and field. Lenient (`opts.lenient`):
 * bad nodes are skipped and ways keep their longest run of present nodes, each with a warning.
 * @param text the whole XML document
 * @param file name used in error messages
 */
export function parseOsmXml(text: string, file: string, opts: LoadOptions = {}): OsmData {
  const data: OsmData = { nodes: new Map(), ways: [], relations: [] };
  const wayLines: WayLines = new Map();
  const parser = new SaxesParser({ position: true, xmlns: false });
  let node: OsmNode | undefined;
  let way: OsmWay | undefined;
  let relation: OsmRelation | undefined;
  let skipDepth = 0;
  let sawRoot = false;
  const where = (feature?: string | number, field?: string) => ({ file, line: parser.line, feature, field });

  // 1. Element handlers: one object per <node>/<way>/<relation>, children fill it.
  const openTag = (tag: SaxesTagPlain): void => {
    const a = tag.attributes as Record<string, string>;
    if (skipDepth > 0) {
      if (!tag.isSelfClosing) skipDepth++;
      return;
    }
    switch (tag.name) {
      case 'osm':
      case 'osmChange':
        sawRoot = true;
        return;
      case 'bounds': {
        const b = [num(a.minlon), num(a.minlat), num(a.maxlon), num(a.maxlat)] as [number, number, number, number];
        if (b.every(Number.isFinite)) data.bounds = b;
        return;
      }
      case 'node':
      case 'way':
      case 'relation': {
        const id = num(a.id);
        if (!Number.isSafeInteger(id)) {
          reportBadFeature(opts, `<${tag.name}> has id "${a.id ?? ''}", not an integer`, where(undefined, 'id'));
          if (!tag.isSelfClosing) skipDepth = 1;
          return;
        }
        if (isDeleted(a)) {
          if (!tag.isSelfClosing) skipDepth = 1;
          return;
        }
        if (tag.name === 'node') {
          const lon = num(a.lon);
          const lat = num(a.lat);
          const badField = !(Math.abs(lat) <= 90) ? 'lat' : !(Math.abs(lon) <= 180) ? 'lon' : undefined;
          if (badField) {
            reportBadFeature(
              opts,
              `node has ${badField}="${a[badField] ?? ''}", not a WGS84 ${badField === 'lat' ? 'latitude' : 'longitude'}`,
              where(`node ${id}`, badField),
              'OSM files carry lat/lon in degrees; fix or remove the node',
            );
            if (!tag.isSelfClosing) skipDepth = 1;
            return;
          }
          node = { id, lon, lat };
          if (tag.isSelfClosing) closeElement('node');
        } else if (tag.name === 'way') {
          way = { id, nodeIds: [], tags: {} };
          wayLines.set(way, parser.line);
          if (tag.isSelfClosing) closeElement('way');
        } else {
          relation = { id, members: [], tags: {} };
          if (tag.isSelfClosing) closeElement('relation');
        }
        return;
      }
      case 'tag': {
        const target = node ?? way ?? relation;
        if (!target || a.k === undefined) return;
        if (target === node) node.tags ??= {};
        (target.tags as Record<string, string>)[a.k] = a.v ?? '';
        return;
      }
      case 'nd': {
        if (!way) return;
        const ref = num(a.ref);
        if (!Number.isSafeInteger(ref)) {
          reportBadFeature(opts, `<nd> has ref "${a.ref ?? ''}", not a node id`, where(`way ${way.id}`, 'nd.ref'));
          return;
        }
        way.nodeIds.push(ref);
        return;
      }
      case 'member': {
        if (!relation) return;
        const ref = num(a.ref);
        if (!Number.isSafeInteger(ref) || !MEMBER_TYPES.has(a.type)) {
          reportBadFeature(
            opts,
            `<member type="${a.type ?? ''}" ref="${a.ref ?? ''}"> is not a node, way or relation reference`,
            where(`relation ${relation.id}`, 'member'),
          );
          return;
        }
        relation.members.push({ type: a.type as OsmMember['type'], ref, role: a.role ?? '' });
        return;
      }
      default:
        return;
    }
  };

  const closeElement = (name: string): void => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (name === 'node' && node) {
      data.nodes.set(node.id, node);
      node = undefined;
    } else if (name === 'way' && way) {
      data.ways.push(way);
      way = undefined;
    } else if (name === 'relation' && relation) {
      data.relations.push(relation);
      relation = undefined;
    }
  };

  parser.on('opentag', openTag);
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) closeElement(tag.name);
  });
  parser.on('error', (err) => {
    throw new TwinError(
      `malformed XML at column ${parser.column + 1}: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.+$/, '')}`,
      { file, line: parser.line },
      'the file is not well-formed XML: re-export it, or check it was not truncated',
    );
  });

  // 2. Stream the document.
  parser.write(text).close();
  if (!sawRoot) {
    throw new TwinError('no <osm> root element', { file }, 'give an OSM XML file (it starts with <osm version="0.6">)');
  }
  // 3. Referential integrity: every way's nodes must be in the file.
  checkWayRefs(data, file, opts, wayLines);
  return data;
}
