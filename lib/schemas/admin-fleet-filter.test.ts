import { describe, expect, it } from "vitest";
import { fleetFilterProblem, parseFleetFilter } from "./admin-fleet-filter";
import { bulkForFilterInput } from "./admin-fleet";

describe("the fleet's last-connected and idle filters", () => {
  it("reads never, older than N days (1 to 3650) and idle from the URL", () => {
    expect(parseFleetFilter({ last: "never" })).toMatchObject({ last: "never" });
    expect(parseFleetFilter({ last: "older", lastDays: "1" })).toMatchObject({ last: "older", lastDays: 1 });
    expect(parseFleetFilter(new URLSearchParams("last=older&lastDays=3650&idle=1"))).toMatchObject({
      last: "older",
      lastDays: 3650,
      idle: "1",
    });
    expect(parseFleetFilter({ sort: "lastConnectedAt", dir: "desc" })).toMatchObject({ sort: "lastConnectedAt", dir: "desc" });
  });

  it.each(["0", "3651", "-5", "2.5", "abc", "", "1e9"])("leaves 'older than' out for %j days, and says why", (days) => {
    const params = { last: "older", lastDays: days, region: "us-east-1" };
    const filter = parseFleetFilter(params);
    expect(filter.last).toBeUndefined();
    expect(filter.lastDays).toBeUndefined();
    expect(filter.region).toBe("us-east-1"); // the rest of the filter still applies
    expect(fleetFilterProblem(params)).toMatch(/whole number of days from 1 to 3650/);
  });

  it("says nothing when every filter applied, and ignores days without 'older than'", () => {
    expect(fleetFilterProblem({ last: "older", lastDays: "30" })).toBeNull();
    expect(fleetFilterProblem({ last: "never", lastDays: "abc" })).toBeNull();
    expect(fleetFilterProblem({})).toBeNull();
    expect(fleetFilterProblem({ last: "older" })).not.toBeNull();
    const daysOnly = parseFleetFilter({ lastDays: "30" });
    expect(daysOnly.last).toBeUndefined();
    expect(daysOnly.lastDays).toBe(30);
  });

  it("drops unknown values instead of failing the page", () => {
    const filter = parseFleetFilter({ last: "yesterday", idle: "yes", lastDays: ["1", "2"] });
    expect([filter.last, filter.idle, filter.lastDays]).toEqual([undefined, undefined, undefined]);
  });

  it("carries the new filters into a bulk operation on 'every WorkSpace matching'", () => {
    const input = bulkForFilterInput.parse({
      filter: { idle: "1", last: "older", lastDays: "90" },
      params: { action: "terminate" },
      confirmed: true,
    });
    expect(input.filter).toMatchObject({ idle: "1", last: "older", lastDays: 90 });
  });
});
