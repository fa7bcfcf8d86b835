// The app's one clock and what drives it: requestAnimationFrame ticks it while it plays (or follows live), tells the
// listeners (the 3D scene redraws), and publishes its state to the store a few times a second for the panels.
import { appStore } from '../store/app-store.ts';
import { SimClock } from './sim-clock.ts';

/** The one simulated clock every view reads. */
export const clock = new SimClock({ multiplier: 60 });

const listeners = new Set<(tS: number) => void>();
let raf = 0;
let lastPublishMs = -Infinity;

/** Called on every tick with the simulated time (s); returns a function that stops listening. */
export function onTick(fn: (tS: number) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function publish(nowMs: number, force: boolean): void {
  if (!force && nowMs - lastPublishMs < 250) return;
  lastPublishMs = nowMs;
  appStore.setState({ clock: clock.snapshot() });
}

function loop(nowMs: number): void {
  const before = clock.snapshot();
  const tS = clock.tick(nowMs);
  for (const fn of listeners) fn(tS);
  const after = clock.snapshot();
  publish(nowMs, before.playing !== after.playing);
  raf = after.playing || after.followLive ? requestAnimationFrame(loop) : 0;
  if (!raf) publish(nowMs, true);
}

/** Runs the clock after a change (play, scrub, speed, range): one tick at least, more while it plays. */
export function kickClock(): void {
  if (!raf) raf = requestAnimationFrame(loop);
  publish(performance.now(), true);
}
