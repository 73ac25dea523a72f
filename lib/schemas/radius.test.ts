import { describe, expect, it } from "vitest";
import { isRadiusServer, radiusInput, radiusServerList } from "./radius";

const valid = {
  region: "us-east-1",
  directoryId: "d-1234567890",
  settings: { servers: ["10.0.0.1", "radius.corp.example.com"], port: 1812, timeoutSeconds: 5, retries: 3, protocol: "PAP" },
};

describe("radiusInput", () => {
  it("takes the model's ranges and an optional secret", () => {
    const parsed = radiusInput.parse({ ...valid, sharedSecret: "" });
    expect(parsed.sharedSecret).toBeUndefined();
    expect(parsed.settings.useSameUsername).toBe(true);
    expect(radiusInput.parse({ ...valid, sharedSecret: "a long enough secret!" }).sharedSecret).toBe("a long enough secret!");
  });

  it.each([
    ["a port below 1025", { port: 1024 }, "settings.port"],
    ["a timeout of 21 seconds", { timeoutSeconds: 21 }, "settings.timeoutSeconds"],
    ["11 retries", { retries: 11 }, "settings.retries"],
    ["no server", { servers: [] }, "settings.servers"],
    ["a server that is no host", { servers: ["not a host"] }, "settings.servers.0"],
    ["a server twice", { servers: ["10.0.0.1", "10.0.0.1"] }, "settings.servers"],
    ["an unknown protocol", { protocol: "EAP" }, "settings.protocol"],
    ["a label of 65 characters", { displayLabel: "x".repeat(65) }, "settings.displayLabel"],
  ])("refuses %s", (_what, patch, path) => {
    const out = radiusInput.safeParse({ ...valid, settings: { ...valid.settings, ...patch } });
    expect(out.success).toBe(false);
    expect(out.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("refuses a short or tabbed secret without repeating it", () => {
    for (const secret of ["short", "tab\tin the secret"]) {
      const out = radiusInput.safeParse({ ...valid, sharedSecret: secret });
      expect(out.success).toBe(false);
      expect(JSON.stringify(out.error!.issues.map((i) => i.message))).not.toContain(secret);
    }
  });
});

describe("RADIUS servers", () => {
  it("reads a typed list and checks each entry", () => {
    expect(radiusServerList(" 10.0.0.1,\n10.0.0.2  radius.example.com ")).toEqual(["10.0.0.1", "10.0.0.2", "radius.example.com"]);
    expect(["10.0.0.1", "radius.example.com", "radius"].map(isRadiusServer)).toEqual([true, true, true]);
    expect(["300.1.1.1", "bad_host", "-x.example.com"].map(isRadiusServer)).toEqual([false, false, false]);
  });
});
