import { describe, expect, it } from "vitest";
import { parseReportFilter } from "./reports";

describe("parseReportFilter", () => {
  it("defaults to twelve months and treats empty fields as no filter", () => {
    expect(parseReportFilter({})).toEqual({ ok: true, value: { period: "12m" } });
    expect(parseReportFilter(new URLSearchParams("period=&region=&directory="))).toEqual({ ok: true, value: { period: "12m" } });
  });

  it("keeps valid filters", () => {
    expect(parseReportFilter({ period: "3m", region: "eu-west-1", directory: "d-9067a1b2c3" })).toEqual({
      ok: true,
      value: { period: "3m", region: "eu-west-1", directory: "d-9067a1b2c3" },
    });
  });

  it.each([
    [{ period: "5y" }, "The period must be 3m, 6m or 12m (months of trend)."],
    [{ region: "<script>" }, "The Region must look like us-east-1."],
    [{ directory: "corp" }, "The directory must be a directory id such as d-1234567890."],
    [{ owner: "x" }, "Only the period, region and directory filters exist."],
  ])("refuses %j plainly", (params, message) => {
    expect(parseReportFilter(params)).toEqual({ ok: false, error: message });
  });
});
