// Min-heap of (due time, WorkSpace id). Entries go stale when a WorkSpace's timer changes; they are
// recognised and dropped when popped, which keeps every update O(log n) on a 10,000-WorkSpace fleet.
export class TimerQueue {
  private heap: { at: number; id: string }[] = [];

  push(at: number, id: string): void {
    const heap = this.heap;
    heap.push({ at, id });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  peek(): { at: number; id: string } | undefined {
    return this.heap[0];
  }

  pop(): { at: number; id: string } | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < heap.length && heap[l]!.at < heap[min]!.at) min = l;
        if (r < heap.length && heap[r]!.at < heap[min]!.at) min = r;
        if (min === i) break;
        [heap[min], heap[i]] = [heap[i]!, heap[min]!];
        i = min;
      }
    }
    return top;
  }
}
