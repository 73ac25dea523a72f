import { describe, expect, it } from "vitest";
import { PORTAL_REQUEST_TAG } from "@/lib/aws/workspaces-inventory";
import { PORTAL_REQUEST_TAG_KEY } from "@/lib/domain";

describe("the portal's request tag", () => {
  it("is the key the gateway writes and the key the domain reserves", () => {
    // The executor finds a retried create by this tag; if the two drifted apart, a crash could create a second WorkSpace.
    expect(PORTAL_REQUEST_TAG).toBe(PORTAL_REQUEST_TAG_KEY);
  });
});
