// The colours of what moves and changes on the district (sensor levels, case stages, truck states, pump stations,
// hotspots, depots, closed roads): one table the 3D view, the globe and the legend read, so they cannot disagree.

/** Closed roads: magenta, apart from the four depth classes. */
export const CLOSED_ROAD_COLOUR = '#c026d3';

/** Sensors by alarm level. */
export const LEVEL_COLOURS: Record<string, string> = { normal: '#2e9e5b', alert: '#f2c12e', alarm: '#d7261e' };
/** Cases by stage. */
export const STAGE_COLOURS: Record<string, string> = {
  found: '#d7261e',
  dispatched: '#f07c1b',
  arrived: '#f2c12e',
  handling: '#7b4fd6',
  closed: '#2e9e5b',
};
/** Pump trucks by state. */
export const TRUCK_COLOURS: Record<string, string> = {
  idle: '#4b5563',
  enRoute: '#f07c1b',
  settingUp: '#f2c12e',
  pumping: '#7b4fd6',
  movingOn: '#f07c1b',
  returning: '#0f766e',
  outOfService: '#111827',
};
/** Pump stations working or failed. */
export const PUMP_COLOURS = { working: '#1d4ed8', failed: '#d7261e' } as const;
/** Hotspots (易积水点) and depots. */
export const HOTSPOT_COLOUR = '#8b3fb8';
export const DEPOT_COLOUR = '#374151';
