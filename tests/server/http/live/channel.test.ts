// The fan-out: one encoding for every client; a client that buffers past the soft limit skips frames (and gets the
// next one it can take), past the hard limit it is closed with 1013 instead of buffering without bound.
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Channel } from '../../../../server/http/live/channel.ts';

class FakeSocket {
  bufferedAmount = 0;
  sent: unknown[] = [];
  closed: number | null = null;
  private onClose: (() => void)[] = [];
  send(data: unknown): void {
    this.sent.push(data);
  }
  close(code: number): void {
    this.closed = code;
    for (const f of this.onClose) f();
  }
  on(event: string, f: () => void): void {
    if (event === 'close') this.onClose.push(f);
  }
}

describe('Channel', () => {
  it('sends the same bytes to every client, skips frames for a slow one and drops one past the hard limit', () => {
    const channel = new Channel({ softBytes: 100, hardBytes: 1000 });
    const fast = new FakeSocket();
    const slow = new FakeSocket();
    const stuck = new FakeSocket();
    let emptied = 0;
    for (const s of [fast, slow, stuck]) channel.add(s as unknown as WebSocket, () => emptied++);
    const frame1 = new Uint8Array([1, 2, 3]);
    channel.sendFrame(frame1);
    expect(fast.sent[0]).toBe(frame1);
    expect(slow.sent[0]).toBe(frame1);
    slow.bufferedAmount = 500;
    stuck.bufferedAmount = 5000;
    const frame2 = new Uint8Array([4]);
    channel.sendFrame(frame2);
    expect(fast.sent).toEqual([frame1, frame2]);
    expect(slow.sent).toEqual([frame1]);
    expect(channel.framesSkipped).toBe(1);
    expect(stuck.closed).toBe(1013);
    expect(channel.clientsDropped).toBe(1);
    expect(channel.size).toBe(2);
    // Events still reach a client that skips frames; the same string goes to each.
    channel.sendJson({ type: 'events', events: [] });
    expect(slow.sent.at(-1)).toBe(fast.sent.at(-1));
    // Drained: the slow client gets the next frame.
    slow.bufferedAmount = 0;
    const frame3 = new Uint8Array([5]);
    channel.sendFrame(frame3);
    expect(slow.sent.at(-1)).toBe(frame3);
    expect(channel.lastFrame).toBe(frame3);
    channel.end({ type: 'end' });
    expect(fast.closed).toBe(1000);
    expect(emptied).toBeGreaterThan(0);
  });
});
