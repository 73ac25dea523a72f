import { describe, expect, it } from "vitest";
import { apiDecisionCreate, apiIdempotencyKey, apiRequestCreate } from "./api-inputs";

describe("what the REST API's POSTs accept", () => {
  const stop = { type: "stop", workspaceId: "ws-0123456789" };

  it("a request: any change type the portal offers, the form's justification rule, nothing unknown", () => {
    expect(apiRequestCreate.parse({ change: stop, justification: "  Weekend  " })).toEqual({ change: stop, justification: "Weekend" });
    expect(
      apiRequestCreate.safeParse({
        change: { type: "computeType", workspaceId: "ws-1", computeType: "POWER" },
        justification: "Slow builds",
        confirmDestructive: true,
        beneficiaryEmail: "dave@example.com",
      }).success,
    ).toBe(true);
    const short = apiRequestCreate.safeParse({ change: stop, justification: "no" });
    expect(short.error?.issues[0]).toMatchObject({ path: ["justification"], message: "Say briefly why you need this." });
    expect(apiRequestCreate.safeParse({ change: stop, justification: "Weekend", beneficiaryId: "u1" }).success).toBe(false);
    expect(apiRequestCreate.safeParse({ change: { ...stop, extra: 1 }, justification: "Weekend" }).success).toBe(false);
    expect(apiRequestCreate.safeParse({ change: { type: "format", workspaceId: "ws-1" }, justification: "Weekend" }).success).toBe(false);
    expect(apiRequestCreate.safeParse({ change: stop, justification: "Weekend", beneficiaryEmail: "dave" }).success).toBe(false);
  });

  it("a decision: a rejection says why, as in the portal", () => {
    expect(apiDecisionCreate.parse({ decision: "APPROVED" })).toEqual({ decision: "APPROVED" });
    const bare = apiDecisionCreate.safeParse({ decision: "REJECTED", comment: "   " });
    expect(bare.error?.issues[0]).toMatchObject({ path: ["comment"], message: "Say why you reject the request." });
    expect(apiDecisionCreate.parse({ decision: "REJECTED", comment: "Too big" })).toEqual({ decision: "REJECTED", comment: "Too big" });
    expect(apiDecisionCreate.safeParse({ decision: "MAYBE" }).success).toBe(false);
    expect(apiDecisionCreate.safeParse({ decision: "APPROVED", requestId: "r1" }).success).toBe(false);
  });

  it("an Idempotency-Key: 1 to 255 visible ASCII characters", () => {
    for (const key of ["a", "5f1c2b9e-8d0a-4c4e-9b7e-2f6d1a3c8e41", "REQ0010042:approve", "~".repeat(255)])
      expect(apiIdempotencyKey.safeParse(key).success).toBe(true);
    for (const key of ["", "a b", "tab\there", "é", "x".repeat(256), "line\n"])
      expect(apiIdempotencyKey.safeParse(key).success).toBe(false);
  });
});
