import { describe, expect, it } from "vitest";
import { volumeCombinationRefusals } from "../domain";
import { launchVolumeOptions, rootVolumeOptions, userVolumeOptions, validCombination } from "./volumes";

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

  it("starts new WorkSpaces at the bundle's volumes or above", () => {
    const pairs = launchVolumeOptions(80, 50);
    expect(pairs[0]).toEqual({ rootGb: 80, userGb: 50 });
    expect(pairs.every((p) => p.rootGb >= 80 && p.userGb >= 50)).toBe(true);
  });

  it("agrees with the domain's rules on every pair it offers", () => {
    for (const { rootGb, userGb } of launchVolumeOptions(80, 10)) {
      expect(volumeCombinationRefusals(rootGb, userGb, "STANDARD")).toEqual([]);
      expect(validCombination(rootGb, userGb)).toBe(true);
    }
  });
});
