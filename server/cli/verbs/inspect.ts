// `rivertwin inspect <district>`: load a district folder and summarise it (counts, extent, grid, terrain, warnings).
import { parseArgs } from 'node:util';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { summariseDistrict, type DistrictSummary } from '../../../twin/district/summary.ts';
import { describeEstimate, type GridEstimate } from '../../../twin/district/estimate.ts';
import { DISTRICT_OPTIONS, DISTRICT_USAGE, districtOptions, twinOptions } from '../district-options.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin inspect <district-folder> [--json] [--cell <metres>] [--lenient] [--clip <box>]

Loads a district (a folder with a district.json manifest; see README "District manifest") and prints what it holds:
buildings (and how many heights were inferred), roads and the road graph, water, sensors, hotspots, drainage,
depots and the pump-truck fleet, its extent, the simulation grid at the chosen cell size, and the terrain source.

  --json        one JSON object on stdout
  --cell <m>    grid cell size in metres (default: the manifest's grid.cellM, 5 m)
${DISTRICT_USAGE}

The grid's cells, memory and time per simulated hour are estimated before it is built: a grid that would not fit
in memory is refused, a large one is warned about.`;

function formatSummary(s: DistrictSummary, estimate?: GridEstimate): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const lines = [
    `${s.name}${s.nameEn ? ` — ${s.nameEn}` : ''}  (${s.id})`,
    '',
    `  buildings      ${n(s.buildings)} (from ${n(s.buildingPieces)} pieces; ${n(s.heightsInferred)} heights inferred from levels or kind)`,
    `  roads          ${n(s.roads)} segments, ${n(s.drivableRoads)} drivable`,
    `  road graph     ${n(s.roadNodes)} junctions, ${n(s.roadEdges)} directed edges; largest strongly connected component ${(s.largestComponentShare * 100).toFixed(1)}% (${n(s.roadNodesDropped)} nodes dropped)`,
    `  water          ${n(s.waterBodies)} bodies; ${n(s.floodWalls)} flood walls; ${n(s.landCover)} land-cover areas`,
    `  sensors        ${n(s.sensors.total)}: ${s.sensors.rain} rain gauges, ${s.sensors.riverLevel} river-level gauges, ${s.sensors.roadWater} road/underpass water monitors`,
    `  hotspots       ${n(s.hotspots)}${
      Object.keys(s.hotspotsByKind).length
        ? ' (' +
          Object.entries(s.hotspotsByKind)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') +
          ')'
        : ''
    }`,
    `  drainage       ${s.catchments} catchments, ${s.pumpStations} pump stations (${s.pumpCapacityM3PerS} m³/s)`,
    `  fleet          ${s.fleet.trucks} pump trucks (${n(s.fleet.capacityM3PerH)} m³/h) at ${s.depots} depots`,
    `  extent         ${s.extentM.width} × ${s.extentM.height} m; lon ${s.extentDeg.minLon}–${s.extentDeg.maxLon}, lat ${s.extentDeg.minLat}–${s.extentDeg.maxLat}`,
    `  origin         lon ${s.origin.lon}, lat ${s.origin.lat} (local frame: metres east/north)`,
    `  grid           ${s.grid.nx} × ${s.grid.ny} cells at ${s.grid.cellM} m (${n(s.grid.cells)} cells${s.grid.byLayer ? `: ${n(s.grid.byLayer.building)} building, ${n(s.grid.byLayer.road)} road, ${n(s.grid.byLayer.green)} green, ${n(s.grid.byLayer.river)} river, ${n(s.grid.byLayer.wall)} wall` : ''})`,
    `  terrain        ${s.terrain === 'modelled' ? `MODELLED, not surveyed: ${s.terrainProvenance}` : s.terrain === 'flat' ? `FLAT, not surveyed: ${s.terrainProvenance}` : s.terrainProvenance}${s.underpasses ? `; ${s.underpasses} underpass/tunnel portals` : ''}`,
  ];
  if (estimate) lines.push(`  estimate       ${describeEstimate(estimate)} (coupled run, one thread)`);
  if (s.modelled.length)
    lines.push(
      `  modelled       ${s.modelled.join(', ')} (${s.terrain === 'flat' && s.modelled.length === 1 ? 'the ground as district.json declares it' : "placed by documented rules; see the district's SOURCE.md"})`,
    );
  if (s.attribution) lines.push(`  data           ${s.attribution}`);
  if (s.warnings.length) {
    lines.push('', `  ${s.warnings.length} warning(s):`);
    for (const w of s.warnings.slice(0, 20)) lines.push(`    - ${w}`);
    if (s.warnings.length > 20) lines.push(`    … and ${s.warnings.length - 20} more (--json lists all)`);
  }
  return lines.join('\n') + '\n';
}

export const verb: CliVerb = {
  name: 'inspect',
  summary: 'summarise a district folder: buildings, roads, graph, water, sensors, fleet, extent, grid, terrain',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...DISTRICT_OPTIONS, json: { type: 'boolean' }, cell: { type: 'string' } },
    });
    if (positionals.length !== 1)
      throw new CliError(`inspect takes one district folder (got ${positionals.length}).\n${usage}`);
    const district = await loadDistrict(positionals[0], districtOptions(values));
    const cellM = values.cell === undefined ? district.manifest.grid.cellM : Number(values.cell);
    if (!(cellM >= 0.5 && cellM <= 500))
      throw new CliError(`--cell ${values.cell} is not a cell size in metres (0.5–500)`);
    // The summary lists the size warnings with the others, so none go to stderr here.
    const twin = buildTwin(district, twinOptions(cellM, true));
    const summary = summariseDistrict(district, twin.graphReport, twin.grid, twin.grid.report, twin.estimate);
    process.stdout.write(values.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, twin.estimate));
    return 0;
  },
};
