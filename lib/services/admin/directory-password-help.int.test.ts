import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PASSWORD_HELP } from "@/lib/domain";
import { passwordHelpFor } from "@/lib/queries/password-help";
import { createTestWorld, type TestWorld } from "@/test/world";
import { directoryPasswordHelp, updateDirectoryPasswordHelp } from "./directory-password-help";

// Where the portal cannot reset a password (an AD Connector), employees read their organisation's instructions:
// one setting per directory, written by an admin, validated and audited.
describe("a directory's password-reset instructions", () => {
  let world: TestWorld;
  let corp: string;
  let labs: string;
  const admin = () => ({ id: world.people.carol.id });

  beforeAll(async () => {
    world = await createTestWorld();
    const dirs = await world.gateway.region("us-east-1").directories.describeDirectories();
    corp = dirs.find((d) => d.name === "corp.example.com")!.directoryId;
    labs = dirs.find((d) => d.name === "labs.example.com")!.directoryId;
  });
  afterAll(() => world.close());

  it("read the default sentence until an admin writes some", async () => {
    expect(await passwordHelpFor(corp)).toEqual({ ...DEFAULT_PASSWORD_HELP, custom: false });
    expect(await directoryPasswordHelp(admin(), { directoryId: corp })).toMatchObject({ custom: false });
  });

  it("are saved per directory and audited with what they were before", async () => {
    await updateDirectoryPasswordHelp(admin(), {
      directoryId: corp,
      text: "  Use the self-service page or call 4357.  ",
      url: "https://password.example.com/reset",
    });
    expect(await passwordHelpFor(corp)).toEqual({
      text: "Use the self-service page or call 4357.",
      url: "https://password.example.com/reset",
      custom: true,
    });
    // Another directory keeps the default.
    expect(await passwordHelpFor(labs)).toMatchObject({ custom: false });

    await updateDirectoryPasswordHelp(admin(), { directoryId: corp, text: "Call 4357.", url: "" });
    expect(await passwordHelpFor(corp)).toEqual({ text: "Call 4357.", url: null, custom: true });

    const events = await world.database.prisma.auditEvent.findMany({
      where: { action: "directory.password_help_updated", targetId: corp },
      orderBy: { id: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events.map((e) => [e.actorId, e.targetType])).toEqual([
      [world.people.carol.id, "directory"],
      [world.people.carol.id, "directory"],
    ]);
    expect(events[0]!.before).toBeNull();
    expect(events[1]!.before).toEqual({ text: "Use the self-service page or call 4357.", url: "https://password.example.com/reset" });
    expect(events[1]!.after).toEqual({ text: "Call 4357.", url: null });
  });

  it.each([
    [{ text: "", url: "" }, /Write a sentence or two/],
    [{ text: "x".repeat(1001), url: "" }, /under 1000 characters/],
    [{ text: "Call 4357.", url: "http://password.example.com" }, /https address/],
    [{ text: "Call 4357.", url: "javascript:alert(1)" }, /https address/],
    [{ text: "Call 4357.", url: `https://example.com/${"a".repeat(500)}` }, /under 500 characters/],
  ])("refuse %o", async (input, message) => {
    await expect(updateDirectoryPasswordHelp(admin(), { directoryId: labs, ...input })).rejects.toThrow(message);
    expect(await passwordHelpFor(labs)).toMatchObject({ custom: false });
  });

  it("refuse a directory id that is not one", async () => {
    await expect(updateDirectoryPasswordHelp(admin(), { directoryId: "../policy", text: "Call 4357.", url: "" })).rejects.toThrow(
      /Choose a directory/,
    );
  });

  it("are for admins only, to read and to write", async () => {
    for (const person of [world.people.alice, world.people.bob]) {
      await expect(updateDirectoryPasswordHelp({ id: person.id }, { directoryId: labs, text: "Mine now.", url: "" })).rejects.toThrow(
        "Only admins can do this.",
      );
      await expect(directoryPasswordHelp({ id: person.id }, { directoryId: labs })).rejects.toThrow("Only admins can do this.");
    }
    expect(await passwordHelpFor(labs)).toMatchObject({ custom: false });
  });
});
