import { describe, expect, it } from "vitest";
import { volumeCombinationRefusals } from "../domain";
import { rootVolumeOptions, userVolumeOptions, validCombination } from "./volumes";

describe("volume options", () => {
  it("offers only larger user volumes that fit an 80 GB root", () => {
    expect(userVolumeOptions(80, 50)).toEqual([100]);
    expect(userVolumeOptions(80, 100)).toEqual([]);
    expect(userVolumeOptions(175, 100)).toEqual([150, 200, 250, 300, 500, 1000, 2000]);
  });

  it("offers a larger root only when the user volume allows it", () => {
    expect(rootVolumeOptions(80, 50)).toEqual([]);
    expect(rootVolumeOptions(80, 100)).toEqual([175, 200, 250, 300, 500, 1000, 2000]);
  });

  it("agrees with the domain's rules on every option it offers", () => {
    for (const [rootGb, userGb] of [[80, 10], [80, 50], [175, 100], [175, 2000]] as const) {
      for (const u of userVolumeOptions(rootGb, userGb)) expect(volumeCombinationRefusals(rootGb, u, "STANDARD")).toEqual([]);
      for (const r of rootVolumeOptions(rootGb, userGb)) expect(volumeCombinationRefusals(r, userGb, "STANDARD")).toEqual([]);
      expect(validCombination(rootGb, userGb)).toBe(true);
    }
  });
});
