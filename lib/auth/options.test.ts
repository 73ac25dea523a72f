import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../config/schema";
import { authOptions } from "./options";

// next-auth's entry imports next/server, which only Next.js's own bundler resolves; its sign-in error
// class is @auth/core's.
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

const config = (env: Record<string, string> = {}) =>
  loadConfig({ PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-auth-")), ...env });

describe("authOptions", () => {
  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "development", AUTH_URL: "https://workspaces.example.com" }, true],
    [{ NODE_ENV: "development" }, false],
  ])("hands the configured Secure-cookie choice to Auth.js (%o)", (env, secure) => {
    const portal = config(env);
    expect(portal.auth.secureCookies).toBe(secure);
    expect(authOptions(portal).useSecureCookies).toBe(secure);
  });

  it("redirects only to paths on the portal's own origin", async () => {
    const redirect = authOptions(config()).callbacks!.redirect!;
    const baseUrl = "https://workspaces.example.com";
    expect(await redirect({ url: "/requests?x=1", baseUrl })).toBe("https://workspaces.example.com/requests?x=1");
    expect(await redirect({ url: "https://workspaces.example.com/approvals", baseUrl })).toBe("https://workspaces.example.com/approvals");
    for (const url of ["https://evil.example/", "//evil.example", "/\\evil.example/x", "javascript:alert(1)"]) {
      expect(await redirect({ url, baseUrl })).toBe("https://workspaces.example.com/");
    }
  });
});
