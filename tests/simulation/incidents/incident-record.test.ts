// An imported log as a run record, written to memory and read back by RecordReplay: the events in time order with the
// simulation's types, a view per minute with the orders, trucks, closed roads and sensors of that moment, no depth
// frames (and a one-line refusal to give one), and KPIs by the fleet's definitions (unknowns null, never 0).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assembleLog,
  districtRainRates,
  importRows,
  incidentEvents,
  incidentKpis,
  writeIncidentRecord,
  type IncidentLog,
} from '../../../simulation/incidents/index.ts';
import {
  RecordReplay,
  type RecordContext,
  type RecordSink,
  type RecordSource,
} from '../../../simulation/record/index.ts';
import { parseScenario, placeScenario, type RunEvent } from '../../../simulation/scenario/index.ts';
import type { District } from '../../../twin/district/district.ts';
import { bundContext, sampleDir } from './bund-context.ts';

class MemoryRecord implements RecordSink, RecordSource {
  readonly files = new Map<string, Uint8Array>();
  readonly name = 'memory';
  writeFile(path: string, bytes: Uint8Array | string): void {
    this.files.set(path, typeof bytes === 'string' ? strToU8(bytes) : bytes);
  }
  append(path: string, text: string): void {
    this.files.set(path, strToU8(strFromU8(this.files.get(path) ?? new Uint8Array()) + text));
  }
  readFile(path: string): Uint8Array | null {
    return this.files.get(path) ?? null;
  }
  list(dir: string): string[] {
    return [...this.files.keys()].filter((k) => k.startsWith(`${dir}/`)).map((k) => k.slice(dir.length + 1));
  }
}

let district: District;
let log: IncidentLog;
let events: RunEvent[];
let replay: RecordReplay;
let mem: MemoryRecord;

beforeAll(async () => {
  const ctx = await bundContext();
  district = ctx.district;
  const files = readdirSync(sampleDir)
    .filter((f) => /\.(csv|ndjson)$/.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(sampleDir, f), 'utf8') }));
  const rows = importRows(files, ctx.d);
  log = assembleLog(rows.parsed, ctx.d);
  const lonLat = (x: number, y: number) => ctx.lonLat(x, y);
  events = incidentEvents(log, { sensors: district.sensors, controlStepS: 60, scenarioName: 'sample', lonLat });
  const spec = placeScenario(
    parseScenario({
      name: 'sample',
      durationS: log.durationS,
      rain: { kind: 'uniform', rateMmPerH: 0, durationS: 60 },
    }),
    district,
  );
  const rc: RecordContext = {
    runId: 'import-test',
    districtPath: 'bund',
    contentHash: 'x',
    codeVersion: 'test',
    checkpointEveryS: 0,
    crsWkt: '',
    proj4: '',
    parent: null,
    now: () => '2024-09-20T12:00:00Z',
    elapsedS: () => 0,
  };
  mem = new MemoryRecord();
  writeIncidentRecord(
    mem,
    {
      log,
      events,
      district,
      spec,
      view: {
        sensors: district.sensors,
        fleet: district.fleet,
        depots: district.depots,
        controlStepS: 60,
        rainRates: districtRainRates(log, 60),
        warningM: 4.4,
        lonLat,
      },
      source: { files: [], skipped: [], unmatched: log.unmatched, matching: { hotspotM: 100, roadM: 50, sensorM: 30 } },
    },
    rc,
  );
  replay = RecordReplay.open(mem);
});

describe('an imported incident record', () => {
  it('holds the events in time order, numbered, with the simulation types, each from a reconstructed row', () => {
    expect(replay.events).toEqual(JSON.parse(JSON.stringify(events)));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i].timeS).toBeGreaterThanOrEqual(events[i - 1].timeS);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'run.started',
      'rain.started',
      'rain.peaked',
      'sensor.alarm',
      'sensor.cleared',
      'case.opened',
      'case.dispatched',
      'truck.arrived',
      'case.cleared',
      'case.closed',
      'road.closed',
      'road.reopened',
      'run.finished',
    ])
      expect(types.has(t as RunEvent['type']), t).toBe(true);
    const fromRows = events.filter((e) => 'logRow' in e);
    expect(fromRows.every((e) => (e as { reconstructed?: boolean }).reconstructed === true)).toBe(true);
    const opened = events.find((e) => e.type === 'case.opened' && e.caseId === 'WO-0920-007')!;
    expect(opened).toMatchObject({ source: 'hotspot', sourceId: 'H04', channel: 'sensor', sensorId: 'W04' });
    expect(opened.lonLat?.[0]).toBeCloseTo(121.4976017, 6);
  });

  it('replays the state at 07:50: orders not closed, the truck on its way, closed roads, sensors in alarm', () => {
    const v = replay.stateAt(7 * 3600 + 50 * 60);
    expect(v.cases.map((c) => [c.id, c.state, c.truckId])).toEqual([
      ['WO-0920-002', 'dispatched', 'T07'],
      ['WO-0920-003', 'open', ''],
      ['WO-0920-004', 'open', ''],
      ['WO-0920-005', 'open', ''],
    ]);
    expect(v.trucks.find((t) => t.id === 'T07')).toMatchObject({ state: 'enRoute', caseId: 'WO-0920-002' });
    // The tunnel (closed 07:37) and North Sichuan Road (closed 07:58: not yet); the fallen tree was cleared at 04:40.
    const tunnel = log.closures
      .find((c) => c.record.label === '延安东路隧道')!
      .record.pieces.flatMap((p) => p.edgeKeys);
    expect([...v.roads.closedEdgeKeys].sort()).toEqual([...tunnel].sort());
    expect(v.sensors.filter((s) => s.level !== 'normal').map((s) => s.id)).toEqual(['W03', 'W04', 'W23', 'W26']);
    expect(v.water.storedM3).toBeNull();
    expect(replay.stateAt(2 * 3600).river).toMatchObject({ stageM: 4.95, level: 'warning' });
  });

  it('has no depth frames, and says so in one line', () => {
    expect(replay.hasDepth).toBe(false);
    expect(replay.manifest.source).toMatchObject({
      kind: 'imported',
      startAt: '2024-09-20T00:00:00+08:00',
      simulated: false,
    });
    expect(() => replay.frameAt(3600)).toThrow(/has no depth frames .*--simulate/);
  });

  it('scores the real response by the fleet KPI definitions, censoring what never happened and leaving unknowns null', () => {
    const k = incidentKpis(log, log.durationS);
    expect([k.casesOpened, k.casesDispatched, k.casesServed, k.casesOpenAtEnd]).toEqual([12, 9, 9, 1]);
    // WO-0920-012 (12345 at 10:40) was never dispatched: it waits until noon.
    expect(k.cases.find((c) => c.caseId === 'WO-0920-012')).toMatchObject({
      dispatchCensored: true,
      toDispatchS: 4800,
    });
    expect(Number.isNaN(k.pumpedM3) && Number.isNaN(k.hotspotWaterHours)).toBe(true);
    // 大名路 closed 1.5 h, the tunnel 1.8 h, 四川北路 1.45 h: positive road-km·hours that grow with the closures.
    expect(k.roadKmHoursClosed).toBeGreaterThan(0);
    expect(incidentKpis(log, 9 * 3600).roadKmHoursClosed).toBeLessThan(k.roadKmHoursClosed);
    const saved = JSON.parse(strFromU8(mem.readFile('kpis.json')!)) as { kpis: Record<string, unknown> };
    expect(saved.kpis.pumpedM3).toBeNull();
    expect(strFromU8(mem.readFile('cases.csv')!).split('\n')[0]).toMatch(
      /^caseId,source,sourceId,state,.*,lon,lat,channel,hotspot_id,road,segment_id,truck,reconstructed,log_row$/,
    );
  });
});
