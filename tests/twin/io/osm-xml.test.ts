// The OSM XML reader on the real People's Square export (OSMnx) and on hand-made cases of what goes wrong in the
// wild: strict loading stops at the first bad element with its line, lenient loading keeps the rest and says why.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TwinError, type TwinWarning } from '../../../twin/errors.ts';
import { looksLikeXml, parseOsm, parseOsmXml } from '../../../twin/io/osm.ts';
import { sharedDataDir } from '../../helpers/golden.ts';

const xmlPath = path.join(sharedDataDir, 'shanghai-peoples-square', 'shanghai.osm');

const doc = (body: string) => `<?xml version="1.0"?>\n<osm version="0.6">\n${body}\n</osm>\n`;

describe('parseOsmXml on the People’s Square export', () => {
  const osm = parseOsmXml(readFileSync(xmlPath, 'utf8'), 'shanghai.osm');

  it('reads all nodes and ways, with tags', () => {
    expect(osm.nodes.size).toBe(2958);
    expect(osm.ways).toHaveLength(796);
    expect(osm.bounds).toEqual([121.4611262, 31.2196145, 121.4863121, 31.2411914]);
    expect(osm.nodes.get(62906030)).toEqual({ id: 62906030, lon: 121.4668624, lat: 31.2205022 });
    const way = osm.ways.find((w) => w.id === 8756689)!;
    expect(way.tags).toMatchObject({ highway: 'trunk', name: '南北高架路', oneway: 'yes', bridge: 'yes' });
    expect(way.nodeIds).toHaveLength(10);
  });

  it('counts what the file says, tag by tag', () => {
    const text = readFileSync(xmlPath, 'utf8');
    const highwayTags = text.match(/<tag k="highway"/g)!.length;
    const parsed =
      osm.ways.filter((w) => w.tags.highway).length + [...osm.nodes.values()].filter((n) => n.tags?.highway).length;
    expect(parsed).toBe(highwayTags);
  });
});

describe('parseOsmXml on bad input', () => {
  it('strict: stops at a way with a missing node, naming file, line, way and field', () => {
    const text = doc('<node id="1" lat="31.24" lon="121.49"/>\n<way id="7">\n<nd ref="1"/><nd ref="2"/>\n</way>');
    const err = (() => {
      try {
        parseOsmXml(text, 'a.osm');
      } catch (e) {
        return e as TwinError;
      }
    })();
    expect(err).toBeInstanceOf(TwinError);
    expect(err!.where).toMatchObject({ file: 'a.osm', line: 4, feature: 'way 7', field: 'nd' });
    expect(err!.message).toContain('references node 2');
  });

  it('lenient: keeps the longest drawable run of a way and warns', () => {
    const nodes = [1, 2, 3, 5, 6].map((i) => `<node id="${i}" lat="31.24" lon="121.49${i}"/>`).join('\n');
    const text = doc(`${nodes}\n<way id="7">${[1, 2, 4, 5, 6, 3].map((r) => `<nd ref="${r}"/>`).join('')}</way>`);
    const warnings: TwinWarning[] = [];
    const osm = parseOsmXml(text, 'a.osm', { lenient: true, warnings });
    expect(osm.ways[0].nodeIds).toEqual([5, 6, 3]);
    expect(warnings.map((w) => w.where.feature)).toEqual(['way 7']);
  });

  it('reports a node with a longitude out of range and an id that is not an integer', () => {
    expect(() => parseOsmXml(doc('<node id="1" lat="31.24" lon="221.49"/>'), 'b.osm')).toThrow(
      /b\.osm:3, feature node 1, field "lon": node has lon="221.49", not a WGS84 longitude/,
    );
    expect(() => parseOsmXml(doc('<node id="x1" lat="31.24" lon="121.49"/>'), 'c.osm')).toThrow(
      /c\.osm:3, field "id": <node> has id "x1", not an integer/,
    );
  });

  it('refuses a document that is not OSM and one that is not XML', () => {
    expect(() => parseOsmXml('<?xml version="1.0"?><gpx/>', 'd.osm')).toThrow(/no <osm> root element/);
    expect(() => parseOsmXml('<osm><node id="1"', 'e.osm')).toThrow(/e\.osm:1: malformed XML/);
  });

  it('leaves out elements JOSM marks deleted and the API marks invisible', () => {
    const text = doc(
      '<node id="1" lat="31.24" lon="121.49" action="delete"><tag k="a" v="b"/></node>\n<node id="2" lat="31.24" lon="121.49" visible="false"/>\n<node id="3" lat="31.24" lon="121.49"/>',
    );
    expect([...parseOsmXml(text, 'f.osm').nodes.keys()]).toEqual([3]);
  });
});

describe('parseOsm', () => {
  it('tells XML from PBF by content', () => {
    const enc = new TextEncoder();
    expect(looksLikeXml(enc.encode('\uFEFF  \n<osm/>'))).toBe(true);
    expect(looksLikeXml(new Uint8Array([0, 0, 0, 13, 10]))).toBe(false);
    expect(parseOsm(enc.encode(doc('<node id="1" lat="31.24" lon="121.49"/>')), 'g.osm').nodes.size).toBe(1);
  });
});
