// Public face of the flood-aware road network: travel times from the depth field, routing, matrices, isochrones
// and snapping points to roads.
export {
  CAR,
  DEFAULT_VEHICLE_CLASSES,
  PREGNOLATO_MIN_SPEED_KMH,
  PREGNOLATO_VERTEX_MM,
  PUMP_TRUCK,
  UNDERPASS_CLOSURE_DEPTH_M,
  pregnolatoSpeedKmh,
  wadingSpeedKmh,
  type VehicleClass,
} from './depth-disruption.ts';
export { IndexedMinHeap } from './heap.ts';
export { isochrone, isochroneLines, type Isochrone } from './isochrone.ts';
export {
  nearestOrigins,
  travelTimeMatrix,
  travelTimesFrom,
  type MatrixOptions,
  type NearestOrigins,
} from './matrix.ts';
export { pointAlong, polylineLengthM, slicePolyline } from './polyline.ts';
export { buildRoadCsr, type RoadCsr } from './road-csr.ts';
export { atNode, checkLocation, onEdge, type RoadLocation } from './road-location.ts';
export { RouteFinder, locationNode, type EdgePiece, type FoundRoute, type NoRoute, type Route } from './routing.ts';
export { DEFAULT_MAX_SNAP_M, EdgeSnapper, type SnappedLocation } from './snap.ts';
export {
  EVENT_CLOSURE_REASONS,
  FloodAwareNetwork,
  type ClosureReason,
  type EventClosureReason,
  type FloodAwareNetworkOptions,
  type NetworkState,
  type RoadClosureChange,
} from './travel-time.ts';
