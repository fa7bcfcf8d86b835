// Public face of reports: one self-contained HTML page of a run record, in Chinese or English, with its maps and
// server-rendered charts.
export { buildReportHtml, type ReportInput } from './build-report.ts';
export { cellCentrePx, depthMapSvg, mapLayout, type MapBase, type MapGrid, type MapLayout } from './depth-map.ts';
export {
  classOf,
  DEPTH_CLASSES,
  DIFFERENCE_CLASSES,
  DRY_BELOW_M,
  PROBABILITY_CLASSES,
  rgbOf,
  type ColourClass,
} from './depth-classes.ts';
export { readReportInput, SCORE_CARD_FILE, type OpenedRecord, type ReportSources } from './report-input.ts';
export { stringKeys, tr, type Lang } from './report-strings.ts';
export { parseScoreCard, type ScoreCard } from './score-card-section.ts';
