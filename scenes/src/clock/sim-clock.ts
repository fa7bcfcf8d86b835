// The one simulated clock every view reads (after Cesium's Clock): simulated time kept apart from wall time, a
// multiplier of 1× to 3600×, a clamped range that a live run's end can grow, and follow-live. Pure: the caller
// passes wall time in, so tests drive it without timers.

/** Slowest and fastest play speeds (simulated seconds per wall second). */
export const MIN_MULTIPLIER = 1;
export const MAX_MULTIPLIER = 3600;

/** The speeds the timeline offers. */
export const SPEEDS = [1, 10, 60, 300, 600, 1800, 3600] as const;

/** What the clock is at one moment. */
export interface ClockSnapshot {
  /** Simulated time now (s). */
  currentS: number;
  /** The range time is clamped to (s); stopS grows while a live run is written. */
  startS: number;
  stopS: number;
  /** Simulated seconds per wall second. */
  multiplier: number;
  playing: boolean;
  /** Keep currentS at stopS as it grows (a running run). */
  followLive: boolean;
}

/** A simulated clock; `tick(wallMs)` advances it by the wall time since the last tick times the multiplier. */
export class SimClock {
  private s: ClockSnapshot;
  private lastWallMs: number | null = null;

  constructor(init: Partial<ClockSnapshot> = {}) {
    const startS = init.startS ?? 0;
    const stopS = Math.max(startS, init.stopS ?? startS);
    this.s = {
      startS,
      stopS,
      currentS: clamp(init.currentS ?? startS, startS, stopS),
      multiplier: clampMultiplier(init.multiplier ?? 60),
      playing: init.playing ?? false,
      followLive: init.followLive ?? false,
    };
  }

  /** A copy of the state. */
  snapshot(): ClockSnapshot {
    return { ...this.s };
  }

  get currentS(): number {
    return this.s.currentS;
  }

  /**
   * Advances by (wallMs − last tick) × multiplier while playing; stops at the end of the range (or, following
   * live, waits there for it to grow). Returns the simulated time now (s).
   */
  tick(wallMs: number): number {
    const last = this.lastWallMs;
    this.lastWallMs = wallMs;
    if (this.s.followLive) {
      this.s.currentS = this.s.stopS;
      return this.s.currentS;
    }
    if (!this.s.playing || last === null) return this.s.currentS;
    // A tab in the background comes back with a long gap: never jump more than a second of wall time.
    const dtWallS = Math.min(Math.max(0, wallMs - last) / 1000, 1);
    const next = this.s.currentS + dtWallS * this.s.multiplier;
    if (next >= this.s.stopS) {
      this.s.currentS = this.s.stopS;
      this.s.playing = false;
    } else this.s.currentS = next;
    return this.s.currentS;
  }

  play(): void {
    if (this.s.currentS >= this.s.stopS && !this.s.followLive) this.s.currentS = this.s.startS;
    this.s.playing = true;
    this.lastWallMs = null;
  }

  pause(): void {
    this.s.playing = false;
    this.s.followLive = false;
  }

  /** Jumps to `tS` (clamped); leaves follow-live, as a scrub means the user wants that moment. */
  setTime(tS: number): void {
    this.s.followLive = false;
    this.s.currentS = clamp(tS, this.s.startS, this.s.stopS);
  }

  /** Moves by `n` control steps of `stepS` seconds, landing on a step boundary. */
  step(n: number, stepS: number): void {
    const k = Math.floor(this.s.currentS / stepS + 1e-9);
    const onBoundary = Math.abs(this.s.currentS - k * stepS) < 1e-6;
    const target = n > 0 ? (k + n) * stepS : (onBoundary ? k + n : k + n + 1) * stepS;
    this.pause();
    this.setTime(target);
  }

  setMultiplier(m: number): void {
    this.s.multiplier = clampMultiplier(m);
  }

  /** Sets the range (a live run's end grows); currentS stays inside it. */
  setRange(startS: number, stopS: number): void {
    this.s.startS = startS;
    this.s.stopS = Math.max(startS, stopS);
    this.s.currentS = this.s.followLive ? this.s.stopS : clamp(this.s.currentS, this.s.startS, this.s.stopS);
  }

  setFollowLive(on: boolean): void {
    this.s.followLive = on;
    if (on) {
      this.s.playing = false;
      this.s.currentS = this.s.stopS;
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}

/** A multiplier within 1×–3600× (NaN gives 1×). */
export function clampMultiplier(m: number): number {
  return clamp(m, MIN_MULTIPLIER, MAX_MULTIPLIER);
}

/** "01:23:05" for 4985 s. */
export function formatClock(tS: number): string {
  const s = Math.max(0, Math.round(tS));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}
