// Public face of incident-log import: the format (rows, columns, schema), checking a log against a district, putting
// it on the run's clock with orders matched to hotspots and roads, and writing it as a run record.
export { assembleLog, type IncidentLog, type ImportedCase, type UnmatchedOrder } from './incident-log.ts';
export { incidentEvents, type EventContext } from './incident-events.ts';
export { importRows, logFormat, type ImportedRows, type LogFile, type SkippedRow } from './incident-import.ts';
export { incidentKpis } from './incident-kpis.ts';
export {
  HOTSPOT_MATCH_M,
  indexRoads,
  ROAD_MATCH_M,
  SENSOR_MATCH_M,
  type RoadIndex,
  type RoadPiece,
} from './incident-match.ts';
export { PLACE_MARGIN_M, type IncidentDistrict, type ParsedLog } from './incident-parse.ts';
export { writeIncidentRecord, type IncidentRecordInput } from './incident-record.ts';
export {
  COMMON_COLUMNS,
  INCIDENT_ROW_TYPES,
  IncidentRowSchema,
  ROW_COLUMNS,
  type ColumnDef,
  type IncidentRowType,
} from './incident-schema.ts';
export { districtRainRates, measuredRiver, stationsRainSpec } from './incident-storm.ts';
export { formatLogTime, parseLogTime, type LogTime } from './incident-time.ts';
export { incidentView, type ViewContext } from './incident-view.ts';
