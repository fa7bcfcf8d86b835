// The scenario in words, for the first section of a report: what district, what storm, what river, what fleet and
// what came of it — from the record's manifest (the scenario with every default filled in) and its results.
import type { RecordManifest, RecordResults } from '../../simulation/record/index.ts';
import { area, clockHM, depthCm, duration, esc, num, withUnit } from './report-format.ts';
import type { RecordSeries } from './report-data.ts';
import { tr, trMaybe, type Lang } from './report-strings.ts';

/** Paragraphs (HTML-escaped) describing the run. */
export function scenarioParagraphs(
  lang: Lang,
  m: RecordManifest,
  results: RecordResults,
  series: RecordSeries,
  datum: string,
  roadAlarmM: number | null,
): string[] {
  const s = m.scenario;
  const zh = lang === 'zh';
  const districtName = zh ? m.district.name : m.district.nameEn;
  const title = (zh ? s.title : s.titleEn) ?? s.title ?? s.name;
  const description = zh ? s.description : (s.descriptionEn ?? s.description);
  const level = (v: number | null | undefined): string =>
    typeof v === 'number' && Number.isFinite(v) ? `${withUnit(v, 'm', 2)}${datum ? ` ${datum}` : ''}` : '—';
  const first: string[] = [tr(lang, 'scenarioLead', { district: districtName, title })];
  if (description) first.push(description);
  first.push(
    tr(lang, 'scenarioRun', {
      duration: duration(lang, s.durationS),
      nx: m.grid.nx,
      ny: m.grid.ny,
      cell: withUnit(m.grid.cellM, 'm'),
      step: duration(lang, s.controlStepS),
      seed: m.seed,
    }),
  );
  const storm: string[] = [rainWords(lang, s.rain as unknown as Record<string, unknown>)];
  const peakIndex = series.rainMmPerH.reduce((best, v, i, a) => (v > a[best] ? i : best), 0);
  if (series.tS.length)
    storm.push(
      tr(lang, 'rainTotals', {
        total: withUnit(series.rainMm.at(-1), 'mm', 1),
        peak: withUnit(series.rainMmPerH[peakIndex], 'mm/h', 1),
        at: clockHM(series.tS[peakIndex]),
      }),
    );
  const river = typeof s.river === 'object' ? (s.river as unknown as Record<string, unknown>) : null;
  if (river) storm.push(riverWords(lang, river, level));
  if (series.stageM.length)
    storm.push(
      tr(lang, 'riverPeak', {
        peak: level(results.peakStageM),
        warning: level(series.warningM),
        crest: level(series.wallCrestM),
      }),
    );
  const response: string[] = [
    tr(lang, 'fleetLine', {
      policy: trMaybe(lang, `policy_${s.fleet.policy}`, s.fleet.policy),
      pre: s.fleet.prePosition ? tr(lang, 'prePositioned') : '',
      setup: duration(lang, s.fleet.setupS),
    }),
  ];
  if (s.pumpFailures.length)
    response.push(
      tr(lang, 'pumpFailures', { list: s.pumpFailures.map((f) => `${f.id} @ ${clockHM(f.atS)}`).join(', ') }),
    );
  if (s.commands.length) response.push(tr(lang, 'commandsLine', { n: s.commands.length }));
  const k = results.kpis;
  const outcome = tr(lang, 'outcome', {
    area: area(results.floodedAreaM2),
    alarm: depthCm(roadAlarmM),
    opened: num(k.casesOpened),
    served: num(k.casesServed),
    open: num(k.casesOpenAtEnd),
  });
  const paragraphs = [first, storm, response, [outcome]].map((p) => esc(p.join(zh ? '' : ' ')));
  if (m.status === 'cancelled') paragraphs.unshift(esc(tr(lang, 'cancelled', { at: clockHM(m.reachedS) })));
  return paragraphs;
}

function rainWords(lang: Lang, rain: Record<string, unknown>): string {
  const n = (key: string): number => Number(rain[key]);
  switch (rain.kind) {
    case 'chicago':
      return tr(lang, 'rainChicago', {
        p: num(n('returnPeriodYears')),
        d: duration(lang, n('durationMin') * 60),
        r: num(typeof rain.peakPosition === 'number' ? rain.peakPosition : 0.367, 3),
      });
    case 'uniform':
      return tr(lang, 'rainUniform', { rate: withUnit(n('rateMmPerH'), 'mm/h', 1), d: duration(lang, n('durationS')) });
    case 'typhoon':
      return tr(lang, 'rainTyphoon', { peak: withUnit(n('peakMmPerH'), 'mm/h', 1) });
    case 'preset':
      return tr(lang, 'rainPreset', { name: String(rain.name) });
    case 'stations':
      return tr(lang, 'rainStations');
    default:
      return tr(lang, 'rainSeries');
  }
}

function riverWords(lang: Lang, river: Record<string, unknown>, level: (v: number) => string): string {
  if (river.kind === 'tide') {
    const surge = river.surge as { peakM: number } | undefined;
    return tr(lang, 'riverTide', {
      mean: level(Number(river.meanM)),
      amp: withUnit(Number(river.amplitudeM), 'm', 2),
      high: clockHM(Number(river.highTideAtS)),
      surge: surge ? tr(lang, 'riverSurge', { peak: withUnit(surge.peakM, 'm', 2) }) : '',
    });
  }
  if (river.kind === 'constant') return tr(lang, 'riverConstant', { stage: level(Number(river.stageM)) });
  return tr(lang, 'riverSeries');
}
