import { describe, expect, it } from "vitest";
import { imagingChecks, mayCopyImage, mayDeleteImage, mayImage, mayShareImage, type ImagingCandidate } from "./images";

const ready: ImagingCandidate = {
  state: "AVAILABLE",
  rootVolumeEncrypted: false,
  userVolumeEncrypted: false,
  operatingSystemName: "WINDOWS_SERVER_2019",
  byol: false,
  directoryTenancy: "SHARED",
};

describe("mayImage", () => {
  it.each<[string, Partial<ImagingCandidate>, RegExp[]]>([
    ["an available, unencrypted Windows WorkSpace", {}, []],
    ["an Amazon Linux 2 WorkSpace", { operatingSystemName: "AMAZON_LINUX_2" }, []],
    ["a WorkSpace whose OS AWS did not name", { operatingSystemName: null }, []],
    ["a BYOL WorkSpace on a dedicated directory", { byol: true, directoryTenancy: "DEDICATED" }, []],
    ["a stopped WorkSpace", { state: "STOPPED" }, [/It is stopped\. AWS only images an available WorkSpace/]],
    ["one in admin maintenance", { state: "ADMIN_MAINTENANCE" }, [/It is admin maintenance/]],
    ["an encrypted root volume", { rootVolumeEncrypted: true }, [/cannot make images of encrypted WorkSpaces/]],
    ["an encrypted user volume", { userVolumeEncrypted: true }, [/encrypted/]],
    ["an Ubuntu WorkSpace", { operatingSystemName: "UBUNTU_22_04" }, [/Windows and Amazon Linux WorkSpaces only/]],
    ["a Rocky Linux WorkSpace", { operatingSystemName: "ROCKY_8" }, [/another Linux distribution/]],
    ["a BYOL WorkSpace on a shared directory", { byol: true }, [/BYOL images need a directory registered for dedicated tenancy/]],
    ["a BYOL WorkSpace whose directory tenancy is unknown", { byol: true, directoryTenancy: null }, [/dedicated tenancy/]],
    [
      "every problem at once",
      { state: "PENDING", rootVolumeEncrypted: true, operatingSystemName: "RHEL_8", byol: true },
      [/pending/, /encrypted/, /Linux distribution/, /dedicated/],
    ],
  ])("%s", (_name, change, reasons) => {
    const out = mayImage({ ...ready, ...change });
    expect(out.allowed).toBe(reasons.length === 0);
    expect(out.reasons).toHaveLength(reasons.length);
    reasons.forEach((r, i) => expect(out.reasons[i]).toMatch(r));
  });

  it("lists every precondition, passed or not, for the form", () => {
    expect(imagingChecks(ready).map((c) => [c.id, c.ok])).toEqual([
      ["available", true],
      ["unencrypted", true],
      ["operating_system", true],
      ["byol_tenancy", true],
    ]);
    expect(imagingChecks(ready)[0]!.explanation).toMatch(/suspended/);
  });
});

describe("mayDeleteImage", () => {
  const image = { name: "golden", state: "AVAILABLE", owned: true };
  it("allows an owned, unused, unshared image", () => {
    expect(mayDeleteImage(image, [], [])).toEqual({ allowed: true });
    expect(mayDeleteImage({ ...image, state: "ERROR" }, [], [])).toEqual({ allowed: true });
  });
  it("names the bundles that use it", () => {
    expect(mayDeleteImage(image, [{ name: "Corp-Standard" }], [])).toEqual({
      allowed: false,
      reason: "The bundle Corp-Standard still uses this image. Give them another image or delete them first.",
    });
    const two = mayDeleteImage(image, [{ name: "A" }, { name: "B" }], []);
    expect(two.allowed || two.reason).toBe("The bundles A, B still use this image. Give them another image or delete them first.");
  });
  it.each<[string, Parameters<typeof mayDeleteImage>, RegExp]>([
    ["a shared image", [image, [], ["111122223333"]], /shared with 111122223333/],
    ["a pending image", [{ ...image, state: "PENDING" }, [], []], /still making/],
    ["another account's image", [{ ...image, owned: false }, [], []], /only its owner/],
  ])("refuses %s", (_n, args, reason) => {
    const out = mayDeleteImage(...args);
    expect(out.allowed).toBe(false);
    expect(out.allowed || out.reason).toMatch(reason);
  });
});

describe("sharing and copying", () => {
  const image = { name: "golden", state: "AVAILABLE", owned: true, ownerAccountId: "123456789012" };
  it.each<[string, Partial<typeof image>, string, RegExp | null]>([
    ["another account", {}, "111122223333", null],
    ["a malformed id", {}, "1111", /12 digits/],
    ["the owner itself", {}, "123456789012", /owns the image/],
    ["a pending image", { state: "PENDING" }, "111122223333", /available/],
    ["someone else's image", { owned: false }, "111122223333", /only its owner/],
  ])("sharing with %s", (_n, change, account, reason) => {
    const out = mayShareImage({ ...image, ...change }, account);
    if (!reason) expect(out).toEqual({ allowed: true });
    else expect(out.allowed || out.reason).toMatch(reason);
  });
  it("copies only available images", () => {
    expect(mayCopyImage(image)).toEqual({ allowed: true });
    expect(mayCopyImage({ ...image, state: "ERROR" })).toEqual({ allowed: false, reason: "Only an available image can be copied." });
  });
});
