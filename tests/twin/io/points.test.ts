import { describe, expect, it } from 'vitest';
import {
  readCatchments,
  readDepots,
  readFleet,
  readHotspots,
  readPumpStations,
  readSensors,
  validateFleet,
} from '../../../twin/io/vector.ts';
import type { ImportContext } from '../../../twin/io/import-context.ts';
import type { Depot, PumpTruck } from '../../../twin/types.ts';
import { contextFor, describeGolden } from './vector-golden.ts';

const readers: Record<string, (input: string, ctx: ImportContext) => unknown> = {
  sensors: readSensors,
  hotspots: readHotspots,
  pumpStations: readPumpStations,
  depots: readDepots,
  fleet: readFleet,
  catchments: readCatchments,
};

describeGolden('points', (c, warnings) => {
  const file = c.inputs[0];
  const read = readers[c.params.role as string];
  return read(c.readInput(file), contextFor(c, file, warnings));
});

describe('validateFleet', () => {
  const depot: Depot = { id: 'D1', name: '北外滩', xy: [0, 0], modelled: true };
  const truck = (id: string, depotId: string): PumpTruck => ({
    id,
    name: id,
    depotId,
    capacityM3PerH: 3000,
    wadingDepthM: 0.5,
    modelled: true,
  });

  it('accepts trucks whose depots exist', () => {
    expect(() => validateFleet([truck('T1', 'D1')], [depot], 'fleet.csv')).not.toThrow();
  });

  it('names the truck, its unknown depot and the known ones', () => {
    expect(() => validateFleet([truck('T1', 'D1'), truck('T2', 'D9')], [depot], 'fleet.csv')).toThrow(
      'twin: fleet.csv, feature T2, field "depot_id": depot "D9" is not a known depot. Fix: use one of the depot ids: D1',
    );
  });
});
