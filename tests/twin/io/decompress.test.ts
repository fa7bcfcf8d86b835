// Compressed sources: gzip and bzip2 found by their magic bytes (several members too), anything else passed through,
// and damaged data reported naming the file and the tool that checks it.
import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packingOf, unpackSource } from '../../../twin/io/decompress.ts';

const text = '<osm version="0.6">\n' + ' <node id="1" lat="52.0" lon="4.35"/>\n'.repeat(200) + '</osm>\n';
const bytes = (s: string) => new TextEncoder().encode(s);
const gzip = (s: string) => new Uint8Array(execSync('gzip -9 -n -c', { input: s }));
const bzip2 = (s: string) => new Uint8Array(execSync('bzip2 -9 -c', { input: s }));
const decoded = (b: Uint8Array) => new TextDecoder().decode(b);

describe('unpackSource', () => {
  it('unpacks gzip and bzip2 by content, whatever the name, and passes plain bytes through', () => {
    expect(packingOf(gzip(text))).toBe('gzip');
    expect(packingOf(bzip2(text))).toBe('bzip2');
    expect(packingOf(bytes(text))).toBeUndefined();
    expect(decoded(unpackSource(gzip(text), 'map.osm.gz').bytes)).toBe(text);
    expect(decoded(unpackSource(bzip2(text), 'map.osm').bytes)).toBe(text);
    expect(unpackSource(bytes(text), 'map.osm').packing).toBeUndefined();
  });

  it('reads every member of a concatenated gzip or bzip2 file (pigz, pbzip2)', () => {
    const [a, b] = [text.slice(0, 100), text.slice(100)];
    expect(decoded(unpackSource(new Uint8Array([...gzip(a), ...gzip(b)]), 'x.gz').bytes)).toBe(text);
    expect(decoded(unpackSource(new Uint8Array([...bzip2(a), ...bzip2(b)]), 'x.bz2').bytes)).toBe(text);
  });

  it('names the file and the check to run when the data is cut short', () => {
    const gz = gzip(text);
    expect(() => unpackSource(gz.slice(0, gz.length - 3), 'map.osm.gz')).toThrow(
      /map\.osm\.gz: the gzip data does not unpack .*Fix: the file may be truncated: check it with `gzip -t map\.osm\.gz`/,
    );
    const bz = bzip2(text);
    expect(() => unpackSource(bz.slice(0, 60), 'map.osm.bz2')).toThrow(
      /map\.osm\.bz2: the bzip2 data does not unpack .*`bzip2 -t map\.osm\.bz2`/,
    );
  });
});
