// A finished record played back on one clock at a chosen speed, to every screen that follows it: events as the
// clock passes them, the depth frame of each control step. One channel per (run, speed); it stops when the last
// screen leaves or the record ends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFrameMessage, RecordReplay } from '../../../simulation/record/index.ts';
import { RECORD_FILES } from '../../../simulation/record/record-format.ts';
import { RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import { frameChunkPath } from '../../../simulation/record/zarr-frames.ts';
import { Channel } from './channel.ts';

/** Wall milliseconds between clock ticks. */
const TICK_MS = 100;

export class ReplayChannel {
  readonly channel = new Channel();
  private readonly replay: RecordReplay;
  private simS = 0;
  private eventIndex = 0;
  private step = -1;
  private timer: NodeJS.Timeout | null = null;
  private lastWall = 0;

  constructor(
    private readonly recordDir: string,
    readonly speed: number,
    private readonly onDone: () => void,
  ) {
    this.replay = RecordReplay.open(new RecordFolderSource(recordDir));
  }

  /** Where the clock stands, for a screen that joins. */
  hello(): Record<string, unknown> {
    const m = this.replay.manifest;
    return {
      type: 'hello',
      mode: 'replay',
      speed: this.speed,
      tS: this.simS,
      endS: this.replay.lastS,
      controlStepS: m.controlStepS,
      grid: m.grid,
      origin: m.district.origin,
    };
  }

  /** The events the clock has passed, for a screen that joins late. */
  passed(): unknown[] {
    return this.replay.events.slice(0, this.eventIndex);
  }

  start(): void {
    if (this.timer) return;
    this.lastWall = performance.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.onDone();
  }

  private tick(): void {
    const now = performance.now();
    const end = this.replay.lastS;
    this.simS = Math.min(end, this.simS + ((now - this.lastWall) / 1000) * this.speed);
    this.lastWall = now;
    const events = this.replay.events;
    const from = this.eventIndex;
    while (this.eventIndex < events.length && events[this.eventIndex].timeS <= this.simS) this.eventIndex++;
    if (this.eventIndex > from) this.channel.sendJson({ type: 'events', events: events.slice(from, this.eventIndex) });
    const step = this.replay.stepAt(this.simS);
    if (step !== this.step) {
      this.step = step;
      const m = this.replay.manifest;
      const chunk = readFileSync(join(this.recordDir, RECORD_FILES.frames, frameChunkPath(step)));
      // sentAt (wall ms) lets a screen see how late the stream reaches it.
      this.channel.sendJson({ type: 'progress', tS: this.simS, step, sentAt: Date.now() });
      this.channel.sendFrame(
        encodeFrameMessage(step, Math.min(step * m.controlStepS, m.endS), m.grid.nx, m.grid.ny, chunk),
      );
    }
    if (this.simS >= end) {
      this.channel.end({ type: 'end', tS: this.simS, status: this.replay.manifest.status });
      this.stop();
    }
  }
}
