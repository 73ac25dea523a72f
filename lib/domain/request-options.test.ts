import { describe, expect, it } from "vitest";
import { defaultDirectoryId, directoryBlocker, directoryBlockerSentence, type DirectoryChoice } from "./request-options";

const choice = (id: string, overrides: Partial<DirectoryChoice> = {}): DirectoryChoice => ({
  id,
  workspaces: 0,
  openRequests: 0,
  offeredBundles: 3,
  ...overrides,
});

describe("the directory the request form opens on", () => {
  it("is the first directory where the person may request", () => {
    expect(defaultDirectoryId([choice("d-corp", { workspaces: 1 }), choice("d-labs")])).toBe("d-labs");
    expect(defaultDirectoryId([choice("d-corp"), choice("d-labs")])).toBe("d-corp");
  });

  it("skips directories with an open request for a WorkSpace or no bundle offered in their Region", () => {
    expect(defaultDirectoryId([choice("a", { openRequests: 1 }), choice("b", { offeredBundles: 0 }), choice("c")])).toBe("c");
  });

  it("falls back to the first directory when none allows a request, and to none without directories", () => {
    expect(defaultDirectoryId([choice("a", { workspaces: 1 }), choice("b", { workspaces: 1 })])).toBe("a");
    expect(defaultDirectoryId([])).toBeNull();
  });

  it("follows the per-directory limit", () => {
    expect(defaultDirectoryId([choice("a", { workspaces: 1 }), choice("b")], 2)).toBe("a");
  });
});

describe("what stops a request, in the person's words", () => {
  it("names the reason", () => {
    expect(directoryBlocker(choice("a"))).toBeNull();
    expect(directoryBlocker(choice("a", { workspaces: 1 }))).toBe("HAS_WORKSPACE");
    expect(directoryBlocker(choice("a", { openRequests: 1 }))).toBe("REQUEST_OPEN");
    expect(directoryBlocker(choice("a", { offeredBundles: 0 }))).toBe("NO_BUNDLE");
  });

  it("speaks to the person, or about them when an admin creates one for them", () => {
    expect(directoryBlockerSentence("HAS_WORKSPACE")).toMatch(/^You already have a WorkSpace in this directory/);
    expect(directoryBlockerSentence("REQUEST_OPEN")).toMatch(/^You already have a request/);
    expect(directoryBlockerSentence("NO_BUNDLE")).toMatch(/offered to you/);
    expect(directoryBlockerSentence("HAS_WORKSPACE", "Dave Patel")).toMatch(/^Dave Patel already has a WorkSpace/);
    for (const code of ["HAS_WORKSPACE", "REQUEST_OPEN", "NO_BUNDLE"] as const)
      expect(directoryBlockerSentence(code)).not.toMatch(/this user/i);
  });
});
