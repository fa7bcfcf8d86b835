// Public face of presentation tours: the schema, the parser and the timeline the app and the tour video share.
export {
  TOUR_MAX_SPEED,
  TOUR_MIN_SPEED,
  TOUR_PANELS,
  TourSchema,
  type TourInput,
  type TourPanel,
} from './tour-schema.ts';
export {
  CAMERA_MAX_DISTANCE_M,
  CAMERA_MIN_DISTANCE_M,
  parseTour,
  type PlacedKeyframe,
  type Tour,
  type TourSegment,
} from './tour-spec.ts';
export { cameraAt, easeInOut, tourMoment, tourTimeOf, type Pose, type TourMoment } from './tour-timeline.ts';
