// An indexed binary min-heap of node indices keyed by a Float64 cost, on typed arrays: Dijkstra's priority queue
// with decrease-key, allocation-free after construction. Ties are broken by the smaller node index (determinism).

/** Min-heap over items 0..capacity-1, each present at most once. */
export class IndexedMinHeap {
  /** Number of items in the heap. */
  size = 0;
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  /** Position of each item in `items`, -1 when absent. */
  private readonly pos: Int32Array;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  /** True if `item` is in the heap. */
  has(item: number): boolean {
    return this.pos[item] >= 0;
  }

  /** Inserts `item` with `key`, or lowers its key if present and `key` is smaller. */
  push(item: number, key: number): void {
    let i = this.pos[item];
    if (i < 0) {
      i = this.size++;
      this.items[i] = item;
      this.pos[item] = i;
    } else if (key >= this.keys[item]) {
      return;
    }
    this.keys[item] = key;
    this.siftUp(i);
  }

  /** Key of the minimum item (Infinity if empty). */
  peekKey(): number {
    return this.size > 0 ? this.keys[this.items[0]] : Infinity;
  }

  /** Removes and returns the minimum item (-1 if empty). */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.items[0];
    this.pos[top] = -1;
    const last = this.items[--this.size];
    if (this.size > 0) {
      this.items[0] = last;
      this.pos[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap in O(size). */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.items[i]] = -1;
    this.size = 0;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(i: number): void {
    const { items, pos } = this;
    const item = items[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent];
      if (!this.less(item, p)) break;
      items[i] = p;
      pos[p] = i;
      i = parent;
    }
    items[i] = item;
    pos[item] = i;
  }

  private siftDown(i: number): void {
    const { items, pos } = this;
    const item = items[i];
    const n = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(items[child + 1], items[child])) child++;
      const c = items[child];
      if (!this.less(c, item)) break;
      items[i] = c;
      pos[c] = i;
      i = child;
    }
    items[i] = item;
    pos[item] = i;
  }
}
