import { describe, expect, it } from "vitest";
import { errorsOf, outcomeOf } from "./directory-action";

describe("outcomeOf", () => {
  it("keys the server's field errors by the form's own field names", () => {
    const out = outcomeOf(
      {
        ok: false,
        error: "Some fields need attention.",
        fieldErrors: { "properties.customSecurityGroupId": ["Enter a security group id."], "properties.defaultOu": ["Enter the OU."] },
      },
      "Saved.",
      "properties",
    );
    expect(errorsOf(out)).toEqual({ customSecurityGroupId: ["Enter a security group id."], defaultOu: ["Enter the OU."] });
    expect(out).toMatchObject({ ok: false, message: "Some fields need attention." });
  });

  it("maps a rule's index back to the row the form shows when empty rows were left out", () => {
    const out = outcomeOf(
      { ok: false, error: "Some fields need attention.", fieldErrors: { "rules.0.cidr": ["Enter a CIDR."] } },
      "Created.",
      undefined,
      {
        "rules.0.cidr": "rules.2.cidr",
      },
    );
    expect(errorsOf(out)).toEqual({ "rules.2.cidr": ["Enter a CIDR."] });
  });

  it("merges messages that land on the same field and passes a refusal's reasons through", () => {
    const merged = outcomeOf(
      {
        ok: false,
        error: "Some fields need attention.",
        fieldErrors: { "subnetIds.1": ["Bad subnet."], subnetIds: ["Two different subnets."] },
      },
      "Registered.",
      undefined,
      { "subnetIds.1": "subnetB", subnetIds: "subnetB" },
    );
    expect(errorsOf(merged)).toEqual({ subnetB: ["Bad subnet.", "Two different subnets."] });
    const refused = outcomeOf({ ok: false, error: "Not allowed.", reasons: [{ code: "x", message: "Still used." }] }, "Done.");
    expect(refused).toEqual({ ok: false, message: "Not allowed. Still used.", reasons: ["Still used."] });
    expect(errorsOf(refused)).toBeUndefined();
    expect(outcomeOf({ ok: true, data: null }, "Done.")).toEqual({ ok: true, message: "Done." });
  });
});
