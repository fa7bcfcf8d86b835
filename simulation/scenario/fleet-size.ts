// How a scenario's `fleet.size` picks trucks from the district's fleet: in turn from each depot, so a smaller fleet
// still starts from every depot rather than emptying the far ones first. The same rule for runs, forecasts and forks.
import { SimulationError } from '../errors.ts';
import type { PumpTruck } from '../../twin/types.ts';

/**
 * The trucks a run of `size` trucks uses: depots taken in the order they first appear in the fleet list, one truck
 * from each in turn (each depot's trucks in list order) until `size` are chosen; returned in the fleet list's order.
 * `size` undefined means the whole fleet; `depots` keeps only those depots' trucks first (the scenario's
 * `fleet.depots`; its ids are checked against the district by placeScenario).
 * @param size number of trucks (0 to the fleet's length)
 * @throws SimulationError naming `/fleet/size` when the district (or the chosen depots) has fewer trucks
 */
export function fleetOfSize<T extends Pick<PumpTruck, 'id' | 'depotId'>>(
  all: readonly T[],
  size: number | undefined,
  depots?: readonly string[],
): T[] {
  const fleet = depots ? all.filter((t) => depots.includes(t.depotId)) : all;
  if (size === undefined) return [...fleet];
  if (!Number.isInteger(size) || size < 0 || size > fleet.length)
    throw new SimulationError(
      `a fleet of ${size} trucks, but ${depots ? `depots ${depots.join(', ')} have` : 'the district has'} ${fleet.length}`,
      { input: 'scenario', field: '/fleet/size' },
      `give a whole number from 0 to ${fleet.length}, or leave size out for the whole fleet`,
      'SIM_ERR_SCENARIO',
    );
  const byDepot = new Map<string, number[]>();
  fleet.forEach((t, i) => {
    const list = byDepot.get(t.depotId) ?? [];
    list.push(i);
    byDepot.set(t.depotId, list);
  });
  const queues = [...byDepot.values()];
  const chosen = new Set<number>();
  for (let round = 0; chosen.size < size; round++)
    for (const q of queues) if (round < q.length && chosen.size < size) chosen.add(q[round]);
  return fleet.filter((_t, i) => chosen.has(i));
}
