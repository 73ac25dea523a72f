// Geometry of a horizontal bar cut into segments (the fleet's states, a bulk operation's progress). Pure, so it is
// tested once and shared by the server-drawn bars.

export interface SegmentInput<K extends string = string> {
  key: K;
  count: number;
}

export interface Segment<K extends string = string> extends SegmentInput<K> {
  /** Left edge and width in the bar's own units (0 … width). */
  x: number;
  width: number;
  /** Share of the total, 0–100, rounded to a whole percent (for the text beside the picture). */
  percent: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Lays segments side by side across `width`, each in proportion to its count. A segment with any count is at
 * least `minWidth` wide so it stays visible and clickable; the larger ones give up the difference. Empty segments
 * are left out. The segments always fill the bar exactly.
 */
export function layoutSegments<K extends string>(items: readonly SegmentInput<K>[], width: number, minWidth = 0): Segment<K>[] {
  const shown = items.filter((i) => i.count > 0);
  const total = shown.reduce((sum, i) => sum + i.count, 0);
  if (total === 0 || width <= 0) return [];
  const widths = new Map<number, number>();
  if (minWidth * shown.length >= width) {
    shown.forEach((_, i) => widths.set(i, width / shown.length));
  } else {
    // Segments below the minimum are pinned to it; the rest share what is left by count, until none falls below.
    const pinned = new Set<number>();
    for (;;) {
      const free = shown.reduce((sum, item, i) => (pinned.has(i) ? sum : sum + item.count), 0);
      const room = width - pinned.size * minWidth;
      let changed = false;
      shown.forEach((item, i) => {
        if (pinned.has(i)) return;
        const w = (item.count / free) * room;
        if (w < minWidth) {
          pinned.add(i);
          changed = true;
        }
        widths.set(i, w);
      });
      if (!changed) break;
    }
    for (const i of pinned) widths.set(i, minWidth);
  }
  let x = 0;
  return shown.map((item, i) => {
    const w = i === shown.length - 1 ? width - x : round(widths.get(i)!);
    const segment = { ...item, x: round(x), width: round(w), percent: Math.round((item.count / total) * 100) };
    x += w;
    return segment;
  });
}
