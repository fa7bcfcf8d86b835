// Fan-out to the screens following one clock: each message is encoded once and the same bytes go to every client. A
// client whose socket buffers past `softBytes` skips frames (every frame decodes alone, so it simply gets the next
// one it can take); past `hardBytes` it is dropped (close code 1013) rather than buffered without bound.
import type { WebSocket } from 'ws';

export interface ChannelLimits {
  softBytes: number;
  hardBytes: number;
}

export const DEFAULT_LIMITS: ChannelLimits = { softBytes: 1 << 20, hardBytes: 16 << 20 };

/** One stream many clients follow. */
export class Channel {
  private readonly clients = new Set<WebSocket>();
  /** The last frame sent, for a client that joins between frames. */
  lastFrame: Uint8Array | null = null;
  framesSkipped = 0;
  clientsDropped = 0;

  constructor(private readonly limits: ChannelLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.clients.size;
  }

  add(ws: WebSocket, onEmpty?: () => void): void {
    this.clients.add(ws);
    ws.on('close', () => {
      this.clients.delete(ws);
      if (this.clients.size === 0) onEmpty?.();
    });
  }

  /** A JSON message to every client. */
  sendJson(message: unknown): void {
    if (!this.clients.size) return;
    const text = JSON.stringify(message);
    for (const ws of this.clients) {
      if (ws.bufferedAmount > this.limits.hardBytes) this.drop(ws);
      else ws.send(text);
    }
  }

  /** A binary frame to every client that can take it now. */
  sendFrame(frame: Uint8Array): void {
    this.lastFrame = frame;
    for (const ws of this.clients) {
      if (ws.bufferedAmount > this.limits.hardBytes) this.drop(ws);
      else if (ws.bufferedAmount > this.limits.softBytes) this.framesSkipped++;
      else ws.send(frame);
    }
  }

  /** Ends the stream for everyone with a last message. */
  end(message: unknown): void {
    this.sendJson(message);
    for (const ws of this.clients) ws.close(1000, 'end of stream');
  }

  private drop(ws: WebSocket): void {
    this.clientsDropped++;
    this.clients.delete(ws);
    ws.close(1013, 'too slow: the stream would buffer without bound');
  }
}
