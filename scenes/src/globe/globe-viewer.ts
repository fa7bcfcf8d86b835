// Cesium's globe, fully offline: no ion token, the bundled Natural Earth II imagery through buildModuleUrl (the
// build copies Cesium's static files; CESIUM_BASE_URL names where), the bare CesiumWidget (none of the Viewer's
// widgets that call out — base layer picker, geocoder — nor its knockout, which needs eval, refused by the app's
// CSP), drawn only when asked (the app clock asks), Cesium's own clock stopped and set from ours.
import 'cesium/Build/Cesium/Widgets/CesiumWidget/CesiumWidget.css';
import {
  BoundingSphere,
  buildModuleUrl,
  Cartesian3,
  CesiumWidget,
  Credit,
  HeadingPitchRange,
  ImageryLayer,
  Ion,
  JulianDate,
  Math as CesiumMath,
  TileMapServiceImageryProvider,
} from 'cesium';
import type { DegRect } from './globe-marks.ts';

/**
 * The instant Cesium's clock reads at simulated time 0. It is never shown (no Cesium clock widget, no sun lighting);
 * it only anchors the app clock's seconds on Cesium's JulianDate.
 */
export const CLOCK_EPOCH = JulianDate.fromIso8601('2000-01-01T00:00:00Z');

/** Natural Earth II's credit: the raster is in the public domain; credited anyway, as its makers ask. */
export const NATURAL_EARTH_CREDIT = 'Natural Earth II © naturalearthdata.com (public domain)';

/**
 * A viewer in `container` with its credits in `credits`; `attribution` (the district's ODbL line) is a credit too.
 * `test` keeps the drawing buffer so tests can read pixels.
 */
export function createViewer(
  container: HTMLElement,
  credits: HTMLElement,
  attribution: string,
  test: boolean,
): CesiumWidget {
  // No ion: an empty token, and nothing below that would ask ion for a default (imagery, terrain, geocoder).
  Ion.defaultAccessToken = '';
  const imagery = TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII'), {
    credit: new Credit(NATURAL_EARTH_CREDIT, true),
  });
  const viewer = new CesiumWidget(container, {
    baseLayer: ImageryLayer.fromProviderAsync(imagery),
    shouldAnimate: false,
    requestRenderMode: true,
    maximumRenderTimeChange: Infinity,
    creditContainer: credits,
    msaaSamples: test ? 1 : 4,
    contextOptions: { webgl: { preserveDrawingBuffer: test } },
  });
  viewer.creditDisplay.addStaticCredit(new Credit(attribution, true));
  // Cesium's clock never runs on its own: the app clock sets it (setGlobeTime).
  viewer.clock.shouldAnimate = false;
  viewer.clock.canAnimate = false;
  viewer.clock.currentTime = CLOCK_EPOCH.clone();
  viewer.scene.globe.enableLighting = false;
  viewer.scene.fog.enabled = false;
  return viewer;
}

/** Sets Cesium's clock to the app clock's simulated time `tS` (s) and asks for a frame. */
export function setGlobeTime(viewer: CesiumWidget, tS: number): void {
  JulianDate.addSeconds(CLOCK_EPOCH, tS, viewer.clock.currentTime);
  viewer.scene.requestRender();
}

/** Simulated time (s) Cesium's clock reads. */
export function globeTimeS(viewer: CesiumWidget): number {
  return JulianDate.secondsDifference(viewer.clock.currentTime, CLOCK_EPOCH);
}

/** The camera the district is seen from: from the south looking north, 42° down, the whole ground in view. */
export function districtView(rect: DegRect): { sphere: BoundingSphere; offset: HeadingPitchRange } {
  const lon = (rect.west + rect.east) / 2;
  const lat = (rect.south + rect.north) / 2;
  const centre = Cartesian3.fromDegrees(lon, lat, 0);
  const corner = Cartesian3.fromDegrees(rect.west, rect.south, 0);
  const radius = Cartesian3.distance(centre, corner);
  return {
    sphere: new BoundingSphere(centre, radius),
    offset: new HeadingPitchRange(0, CesiumMath.toRadians(-42), radius * 1.75),
  };
}

/**
 * Flies the camera from where it is to the district (seen from `rangeM` away when given, else framing it); resolves
 * when it arrives.
 */
export function flyToDistrict(viewer: CesiumWidget, rect: DegRect, durationS: number, rangeM?: number): Promise<void> {
  const { sphere, offset } = districtView(rect);
  if (rangeM !== undefined) offset.range = rangeM;
  return new Promise((resolve) => {
    viewer.camera.flyToBoundingSphere(sphere, {
      offset,
      duration: durationS,
      complete: () => resolve(),
      cancel: () => resolve(),
    });
    viewer.scene.requestRender();
  });
}
