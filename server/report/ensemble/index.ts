// Public face of the ensemble report: one self-contained HTML page of an ensemble's outputs, in Chinese or English.
export { buildEnsembleReportHtml, type EnsembleReportInput } from './build-ensemble-report.ts';
export { ensembleStringKeys, ensembleStringPair, etr } from './ensemble-strings.ts';
export { fleetOptionWords } from './ensemble-sections.ts';
