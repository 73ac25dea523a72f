import { describe, expect, it } from "vitest";
import { prng } from "./ids";
import { TimerQueue } from "./timer-queue";

describe("TimerQueue", () => {
  it("pops entries in due-time order", () => {
    const queue = new TimerQueue();
    const rand = prng(3);
    const times = Array.from({ length: 500 }, () => Math.floor(rand() * 10_000));
    times.forEach((at, i) => queue.push(at, `ws-${i}`));
    const popped: number[] = [];
    for (let e = queue.pop(); e; e = queue.pop()) popped.push(e.at);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(queue.peek()).toBeUndefined();
  });
});
