import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import {
  ACTION_BODY_LIMIT,
  ACTION_BODY_LIMIT_BYTES,
  capMessage,
  INPUT_LIMITS,
  MAX_MESSAGE_LENGTH,
  screenInput,
  screenSearchParams,
  stripFormatControls,
  TOO_LARGE_MESSAGE,
} from "./text";

const refusal = (raw: unknown) => {
  const out = screenInput(raw);
  if (out.ok) throw new Error(`accepted ${JSON.stringify(out.value)?.slice(0, 80)}`);
  return out;
};

describe("screenInput", () => {
  it.each([
    ["a NUL character", { comment: "fine\u0000then" }, /NUL character/],
    ["a NUL character in a key", { ["a\u0000"]: "x" }, /NUL character/],
    ["a lone high surrogate", { justification: "ok \uD800 then" }, /lone surrogate/],
    ["a lone high surrogate at the end", ["\uDBFF"], /lone surrogate/],
    ["a lone low surrogate", { name: "x\uDC00y" }, /lone surrogate/],
    ["a reversed surrogate pair", "\uDC00\uD800", /lone surrogate/],
  ])("refuses %s with a plain 400", (_what, raw, message) => {
    const out = refusal(raw);
    expect(out.status).toBe(400);
    expect(out.error).toMatch(message);
  });

  it("keeps valid surrogate pairs (emoji, rare scripts)", () => {
    expect(screenInput({ note: "ok 👍 𝒳 𠀀" })).toEqual({ ok: true, value: { note: "ok 👍 𝒳 𠀀" } });
  });

  it.each([
    ["right-to-left override and pop", "invoice\u202Etxt.exe\u202C", "invoicetxt.exe"],
    ["isolates", "\u2066abc\u2069", "abc"],
    ["zero-width space, joiners and marks", "a\u200Bb\u200Cc\u200Dd\u200Ee\u200Ff", "abcdef"],
    ["the byte-order mark", "\uFEFFhello", "hello"],
    ["the Arabic letter mark and word joiner", "x\u061Cy\u2060z", "xyz"],
  ])("strips %s from strings, keys and nested values", (_what, text, clean) => {
    expect(screenInput({ [text]: [{ deep: text }] })).toEqual({ ok: true, value: { [clean]: [{ deep: clean }] } });
    expect(stripFormatControls(text)).toBe(clean);
  });

  it("refuses rather than strips invisible characters in a password, which must stay as typed", () => {
    expect(refusal({ newPassword: "Secret\u200B123!" }).error).toMatch(/password contains invisible/);
    expect(screenInput({ newPassword: "Secret-123!" }).ok).toBe(true);
  });

  it("refuses over-size input with a 413 that does not repeat it", () => {
    const huge = "A".repeat(750_000);
    for (const raw of [
      huge,
      { justification: huge },
      Array.from({ length: 60 }, () => "B".repeat(9_000)),
      Array.from({ length: INPUT_LIMITS.maxNodes + 1 }, () => 1),
    ]) {
      const out = refusal(raw);
      expect(out).toEqual({ ok: false, status: 413, error: TOO_LARGE_MESSAGE });
    }
    expect(screenInput("C".repeat(INPUT_LIMITS.maxStringLength)).ok).toBe(true);
  });

  it("refuses input nested too deeply, cycles included", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(refusal(deep)).toEqual({ ok: false, status: 400, error: "The input is nested too deeply." });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal(cyclic).status).toBe(400);
  });

  it("passes numbers, dates, booleans and other values through for the schema to judge", () => {
    const date = new Date(8.64e15);
    const out = screenInput({ n: NaN, big: 10n, date, flag: true, none: null });
    expect(out).toEqual({ ok: true, value: { n: NaN, big: 10n, date, flag: true, none: null } });
  });

  it('keeps a key named "__proto__" a plain field, never the prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const out = screenInput(raw);
    expect(out.ok && Object.getPrototypeOf(out.value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe("screenSearchParams", () => {
  it("refuses a NUL in a query string and strips bidi controls", () => {
    expect(screenSearchParams(new URLSearchParams("actor=%00"))).toMatchObject({ ok: false, status: 400 });
    const out = screenSearchParams(new URLSearchParams("q=%E2%80%AEalice"));
    expect(out.ok && out.value.get("q")).toBe("alice");
  });
});

describe("capMessage", () => {
  it("shortens a message that repeats a large input, on whole characters", () => {
    const capped = capMessage(`Unknown key "${"😀".repeat(10_000)}"`);
    expect(Array.from(capped)).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(capped.endsWith("…")).toBe(true);
    expect(capMessage("Short.")).toBe("Short.");
  });
});

describe("the server-action body limit", () => {
  it("is the one next.config.js gives Next.js", () => {
    expect(readFileSync("next.config.js", "utf8")).toContain(`bodySizeLimit: "${ACTION_BODY_LIMIT}"`);
    expect(ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it("answers a larger server-action POST with a plain-text 413, which the browser shows as the action's error", async () => {
    const action = (length: number) =>
      proxy(
        new NextRequest("http://portal.test/admin/policies", {
          method: "POST",
          headers: { "next-action": "abc123", "content-length": String(length) },
        }),
      );
    const refused = await action(ACTION_BODY_LIMIT_BYTES + 1);
    expect(refused.status).toBe(413);
    expect(refused.headers.get("content-type")).toBe("text/plain");
    expect(await refused.text()).toBe(TOO_LARGE_MESSAGE);
    expect((await action(ACTION_BODY_LIMIT_BYTES)).status).toBe(200);
  });
});
