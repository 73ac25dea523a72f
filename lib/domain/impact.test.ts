import { describe, expect, it } from "vitest";
import { CHANGE_TYPES, isDestructive, type Change, type ChangeType } from "./change";
import { expectedDowntime, userVisibleState, whatIsLost } from "./impact";
import { WORKSPACE_STATES } from "./types";

const change = (type: ChangeType): Change => ({ type, workspaceId: "ws-1" }) as Change;

describe("expectedDowntime", () => {
  it.each([
    { type: "reboot", typical: 2, max: 10 },
    { type: "rebuild", typical: 40, max: 60 },
    { type: "restore", typical: 40, max: 60 },
    { type: "migrate", typical: 40, max: 60 },
    { type: "create", typical: 20, max: 60 },
    { type: "tags", typical: 0, max: 0 },
    { type: "runningMode", typical: 0, max: 0 },
  ] as const)("$type → about $typical, at most $max minutes", ({ type, typical, max }) => {
    expect(expectedDowntime(change(type))).toMatchObject({ typicalMinutes: typical, maxMinutes: max });
  });

  it("says an encrypted root volume makes a new WorkSpace take up to an hour", () => {
    const encrypted = { ...change("create"), rootVolumeEncrypted: true } as Change;
    expect(expectedDowntime(encrypted).sentence).toContain("up to an hour");
  });

  it.each(CHANGE_TYPES)("has a sentence for %s", (type) => {
    expect(expectedDowntime(change(type)).sentence.length).toBeGreaterThan(10);
  });
});

describe("whatIsLost", () => {
  it.each([
    { type: "rebuild", lost: ["DRIVE_C", "USER_CHANGES_SINCE_SNAPSHOT"], mentions: /drive C/ },
    { type: "restore", lost: ["DRIVE_C", "USER_CHANGES_SINCE_SNAPSHOT"], mentions: /latest snapshot/ },
    { type: "migrate", lost: ["DRIVE_C", "USER_CHANGES_SINCE_SNAPSHOT"], mentions: /\.NotMigrated/ },
    { type: "terminate", lost: ["EVERYTHING"], mentions: /cannot be undone/ },
  ] as const)("$type loses $lost", ({ type, lost, mentions }) => {
    const loss = whatIsLost(change(type));
    expect(loss?.lost).toEqual(lost);
    expect(loss?.sentence).toMatch(mentions);
  });

  it.each(CHANGE_TYPES)("%s loses data exactly when it is destructive", (type) => {
    expect(whatIsLost(change(type)) !== null).toBe(isDestructive(change(type)));
  });
});

describe("userVisibleState", () => {
  it.each(WORKSPACE_STATES)("%s has a label and a sentence", (state) => {
    const visible = userVisibleState(state);
    expect(visible.label).not.toBe("");
    expect(visible.sentence).toMatch(/\.$/);
  });
  it.each([
    { state: "AVAILABLE", tone: "ready" },
    { state: "STOPPED", tone: "off" },
    { state: "UNHEALTHY", tone: "problem" },
    { state: "REBUILDING", tone: "busy" },
    { state: "TERMINATED", tone: "gone" },
  ] as const)("$state reads as $tone", ({ state, tone }) => {
    expect(userVisibleState(state).tone).toBe(tone);
  });
});
