import { describe, expect, it } from "vitest";
import { BATCH_LIMITS, chunk, minimumCalls, uniqueIds } from "./batching";

describe("chunk", () => {
  it.each([
    [0, 25, []],
    [1, 25, [1]],
    [25, 25, [25]],
    [26, 25, [25, 1]],
    [1000, 25, Array(40).fill(25)],
    [3, 1, [1, 1, 1]],
  ])("%i items in batches of %i have sizes %j", (count, size, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const batches = chunk(items, size);
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(items);
  });

  it("refuses a batch size that is not a positive integer", () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 2.5)).toThrow(RangeError);
  });
});

describe("minimumCalls", () => {
  it.each([
    ["RebootWorkspaces", 1, 1],
    ["RebootWorkspaces", 25, 1],
    ["RebootWorkspaces", 26, 2],
    ["CreateWorkspaces", 1000, 40],
    ["DescribeWorkspacesConnectionStatus", 51, 3],
    ["RebuildWorkspaces", 26, 26],
    ["TerminateWorkspaces", 0, 0],
  ] as const)("%s for %i WorkSpaces takes %i calls", (operation, count, calls) => {
    expect(minimumCalls(operation, count)).toBe(calls);
  });

  it("uses AWS's documented limits: 25 per batch call, one per rebuild", () => {
    expect(BATCH_LIMITS).toMatchObject({
      CreateWorkspaces: 25,
      RebootWorkspaces: 25,
      StartWorkspaces: 25,
      StopWorkspaces: 25,
      TerminateWorkspaces: 25,
      DescribeWorkspaces: 25,
      DescribeWorkspacesConnectionStatus: 25,
      RebuildWorkspaces: 1,
    });
  });
});

it("uniqueIds keeps the first of each id in order", () => {
  expect(uniqueIds(["a", "b", "a", "c", "b"])).toEqual(["a", "b", "c"]);
});
