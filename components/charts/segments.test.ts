import { describe, expect, it } from "vitest";
import { layoutSegments } from "./segments";

const sum = (xs: { width: number }[]) => Math.round(xs.reduce((s, x) => s + x.width, 0) * 100) / 100;

describe("layoutSegments", () => {
  it("cuts the bar in proportion to the counts, side by side, filling it exactly", () => {
    const out = layoutSegments(
      [
        { key: "a", count: 30 },
        { key: "b", count: 10 },
      ],
      400,
    );
    expect(out.map((s) => [s.key, s.x, s.width, s.percent])).toEqual([
      ["a", 0, 300, 75],
      ["b", 300, 100, 25],
    ]);
  });

  it("leaves empty segments out and draws nothing for nothing", () => {
    expect(layoutSegments([{ key: "a", count: 0 }], 100)).toEqual([]);
    expect(layoutSegments([], 100)).toEqual([]);
    expect(
      layoutSegments(
        [
          { key: "a", count: 0 },
          { key: "b", count: 5 },
        ],
        100,
      ).map((s) => [s.key, s.width]),
    ).toEqual([["b", 100]]);
  });

  it("keeps a tiny share visible at the minimum width, taken from the larger segments", () => {
    const out = layoutSegments(
      [
        { key: "ready", count: 9_998 },
        { key: "stopped", count: 1 },
        { key: "error", count: 1 },
      ],
      1000,
      20,
    );
    expect(out.find((s) => s.key === "stopped")!.width).toBe(20);
    expect(out.find((s) => s.key === "error")!.width).toBe(20);
    expect(out[0]!.width).toBe(960);
    expect(sum(out)).toBe(1000);
    expect(out.map((s) => s.x)).toEqual([0, 960, 980]);
    expect(out.map((s) => s.percent)).toEqual([100, 0, 0]);
  });

  it("pins a segment that falls below the minimum only once the others have shrunk", () => {
    const out = layoutSegments(
      [
        { key: "a", count: 50 },
        { key: "b", count: 3 },
        { key: "c", count: 1 },
      ],
      100,
      10,
    );
    expect(out.map((s) => s.width)).toEqual([80, 10, 10]);
  });

  it("shares the bar equally when the minimums alone would overflow it", () => {
    const out = layoutSegments(
      Array.from({ length: 5 }, (_, i) => ({ key: String(i), count: i + 1 })),
      40,
      10,
    );
    expect(out.map((s) => s.width)).toEqual([8, 8, 8, 8, 8]);
  });
});

describe("stateFills", () => {
  it("gives states of one tone different colours, and the same state the same colour", async () => {
    const { stateFills } = await import("./state-bar");
    const fills = stateFills(["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED", "IMPAIRED"]);
    expect(new Set([fills.get("ERROR"), fills.get("UNHEALTHY"), fills.get("IMPAIRED")]).size).toBe(3);
    expect(fills.get("AVAILABLE")).not.toBe(fills.get("ERROR"));
    expect(stateFills(["ERROR"]).get("ERROR")).toBe(fills.get("ERROR"));
  });
});
