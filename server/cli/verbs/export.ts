// `rivertwin export <record> --format geotiff|geojson|csv`: a record for GIS users — depth at chosen times and the
// maximum depth as GeoTIFFs (local transverse Mercator), truck tracks, cases and road closures as GeoJSON (WGS84),
// the event log as CSV. They open in QGIS in the right place.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  casesGeoJson,
  clock,
  closuresGeoJson,
  depthGeoTiff,
  eventsCsv,
  maxDepthGeoTiff,
  truckTracksGeoJson,
} from '../../../simulation/record/index.ts';
import type { XY } from '../../../twin/types.ts';
import { openRecord } from '../open-record.ts';
import { recordTwin } from '../record-twin.ts';
import { parseTimeS } from '../time-arg.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin export <record-folder> --format geotiff|geojson|csv [--at <time> …] --out <dir>
                        [--district <folder>]

Writes a recorded run in formats GIS tools read:
  geotiff   depth-<hh-mm-ss>.tif for each --at time (default: every hour) and max-depth.tif, in metres, in the
            district's local transverse Mercator (GeoTIFF keys; nodata −9999 where a frame holds none)
  geojson   trucks.geojson (each truck's track, a vertex per control step), cases.geojson (sites and times),
            closures.geojson (road edges closed to cars, from closing to reopening), all WGS84
  csv       events.csv (seq, time, type, lon, lat, details)
  --district <dir>  the district the run used, for road geometry (default: the folder the record names)`;

export const verb: CliVerb = {
  name: 'export',
  summary: 'a recorded run as GeoTIFF, GeoJSON or CSV for GIS tools',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        at: { type: 'string', multiple: true },
        out: { type: 'string' },
        district: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new CliError('export takes one record folder; see "rivertwin export --help"');
    const format = values.format;
    if (format !== 'geotiff' && format !== 'geojson' && format !== 'csv')
      throw new CliError(`--format ${JSON.stringify(format ?? '')} is not one of geotiff, geojson, csv`);
    if (!values.out) throw new CliError('export needs --out <folder>');
    const { replay, source } = openRecord(positionals[0]);
    if (replay.stops) process.stderr.write(`rivertwin: ${replay.stops}\n`);
    const files = new Map<string, Uint8Array | string>();
    if (format === 'geotiff') {
      const times = values.at?.map((t) => parseTimeS(t, '--at')) ?? hourly(replay.lastS);
      for (const t of times)
        files.set(
          `depth-${clock(replay.stepAt(t) * replay.manifest.controlStepS).replace(/:/g, '-')}.tif`,
          depthGeoTiff(replay, t),
        );
      if (replay.complete) files.set('max-depth.tif', maxDepthGeoTiff(replay, source));
    } else if (format === 'geojson') {
      files.set('trucks.geojson', truckTracksGeoJson(replay));
      files.set('cases.geojson', casesGeoJson(replay));
      files.set(
        'closures.geojson',
        closuresGeoJson(replay, await roadGeometry(values.district ?? replay.manifest.district.path, replay)),
      );
    } else files.set('events.csv', eventsCsv(replay));
    mkdirSync(values.out, { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(values.out, name), bytes);
    process.stdout.write(`wrote ${[...files.keys()].join(', ')} to ${values.out}\n`);
    return 0;
  },
};

function hourly(lastS: number): number[] {
  const out: number[] = [];
  for (let t = 3600; t <= lastS; t += 3600) out.push(t);
  return out.length ? out : [lastS];
}

/** Edge key → its line in local metres, from the district the record ran on (checked by content hash). */
async function roadGeometry(
  dir: string,
  replay: ReturnType<typeof openRecord>['replay'],
): Promise<(key: string) => readonly XY[] | undefined> {
  const twin = await recordTwin(replay, dir);
  return (key) => (twin.graph.hasEdge(key) ? twin.graph.getEdgeAttribute(key, 'coords') : undefined);
}
