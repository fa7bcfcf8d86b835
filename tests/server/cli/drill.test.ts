// `rivertwin drill` as a duty officer meets it: the example operator log on typhoon-6h gives the committed score card
// (a golden file, REGEN=1 rewrites it), the drill and the plan are both records, a refused order is reported with its
// line; a bad command file is one line naming file, line and field, and nothing is written. typhoon-6h runs twice
// (the plan and the drill, about 4 min each at its 10 m cells), once for the whole file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../../simulation/drill/index.ts';
import { runCli, type CliResult } from '../../helpers/cli.ts';
import { expectGolden, repoRoot } from '../../helpers/golden.ts';

const root = mkdtempSync(join(tmpdir(), 'rivertwin-drill-'));
const out = join(root, 'drill');
const example = 'datasets/shanghai-bund/drills/typhoon-6h-operator.ndjson';
const golden = join(repoRoot, 'tests/fixtures/server/drill/typhoon-6h-operator/score-card.json');
let r: CliResult;
let card: ScoreCard;

beforeAll(() => {
  const args = ['drill', 'datasets/shanghai-bund', '--scenario', 'typhoon-6h', '--commands', example];
  r = runCli([...args, '--out', out, '--json'], 1_800_000);
  if (r.status === 0) card = JSON.parse(readFileSync(join(out, 'score-card.json'), 'utf8')) as ScoreCard;
}, 1_800_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('rivertwin drill on typhoon-6h with the example operator log', () => {
  it('gives the committed score card, and prints it as JSON', () => {
    expect(r.status, r.stderr).toBe(0);
    expectGolden(golden, card);
    expect(JSON.parse(r.stdout)).toEqual(card);
  });

  it('scores good, late and missed orders below the plan', () => {
    expect(card.scenario).toBe('typhoon-6h');
    expect(card.score).toBeGreaterThan(0);
    expect(card.score).toBeLessThan(100);
    const verdicts = new Set(card.cases.map((c) => c.verdict));
    for (const v of ['on-time', 'late', 'missed']) expect(verdicts).toContain(v);
    // The first hotline call, overlooked on purpose.
    expect(card.cases.find((c) => c.caseId === 'C002')).toMatchObject({ verdict: 'missed', operator: null });
    expect(card.kpis.find((k) => k.name === 'caseHoursWaiting')).toMatchObject({ unit: 'h', lowerIsBetter: true });
  });

  it('writes the drill and the plan as complete records, the drill with every order given', () => {
    const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const drill = manifest(out);
    const plan = manifest(join(out, 'plan'));
    expect([drill.complete, plan.complete]).toEqual([true, true]);
    expect(drill.scenario.fleet.policy).toBe('manual');
    expect(drill.scenario.name).toBe('typhoon-6h + manual dispatch');
    expect(plan.scenario.fleet.policy).toBe('optimal');
    expect(plan.scenario.name).toBe('typhoon-6h');
    const given = readFileSync(join(repoRoot, example), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const logged = readFileSync(join(out, 'commands.ndjson'), 'utf8').trim().split('\n');
    expect(logged.map((l) => JSON.parse(l).command)).toEqual(given.map((l) => JSON.parse(l)));
  });

  it('reports the order the run refused, by its line', () => {
    expect(r.stderr).toMatch(
      /typhoon-6h-operator\.ndjson line 12: dispatch refused at 02:01: no open road from truck T03 to case C010/,
    );
  });
});

describe('rivertwin drill with a bad command file', () => {
  it('names the file, line and field, and writes nothing', () => {
    const file = join(root, 'bad.ndjson');
    writeFileSync(
      file,
      [
        '# two good lines, then a truck the Bund does not have',
        '{"atS": 5640, "kind": "dispatch", "truckId": "T05", "caseId": "C001"}',
        '{"atS": 5700, "kind": "dispatch", "truckId": "T99", "caseId": "C002"}',
        '{"atS": 5800, "kind": "hold"}',
      ].join('\n'),
    );
    const bad = join(root, 'bad-out');
    const e = runCli(['drill', 'datasets/shanghai-bund', '--scenario', 'typhoon-6h', '--commands', file, '--out', bad]);
    expect(e.status).toBe(1);
    expect(e.stderr.trim()).toBe(
      `rivertwin: ${file} line 3, field "truckId": unknown truck "T99". Fix: trucks are T01, T02, T03, T04, T05, T06, T07, T08 (and 1 more bad line; --lenient skips them)`,
    );
    expect(existsSync(bad)).toBe(false);
  });

  it('skips bad lines with --lenient, says which, and prints the card as a table', () => {
    const scenario = join(root, 'short.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'short storm',
        durationS: 1800,
        cellM: 25,
        rain: { kind: 'uniform', rateMmPerH: 150, durationS: 1800 },
        river: 'springTide',
      }),
    );
    const file = join(root, 'lenient.ndjson');
    writeFileSync(
      file,
      '{"atS": 600, "kind": "hold", "truckId": "T01"}\n{"atS": 660, "kind": "hold", "truckId": "T99"}\n',
    );
    const dir = join(root, 'lenient-out');
    const e = runCli([
      'drill',
      'datasets/shanghai-bund',
      '--scenario',
      scenario,
      '--commands',
      file,
      '--out',
      dir,
      '--lenient',
    ]);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stderr).toContain(`rivertwin: warning: skipped ${file} line 2, field "truckId": unknown truck "T99"`);
    expect(e.stdout).toMatch(/^drill on short storm \(seed 1\): score \d+(\.\d)? \/ 100 against the optimal plan\n/);
    expect(e.stdout).toMatch(/\n {2}caseHoursWaiting +h /);
    const logged = readFileSync(join(dir, 'commands.ndjson'), 'utf8').trim().split('\n');
    expect(logged.map((l) => JSON.parse(l).command)).toEqual([{ atS: 600, kind: 'hold', truckId: 'T01' }]);
    expect(existsSync(join(dir, 'plan', 'manifest.json'))).toBe(true);
  });

  it('asks for what is missing', () => {
    const e = runCli(['drill', 'datasets/shanghai-bund', '--scenario', 'typhoon-6h', '--out', join(root, 'x')]);
    expect(e.status).toBe(1);
    expect(e.stderr.trim()).toBe('rivertwin: drill needs --commands <file.ndjson>, the operator’s timed commands');
  });
});
