import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import { IndexedMinHeap } from '../../../simulation/roads/index.ts';

describe('IndexedMinHeap', () => {
  it('pops in key order with decrease-key, ties by item index, and matches a sort', () => {
    const rnd = mulberry32(3);
    const heap = new IndexedMinHeap(200);
    const keys = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      const item = rnd.int(200);
      const key = rnd.int(50);
      heap.push(item, key);
      keys.set(item, Math.min(key, keys.get(item) ?? Infinity));
    }
    const expected = [...keys.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([item]) => item);
    const got: number[] = [];
    while (heap.size > 0) got.push(heap.pop());
    expect(got).toEqual(expected);
    expect(heap.pop()).toBe(-1);
    expect(heap.peekKey()).toBe(Infinity);
  });

  it('ignores a higher key for an item already queued and clears in place', () => {
    const heap = new IndexedMinHeap(4);
    heap.push(2, 5);
    heap.push(2, 9);
    heap.push(1, 7);
    expect(heap.peekKey()).toBe(5);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.has(2)).toBe(false);
    heap.push(3, 1);
    expect(heap.pop()).toBe(3);
  });
});
