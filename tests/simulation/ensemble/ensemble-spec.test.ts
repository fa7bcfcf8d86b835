// Ensemble specs: the schema's errors name the JSON path of the bad axis or value; members cross the axes in a fixed
// order or are drawn with a seed; values the district lacks are refused by path.
import { describe, expect, it } from 'vitest';
import { drawWithoutReplacement, ensembleMembers, parseEnsemble } from '../../../simulation/ensemble/index.ts';

const base = { durationS: 3600, rain: { kind: 'preset', name: 'chicago-5y-3h' } };
const spec = (over: Record<string, unknown> = {}) => ({
  name: 'test',
  district: '..',
  base,
  axes: {
    rain: { returnPeriodsYears: [5, 50], durationsMin: [60] },
    river: ['ordinary', 'springTide'],
    fleetSize: [2, 8],
  },
  ...over,
});
const facts = { riverPresets: ['ordinary', 'springTide', 'typhoonSurge'], fleetSize: 8 };

describe('parseEnsemble', () => {
  it.each([
    [
      { axes: { wind: [1, 2] } },
      /field "\/axes\/wind": unknown field\. Fix: fields here are rain, trackOffsetsM, river/,
    ],
    [
      { axes: { policy: ['optimal', 'random'] } },
      /field "\/axes\/policy\/1": "random": .*Fix: use one of optimal, nearest, manual/,
    ],
    [{ axes: { fleetSize: [2, 4.5] } }, /field "\/axes\/fleetSize\/1": 4\.5: expected integer/],
    [
      { axes: { rain: { presets: ['chicago-5y-3h', 'noah'] } } },
      /field "\/axes\/rain\/presets\/1": unknown rain preset "noah"/,
    ],
    [{ axes: { rain: { returnPeriodsYears: [5] } } }, /field "\/axes\/rain\/durationsMin": is missing/],
    [{ axes: {} }, /field "\/axes"/],
    [{ sampling: { kind: 'sampled', members: 3 } }, /field "\/sampling\/seed": is missing/],
    [{ aggregate: { recommend: { kpi: 'casesServed' } } }, /field "\/aggregate\/recommend\/kpi": "casesServed"/],
    [{ name: 'Bad Name' }, /field "\/name"/],
  ])('refuses %j naming its path', (over, message) => {
    expect(() => parseEnsemble(spec(over), 'e.json')).toThrow(message);
  });

  it('fills the defaults of the aggregation', () => {
    const s = parseEnsemble(spec());
    expect(s.sampling).toEqual({ kind: 'crossed' });
    expect(s.aggregate.depthThresholdsM).toEqual([0.15, 0.3, 0.5]);
    expect(s.aggregate.quantiles).toEqual([0.5, 0.9]);
    expect(s.aggregate.recommend).toMatchObject({ kpi: 'casesUnserved', quantile: 0.9, tolerance: 0.1 });
  });
});

describe('ensembleMembers', () => {
  it('crosses every axis, the fleet varying fastest, each member a checked scenario', () => {
    const members = ensembleMembers(parseEnsemble(spec()), base, facts);
    expect(members).toHaveLength(8);
    expect(members.map((m) => m.id)).toEqual(['m001', 'm002', 'm003', 'm004', 'm005', 'm006', 'm007', 'm008']);
    expect(members[0].values).toEqual({ rain: 'chicago-5y-60min', river: 'ordinary', fleetSize: 2 });
    expect(members[1].values).toEqual({ rain: 'chicago-5y-60min', river: 'ordinary', fleetSize: 8 });
    expect(members[7].values).toEqual({ rain: 'chicago-50y-60min', river: 'springTide', fleetSize: 8 });
    expect(members[7].scenario.rain).toEqual({ kind: 'chicago', returnPeriodYears: 50, durationMin: 60 });
    expect(members[7].scenario.river).toBe('springTide');
    expect(members[7].scenario.fleet.size).toBe(8);
    expect(members[7].scenario.name).toBe('test m008: rain chicago-50y-60min, river springTide, fleetSize 8');
    expect(new Set(members.map((m) => JSON.stringify(m.values))).size).toBe(8);
  });

  it('runs design storms for the storm and afterStormS when given, and keeps the base otherwise', () => {
    const s = spec({ axes: { rain: { returnPeriodsYears: [5], durationsMin: [60, 180], afterStormS: 1800 } } });
    expect(ensembleMembers(parseEnsemble(s), base, facts).map((m) => m.scenario.durationS)).toEqual([5400, 12600]);
    const keep = spec({ axes: { rain: { presets: ['chicago-1y-3h'] } }, durationS: 900 });
    expect(ensembleMembers(parseEnsemble(keep), base, facts)[0].scenario.durationS).toBe(900);
  });

  it('moves a typhoon track east and west, and refuses to move other rain', () => {
    const typhoon = {
      durationS: 3600,
      rain: {
        kind: 'typhoon',
        track: [
          { timeS: 0, x: 0, y: 0 },
          { timeS: 3600, x: 100, y: 0 },
        ],
        peakMmPerH: 50,
        radiusMaxRainM: 3000,
      },
    };
    const s = parseEnsemble(spec({ base: typhoon, axes: { trackOffsetsM: [-2000, 2000] } }));
    const xs = ensembleMembers(s, typhoon, facts).map(
      (m) => (m.scenario.rain as { track: { x: number }[] }).track[1].x,
    );
    expect(xs).toEqual([-1900, 2100]);
    expect(() => ensembleMembers(parseEnsemble(spec({ axes: { trackOffsetsM: [500] } })), base, facts)).toThrow(
      /field "\/axes\/trackOffsetsM\/0": moves a typhoon's track, but the rain is "preset"/,
    );
  });

  it('refuses river presets and fleet sizes the district lacks, by path', () => {
    expect(() =>
      ensembleMembers(parseEnsemble(spec({ axes: { river: ['ordinary', 'kingTide'] } })), base, facts),
    ).toThrow(
      /field "\/axes\/river\/1": unknown river preset "kingTide"\. Fix: use one of ordinary, springTide, typhoonSurge/,
    );
    expect(() => ensembleMembers(parseEnsemble(spec({ axes: { fleetSize: [4, 12] } })), base, facts)).toThrow(
      /field "\/axes\/fleetSize\/1": 12 trucks, but the district has 8/,
    );
  });

  it('names the member and scenario field when a member’s scenario is bad', () => {
    const s = spec({ axes: { pumpFailures: [[], [{ id: 'P01', atS: 9000 }]] } });
    expect(() => ensembleMembers(parseEnsemble(s), base, facts, 'e.json')).toThrow(
      /e\.json member m002, field "\/pumpFailures\/0\/atS": 9000 s is after the run ends/,
    );
  });

  it('draws a seeded sample without replacement from the crossing', () => {
    const sampled = (seed: number) =>
      ensembleMembers(parseEnsemble(spec({ sampling: { kind: 'sampled', members: 5, seed } })), base, facts).map((m) =>
        JSON.stringify(m.values),
      );
    expect(sampled(7)).toEqual(sampled(7));
    expect(new Set(sampled(7)).size).toBe(5);
    expect(sampled(7)).not.toEqual(sampled(8));
    expect(() =>
      ensembleMembers(parseEnsemble(spec({ sampling: { kind: 'sampled', members: 9, seed: 1 } })), base, facts),
    ).toThrow(/field "\/sampling\/members": 9 members, but the axes cross to 8/);
    const draw = drawWithoutReplacement(1000, 1000, 3);
    expect(draw).toEqual(Array.from({ length: 1000 }, (_v, i) => i));
  });
});
