import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WEBHOOK_SIGNATURE_TOLERANCE_S } from "@/lib/domain";
import { webhookEventBody } from "@/lib/schemas/api";
import {
  decryptWebhookSecret,
  encryptWebhookSecret,
  generateWebhookSecret,
  signWebhookBody,
  verifyWebhookSignature,
} from "./webhook-secrets";
import { webhookEventBodyFor } from "./webhooks";

describe("webhook secrets", () => {
  it("are 32 random bytes behind whsec_, different each time", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(6), "base64url")).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it("are stored encrypted, and come back only unaltered", () => {
    const secret = generateWebhookSecret();
    const stored = encryptWebhookSecret(secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(encryptWebhookSecret(secret)).not.toBe(stored); // a fresh IV each time
    expect(decryptWebhookSecret(stored)).toBe(secret);
    const [v, iv, tag, data] = stored.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptWebhookSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => decryptWebhookSecret("plain")).toThrow();
  });
});

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "evt_1", type: "request.submitted", time: "2026-11-30T10:00:00.000Z", data: { a: 1 } });
  const t = 1_790_000_000;

  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>, as a receiver computes it", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhookBody(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies within the tolerance window and refuses everything else", () => {
    const header = signWebhookBody(secret, body, t);
    const tol = WEBHOOK_SIGNATURE_TOLERANCE_S;
    expect(verifyWebhookSignature(secret, body, header, t, tol)).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, t + tol, tol)).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, t + tol + 1, tol)).toBe(false); // a replay, too late
    expect(verifyWebhookSignature(secret, body, header, t - tol - 1, tol)).toBe(false);
    expect(verifyWebhookSignature("whsec_other", body, header, t, tol)).toBe(false);
    expect(verifyWebhookSignature(secret, body.replace("1}", "2}"), header, t, tol)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header.replace(`t=${t}`, `t=${t + 1}`), t, tol)).toBe(false);
    expect(verifyWebhookSignature(secret, body, null, t, tol)).toBe(false);
    expect(verifyWebhookSignature(secret, body, "v1=abc", t, tol)).toBe(false);
  });

  it("signs the body every endpoint gets, which matches the published event schema", () => {
    const event = webhookEventBodyFor("request.approved", { id: "req_1", status: "APPROVED" }, new Date("2026-11-30T10:00:00Z"));
    expect(webhookEventBody.parse(event)).toEqual(event);
    expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(webhookEventBodyFor("request.approved", {}, new Date()).id).not.toBe(event.id);
  });
});
