import { describe, expect, it } from "vitest";
import { directoryRequestersInput } from "./admin-directories";

describe("directoryRequestersInput", () => {
  const base = { directoryId: "d-1234567890", personas: ["CONTRACTOR"], groups: ["lab-users"] };
  it("accepts persona and group names", () => {
    expect(directoryRequestersInput.safeParse(base).success).toBe(true);
  });
  it.each(["__proto__", "constructor", "toString", " hasOwnProperty "])("refuses %j, a name every object already carries", (name) => {
    expect(directoryRequestersInput.safeParse({ ...base, personas: [name] }).success).toBe(false);
    expect(directoryRequestersInput.safeParse({ ...base, groups: [name] }).success).toBe(false);
  });
});
