// Progress of a long run on stderr: a bar redrawn in place on a terminal, a line every 10 % when piped; both with
// simulated time, speed (× real time) and the time left. Never on stdout, which carries the result.
import { clock } from '../../simulation/record/index.ts';

/** Reports progress of a run of `totalS` simulated seconds. */
export class Progress {
  private readonly t0 = performance.now();
  private lastDecile = -1;
  private lastDrawMs = 0;

  constructor(
    private readonly label: string,
    private readonly totalS: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  /** Wall seconds since the start. */
  get elapsedS(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Simulated time reached (s), from `fromS` when the run started part-way (a fork). */
  update(tS: number, fromS = 0): void {
    if (this.quiet) return;
    const share = Math.min(1, tS / this.totalS);
    const wall = this.elapsedS;
    const speed = wall > 0 ? (tS - fromS) / wall : 0;
    const leftS = speed > 0 ? (this.totalS - tS) / speed : NaN;
    const what = `${clock(tS)} of ${clock(this.totalS)} simulated, ×${Math.round(speed)} real time, ${Number.isFinite(leftS) ? `about ${formatWall(leftS)} left` : 'estimating'}`;
    if (this.stream.isTTY) {
      const now = performance.now();
      if (now - this.lastDrawMs < 100 && share < 1) return;
      this.lastDrawMs = now;
      const width = 24;
      const filled = Math.round(share * width);
      this.stream.write(
        `\r\x1b[K${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(share * 100)}%  ${what}`,
      );
      return;
    }
    const decile = Math.floor(share * 10);
    if (decile === this.lastDecile) return;
    this.lastDecile = decile;
    this.stream.write(`${this.label}: ${decile * 10}% (${what})\n`);
  }

  /** Clears the bar on a terminal. */
  done(): void {
    if (!this.quiet && this.stream.isTTY) this.stream.write('\r\x1b[K');
  }
}

/** "45 s", "3 min 20 s", "1 h 05 min". */
export function formatWall(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
}
