// `rivertwin compare <recordA> <recordB> [--json]`: two finished runs of the same district and grid side by side —
// KPIs with differences (B − A), each hotspot's peak depth and first-wet time, and the difference of maximum depth.
import { parseArgs } from 'node:util';
import { clock, compareRecords, readRecordResults, type RecordComparison } from '../../../simulation/record/index.ts';
import { openRecord } from '../open-record.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin compare <recordA> <recordB> [--json]

Compares two finished runs of the same district on the same grid; every difference is B − A (A the baseline):
  KPIs          side by side, with which run is better where that can be said
  hotspots      peak depth and first-wet time of each hotspot that changed
  max depth     cells deeper or shallower in B by more than 2 cm, their areas, the largest rise and fall
Records of different districts or grids (another --cell) are refused. --json prints one object with every KPI and
hotspot and the difference grid's summary (rivertwin report <B> --compare <A> draws the difference map).`;

export const verb: CliVerb = {
  name: 'compare',
  summary: 'two recorded runs side by side: KPIs, hotspots and maximum depth, differences B − A',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' } },
    });
    if (positionals.length !== 2)
      throw new CliError('compare takes two record folders, A then B; see "rivertwin compare --help"');
    const side = (dir: string) => {
      const { replay, source } = openRecord(dir);
      return { manifest: replay.manifest, results: readRecordResults(replay, source), name: dir };
    };
    const cmp = compareRecords(side(positionals[0]), side(positionals[1]));
    if (values.json) {
      process.stdout.write(JSON.stringify(comparisonJson(cmp), null, 1) + '\n');
      return 0;
    }
    process.stdout.write(comparisonText(cmp));
    return 0;
  },
};

/** The comparison as JSON: the difference grid summarised (not every cell). */
function comparisonJson(cmp: RecordComparison): object {
  const { differenceM: _grid, ...maxDepth } = cmp.maxDepth;
  return { schema: 'rivertwin.comparison/1', ...cmp, maxDepth };
}

function comparisonText(cmp: RecordComparison): string {
  const n = (v: number | null, digits: number): string =>
    v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const sign = (v: number | null, digits: number): string => (v !== null && v > 0 ? '+' : '') + n(v, digits);
  const rows = cmp.kpis.map((k) => {
    const better = k.better === 'a' ? 'A better' : k.better === 'b' ? 'B better' : k.better === 'same' ? 'same' : '';
    return `  ${k.name.padEnd(22)} ${n(k.a, k.digits).padStart(14)} ${n(k.b, k.digits).padStart(14)} ${sign(k.difference, k.digits).padStart(14)} ${k.unit.padEnd(6)} ${better}`;
  });
  const changed = cmp.hotspots.filter(
    (h) => Math.abs(h.peakDifferenceM ?? 0) > 0.005 || (h.firstWetDifferenceS ?? 0) !== 0,
  );
  const cm = (m: number | null): string => (m === null ? '—' : `${Math.round(m * 100)} cm`);
  const d = cmp.maxDepth;
  return (
    [
      `A ${cmp.a.name} (${cmp.a.scenario}, ${cmp.a.runId})`,
      `B ${cmp.b.name} (${cmp.b.scenario}, ${cmp.b.runId})`,
      ...cmp.warnings.map((w) => `warning: ${w}`),
      `KPIs (difference B − A)`,
      `  ${'kpi'.padEnd(22)} ${'A'.padStart(14)} ${'B'.padStart(14)} ${'B − A'.padStart(14)}`,
      ...rows,
      `hotspots that changed: ${changed.length} of ${cmp.hotspots.length}`,
      ...changed.map(
        (h) =>
          `  ${h.id.padEnd(5)} ${h.name}: peak ${cm(h.peakA)} → ${cm(h.peakB)}, first wet ${h.firstWetA === null ? '—' : clock(h.firstWetA)} → ${h.firstWetB === null ? '—' : clock(h.firstWetB)}`,
      ),
      `maximum depth: deeper in B over ${(d.wetterAreaM2 / 1e6).toFixed(3)} km² (${d.wetterCells} cells), shallower over ${(d.drierAreaM2 / 1e6).toFixed(3)} km² (${d.drierCells} cells); largest rise ${cm(d.maxRiseM)}, largest fall ${cm(d.maxFallM)} (changes under 2 cm ignored)`,
    ].join('\n') + '\n'
  );
}
