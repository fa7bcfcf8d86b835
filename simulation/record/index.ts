// Public face of run records: the format, the writer, replay without re-simulating, forks, and the byte codec of
// checkpoints. File access lives in record-folder.node.ts.
export {
  compareRecords,
  COMPARED_KPIS,
  DEPTH_DIFFERENCE_NOISE_M,
  type ComparedRecord,
  type DepthDifference,
  type HotspotComparison,
  type KpiComparison,
  type KpiDescriptor,
  type RecordComparison,
} from './compare.ts';
export { csvTable } from './csv-table.ts';
export {
  casesGeoJson,
  closuresGeoJson,
  depthGeoTiff,
  eventsCsv,
  EXPORT_NODATA,
  maxDepthGeoTiff,
  recordFrame,
  truckTracksGeoJson,
} from './record-export.ts';
export {
  forkRecord,
  mergePatch,
  openFork,
  stepRecorded,
  type ForkProgress,
  type ForkRequest,
  type OpenedFork,
} from './fork.ts';
export { decodePlain, encodePlain, type PlainTypedArray, type PlainValue } from './plain-codec.ts';
export {
  checkpointPath,
  checkpointTime,
  RECORD_FILES,
  RECORD_SCHEMA,
  type ImportedSource,
  type RecordManifest,
  type RecordSink,
  type RecordSource,
  type StagedTruck,
} from './record-format.ts';
export { readRecordResults, type RecordedHotspotPeak, type RecordResults } from './record-results.ts';
export { RecordWriter, recordDistrict, stagedTrucks, writeMaxDepth, type RecordContext } from './record-writer.ts';
export { clock, RecordReplay, type EventFilter, type Frame } from './replay.ts';
export {
  decodeFrame,
  encodeFrame,
  FRAME_MAX_DEPTH_M,
  FRAME_NODATA,
  frameChunkPath,
  zarrStoreFiles,
  type FrameGrid,
} from './zarr-frames.ts';
export {
  decodeFrameMessage,
  encodeFrameMessage,
  FRAME_HEADER_BYTES,
  frameDepthM,
  type FrameMessage,
} from './frame-message.ts';
export {
  CASE_STAGES,
  caseStage,
  casesByStage,
  TRUCK_STATES,
  trucksByState,
  viewSeries,
  type CaseStage,
  type SensorSeries,
  type ViewSeries,
} from './view-series.ts';
