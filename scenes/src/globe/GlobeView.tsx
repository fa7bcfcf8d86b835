// The globe mode's screen (loaded lazily with Cesium, its own chunk): Cesium's canvas in the stage, its credits
// (Natural Earth, OpenStreetMap ODbL) where the timeline does not cover them, and a caption saying where this is,
// the simulated time on the one clock and how the camera looks, with a button to fly back to the district.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatClock } from '../clock/sim-clock.ts';
import {
  DEPOT_COLOUR,
  HOTSPOT_COLOUR,
  LEVEL_COLOURS,
  PUMP_COLOURS,
  STAGE_COLOURS,
  TRUCK_COLOURS,
} from '../scene/marker-colours.ts';
import { appStore, type Picked } from '../store/app-store.ts';
import { markIcon } from './globe-layers.ts';
import { MARK_SHAPE } from './globe-marks.ts';
import { openGlobe, type GlobeSession } from './globe-session.ts';

/** The key's entries: each kind's icon in a typical colour. */
const KEY: [Picked['kind'], string][] = [
  ['sensor', LEVEL_COLOURS.normal],
  ['pumpStation', PUMP_COLOURS.working],
  ['hotspot', HOTSPOT_COLOUR],
  ['depot', DEPOT_COLOUR],
  ['case', STAGE_COLOURS.found],
  ['truck', TRUCK_COLOURS.enRoute],
];

/** What the globe's marker shapes mean (the 3D view tells them apart by their solids). */
function MarkerKey() {
  const { t } = useTranslation();
  const icons = useMemo(() => KEY.map(([k, c]) => markIcon(MARK_SHAPE[k], c).toDataURL()), []);
  return (
    <div className="globe-key" data-testid="globe-key">
      {KEY.map(([k], i) => (
        <span key={k}>
          <img src={icons[i]} alt="" width={16} height={16} />
          {t(`detail.${k}`)}
        </span>
      ))}
    </div>
  );
}

export default function GlobeView({ test }: { test: boolean }) {
  const { t } = useTranslation();
  const district = useStore(appStore, (s) => s.district);
  const currentS = useStore(appStore, (s) => s.clock.currentS);
  const hasRun = useStore(appStore, (s) => s.meta !== null);
  const host = useRef<HTMLDivElement>(null);
  const credits = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState<GlobeSession | null>(null);
  useEffect(() => {
    if (!district || !host.current || !credits.current) return;
    const s = openGlobe(host.current, credits.current, district, test);
    setSession(s);
    return () => {
      setSession(null);
      s.close();
    };
  }, [district, test]);
  const o = district?.info.origin;
  return (
    <div className="globe" data-testid="globe">
      <div ref={host} className="globe-canvas" />
      <div className="globe-caption" data-testid="globe-caption">
        <div className="head">
          {t('globe.title')} · {district?.info.name ?? ''}
        </div>
        {o && <div>{t('globe.where', { lat: o.lat.toFixed(3), lon: o.lon.toFixed(3) })}</div>}
        {hasRun && (
          <div className="time" data-testid="globe-time">
            {t('globe.time', { time: formatClock(currentS) })}
          </div>
        )}
        <div className="small">{t('globe.camera')}</div>
        <div className="small">{t('globe.scale')}</div>
        <MarkerKey />
        <button data-testid="globe-home" disabled={!session} onClick={() => session?.flyHome()}>
          {t('globe.home')}
        </button>
      </div>
      <div ref={credits} className="globe-credits" data-testid="globe-credits" />
    </div>
  );
}
