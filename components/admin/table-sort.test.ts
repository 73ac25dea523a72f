import { describe, expect, it } from "vitest";
import { compareSortValues, nextSort, sortRows } from "./table-sort";

describe("admin table sorting", () => {
  it("compares numbers numerically and strings by collation, digits by value", () => {
    expect(sortRows([10, 9, 100], (n) => n, "asc")).toEqual([9, 10, 100]);
    expect(sortRows(["b", "a10", "a9", "A"], (s) => s, "asc")).toEqual(["A", "a9", "a10", "b"]);
    expect(sortRows(["b", "a", "c"], (s) => s, "desc")).toEqual(["c", "b", "a"]);
  });

  it("puts blanks last in both directions and keeps ties in their original order", () => {
    const rows = [
      { k: null, n: 1 },
      { k: "x", n: 2 },
      { k: undefined, n: 3 },
      { k: "a", n: 4 },
      { k: "x", n: 5 },
    ];
    expect(sortRows(rows, (r) => r.k, "asc").map((r) => r.n)).toEqual([4, 2, 5, 1, 3]);
    expect(sortRows(rows, (r) => r.k, "desc").map((r) => r.n)).toEqual([2, 5, 4, 1, 3]);
    expect(compareSortValues(null, undefined, "asc")).toBe(0);
  });

  it("does not change the rows it was given", () => {
    const rows = [3, 1, 2];
    sortRows(rows, (n) => n, "asc");
    expect(rows).toEqual([3, 1, 2]);
  });

  it("cycles a column ascending, descending, unsorted; another column starts ascending", () => {
    const first = nextSort(null, "name");
    expect(first).toEqual({ id: "name", dir: "asc" });
    const second = nextSort(first, "name");
    expect(second).toEqual({ id: "name", dir: "desc" });
    expect(nextSort(second, "name")).toBeNull();
    expect(nextSort(second, "email")).toEqual({ id: "email", dir: "asc" });
  });
});
