import { describe, expect, it } from "vitest";
import { DEFAULT_PASSWORD_HELP, portalResetsPassword } from "./password-help";

describe("portalResetsPassword", () => {
  it.each([
    ["SIMPLE_AD", true],
    ["MICROSOFT_AD", true],
    ["AD_CONNECTOR", false],
    [null, false],
    ["SOMETHING_NEW", false],
  ])("%s → %s", (type, expected) => {
    expect(portalResetsPassword(type)).toBe(expected);
  });

  it("has a default sentence for directories whose admin wrote none", () => {
    expect(DEFAULT_PASSWORD_HELP.text).toMatch(/IT service desk/);
    expect(DEFAULT_PASSWORD_HELP.url).toBeNull();
  });
});
