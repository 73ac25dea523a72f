import { describe, expect, it } from "vitest";
import { filterBundles, isFiltered, offeredToText, parseBundleFilter, type FilterableBundle } from "./bundle-filter";

const bundle = (b: Partial<FilterableBundle> & { bundleId: string; name: string }): FilterableBundle => ({
  region: "us-east-1",
  custom: false,
  computeType: "STANDARD",
  operatingSystem: "WINDOWS",
  protocol: "WSP",
  offeredTo: [],
  ...b,
});

const all = [
  bundle({ bundleId: "wsb-1", name: "Standard with Windows 10", offeredTo: ["persona EMPLOYEE"] }),
  bundle({
    bundleId: "wsb-2",
    name: "Performance with Amazon Linux 2",
    computeType: "PERFORMANCE",
    operatingSystem: "LINUX",
    protocol: "PCOIP",
  }),
  bundle({
    bundleId: "wsb-3",
    name: "Corp-Standard-Win10",
    custom: true,
    region: "eu-west-1",
    display: { displayName: "Corporate desktop" },
  }),
];

describe("bundle filters", () => {
  it("reads known values from the URL and drops the rest", () => {
    expect(
      parseBundleFilter({
        q: " corp ",
        os: "LINUX",
        protocol: "WSP",
        compute: "GRAPHICS_G4DN",
        owner: "CUSTOM",
        catalog: "offered",
        region: "eu-west-1",
      }),
    ).toEqual({
      q: "corp",
      os: "LINUX",
      protocol: "WSP",
      compute: "GRAPHICS_G4DN",
      owner: "CUSTOM",
      catalog: "offered",
      region: "eu-west-1",
    });
    expect(parseBundleFilter({ os: "BEOS", compute: "HUGE", owner: "x", catalog: ["offered", "x"], region: "mars" })).toEqual({
      catalog: "offered",
    });
    expect(isFiltered(parseBundleFilter({}))).toBe(false);
  });

  it("filters by each facet and searches names, display names and ids", () => {
    const ids = (f: Parameters<typeof parseBundleFilter>[0]) => filterBundles(all, parseBundleFilter(f)).map((b) => b.bundleId);
    expect(ids({ os: "LINUX" })).toEqual(["wsb-2"]);
    expect(ids({ protocol: "WSP" })).toEqual(["wsb-1", "wsb-3"]);
    expect(ids({ compute: "PERFORMANCE" })).toEqual(["wsb-2"]);
    expect(ids({ owner: "CUSTOM" })).toEqual(["wsb-3"]);
    expect(ids({ owner: "AMAZON" })).toEqual(["wsb-1", "wsb-2"]);
    expect(ids({ catalog: "offered" })).toEqual(["wsb-1"]);
    expect(ids({ catalog: "not-offered" })).toEqual(["wsb-2", "wsb-3"]);
    expect(ids({ q: "corporate" })).toEqual(["wsb-3"]);
    expect(ids({ q: "windows 10" })).toEqual(["wsb-1"]);
    expect(ids({ q: "wsb-2" })).toEqual(["wsb-2"]);
    expect(ids({ region: "eu-west-1", owner: "AMAZON" })).toEqual([]);
  });
});

describe("who is offered a bundle", () => {
  it("reads personas as words, not codes", () => {
    expect(offeredToText(["persona EMPLOYEE", "group Designers"])).toBe("Employees, group Designers");
    expect(offeredToText(["persona CONTRACTOR"])).toBe("Contractors");
    expect(offeredToText([])).toBe("Not offered");
  });
});
