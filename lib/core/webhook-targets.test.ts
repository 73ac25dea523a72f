import { describe, expect, it } from "vitest";
import { checkWebhookTarget, classifyAddress, refusalFor, type AddressClass, type Lookup } from "./webhook-targets";

describe("webhook target addresses", () => {
  it.each<[string, AddressClass]>([
    ["93.184.215.14", "public"],
    ["2606:4700::1111", "public"],
    ["10.0.0.5", "private"],
    ["172.16.3.4", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"], // CGNAT
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["127.0.0.1", "loopback"],
    ["127.8.8.8", "loopback"],
    ["::1", "loopback"],
    ["169.254.169.254", "linkLocal"], // cloud metadata
    ["fe80::1", "linkLocal"],
    ["::ffff:10.0.0.1", "private"], // IPv4-mapped IPv6 is judged by its IPv4 address
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::ffff:93.184.215.14", "public"],
    ["64:ff9b::a00:1", "private"], // NAT64 of 10.0.0.1
    ["2002:a9fe:a9fe::", "linkLocal"], // 6to4 of 169.254.169.254
    ["0.0.0.0", "special"],
    ["::", "special"],
    ["224.0.0.1", "special"],
    ["ff02::1", "special"],
    ["255.255.255.255", "special"],
    ["192.0.2.1", "special"],
    ["not-an-address", "special"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  const dev = { allowPrivate: false, production: false };
  const devPrivate = { allowPrivate: true, production: false };
  const prod = { allowPrivate: false, production: true };
  const prodPrivate = { allowPrivate: true, production: true };

  it.each<[string, typeof dev, boolean]>([
    ["93.184.215.14", prod, true],
    ["10.0.0.5", prod, false],
    ["10.0.0.5", prodPrivate, true],
    ["100.64.0.1", devPrivate, true],
    ["127.0.0.1", dev, false],
    ["127.0.0.1", devPrivate, true], // the tests' receiver
    ["127.0.0.1", prodPrivate, false], // never in production
    ["::1", prodPrivate, false],
    ["169.254.169.254", devPrivate, false], // never
    ["169.254.169.254", prodPrivate, false],
    ["0.0.0.0", devPrivate, false],
    ["224.0.0.1", prodPrivate, false],
  ])("%s under %o: allowed %s", (address, policy, allowed) => {
    expect(refusalFor(address, policy) === null).toBe(allowed);
  });

  it("says which address is private, in plain words", () => {
    expect(refusalFor("10.0.0.5", prod)).toBe(
      "This address resolves to a private network address (10.0.0.5); allow private addresses first.",
    );
  });
});

describe("checking a webhook URL", () => {
  const resolver =
    (table: Record<string, string[]>): Lookup =>
    async (host) => {
      const found = table[host];
      if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
      return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
  const lookup = resolver({
    "itsm.example.com": ["93.184.215.14"],
    "onprem.example.com": ["10.0.0.5"],
    "mixed.example.com": ["93.184.215.14", "169.254.169.254"],
    "93.184.215.14": ["93.184.215.14"],
    "::1": ["::1"],
  });
  const prod = { allowPrivate: false, production: true };

  it("needs https in production", async () => {
    expect(await checkWebhookTarget("http://itsm.example.com/h", prod, lookup)).toEqual({
      ok: false,
      reason: "Webhook addresses must use https.",
    });
    expect((await checkWebhookTarget("http://itsm.example.com/h", { ...prod, production: false }, lookup)).ok).toBe(true);
    expect((await checkWebhookTarget("ftp://itsm.example.com/h", { ...prod, production: false }, lookup)).ok).toBe(false);
  });

  it("checks every address the host resolves to, after resolution", async () => {
    const ok = await checkWebhookTarget("https://itsm.example.com/h", prod, lookup);
    expect(ok.ok && ok.addresses).toEqual([{ address: "93.184.215.14", family: 4 }]);
    expect(await checkWebhookTarget("https://onprem.example.com/h", prod, lookup)).toEqual({
      ok: false,
      reason: "This address resolves to a private network address (10.0.0.5); allow private addresses first.",
    });
    expect((await checkWebhookTarget("https://onprem.example.com/h", { ...prod, allowPrivate: true }, lookup)).ok).toBe(true);
    expect((await checkWebhookTarget("https://mixed.example.com/h", { ...prod, allowPrivate: true }, lookup)).ok).toBe(false);
    expect((await checkWebhookTarget("https://[::1]:8443/h", { allowPrivate: true, production: true }, lookup)).ok).toBe(false);
    expect((await checkWebhookTarget("https://[::1]:8443/h", { allowPrivate: true, production: false }, lookup)).ok).toBe(true);
  });

  it("refuses what it cannot resolve or parse, and credentials in the address", async () => {
    expect(await checkWebhookTarget("https://nowhere.example.com/h", prod, lookup)).toEqual({
      ok: false,
      reason: "The host nowhere.example.com could not be found (ENOTFOUND).",
    });
    expect((await checkWebhookTarget("not a url", prod, lookup)).ok).toBe(false);
    expect((await checkWebhookTarget("https://u:p@itsm.example.com/h", prod, lookup)).ok).toBe(false);
  });
});
