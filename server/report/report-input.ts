// Reads what a report needs from records already opened: the run's results, its series and cases, a drill's
// score card beside it, and the comparisons with a fork's parent and with a record given to compare.
import { strFromU8 } from 'fflate';
import {
  compareRecords,
  readRecordResults,
  type RecordReplay,
  type RecordSource,
} from '../../simulation/record/index.ts';
import type { Twin } from '../../twin/district/build-twin.ts';
import type { ReportInput } from './build-report.ts';
import { caseTimelines, recordSeries } from './report-data.ts';
import { tr, type Lang } from './report-strings.ts';
import { parseScoreCard } from './score-card-section.ts';

/** A record opened for reading. */
export interface OpenedRecord {
  replay: RecordReplay;
  source: RecordSource;
}

/** The file a drill writes beside its record. */
export const SCORE_CARD_FILE = 'score-card.json';

/** What to read besides the record itself. */
export interface ReportSources {
  record: OpenedRecord;
  twin: Twin;
  /** A fork's parent, or null when the record is not a fork or its parent folder is not here. */
  parent: OpenedRecord | null;
  /** A record to compare with (--compare). */
  compared: OpenedRecord | null;
}

/**
 * Gathers the report's input. A comparison that cannot be made with the parent becomes a note in the report;
 * one asked for with --compare throws (SimulationError naming both records).
 */
export function readReportInput(src: ReportSources, lang: Lang): ReportInput {
  const { replay, source } = src.record;
  const results = readRecordResults(replay, source);
  const subject = { manifest: replay.manifest, results, name: source.name };
  const card = source.readFile(SCORE_CARD_FILE);
  let parent: ReportInput['parent'] = null;
  const p = replay.manifest.parent;
  if (p) {
    if (!src.parent) parent = { comparison: null, note: tr(lang, 'parentMissing', { path: p.record }) };
    else
      try {
        const other = {
          manifest: src.parent.replay.manifest,
          results: readRecordResults(src.parent.replay, src.parent.source),
          name: src.parent.source.name,
        };
        parent = { comparison: compareRecords(other, subject), note: '' };
      } catch (e) {
        parent = { comparison: null, note: tr(lang, 'notCompared', { why: (e as Error).message }) };
      }
  }
  const compared = src.compared
    ? compareRecords(
        {
          manifest: src.compared.replay.manifest,
          results: readRecordResults(src.compared.replay, src.compared.source),
          name: src.compared.source.name,
        },
        subject,
      )
    : null;
  return {
    manifest: replay.manifest,
    results,
    series: recordSeries(replay),
    cases: caseTimelines(replay, replay.manifest.reachedS),
    twin: src.twin,
    scoreCard: card ? parseScoreCard(strFromU8(card), `${source.name}/${SCORE_CARD_FILE}`) : null,
    parent,
    compared,
  };
}
