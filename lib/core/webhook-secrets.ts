import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getConfig } from "../config";

// A webhook's signing secret is shown to the admin once and kept encrypted (AES-256-GCM) with a key
// derived from AUTH_SECRET for this purpose only, so a database dump alone cannot forge deliveries.

const PREFIX = "whsec_";
const FORMAT = "v1";

function encryptionKey(): Buffer {
  return createHmac("sha256", getConfig().auth.secret).update("portal webhook signing secrets v1").digest();
}

/** A new secret: 32 random bytes, `whsec_` + base64url. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

export function encryptWebhookSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [FORMAT, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** The plain secret; throws when the stored value was not made with this AUTH_SECRET (or was altered). */
export function decryptWebhookSecret(stored: string): string {
  const [format, iv, tag, data] = stored.split(".");
  if (format !== FORMAT || !iv || !tag || data === undefined) throw new Error("The stored webhook secret is not in a known format.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** The `Portal-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * What a receiver does with `Portal-Signature`: the timestamp must lie within `toleranceSeconds` of
 * now (a replay of an old delivery is refused) and one of the v1 values must match the body.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds: number,
  toleranceSeconds: number,
): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  return parts
    .filter(([k]) => k === "v1")
    .some(([, v]) => {
      const given = Buffer.from(v ?? "");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
