import { describe, expect, it } from "vitest";
import type { Change, ChangeType } from "../change";
import { changeSchema } from "../schemas";
import { codesOf } from "../testing/codes";
import { ALL_PERMISSIONS, context, directory, requester } from "../testing/fixtures";
import type { RequesterRole, SelfServicePermissions } from "../types";
import { catalogOfferingFor } from "./access";
import { validateChange, validateChangeSet } from "./index";

const CHANGES: Record<"reboot" | "volumes" | "computeType" | "runningMode" | "rebuild", Change> = {
  reboot: { type: "reboot", workspaceId: "ws-1" },
  volumes: { type: "volumes", workspaceId: "ws-1", userVolumeGb: 100 },
  computeType: { type: "computeType", workspaceId: "ws-1", computeType: "PERFORMANCE" },
  runningMode: { type: "runningMode", workspaceId: "ws-1", runningMode: "ALWAYS_ON" },
  rebuild: { type: "rebuild", workspaceId: "ws-1" },
};
const PERMISSION: Record<keyof typeof CHANGES, keyof SelfServicePermissions> = {
  reboot: "restartWorkspace",
  volumes: "increaseVolumeSize",
  computeType: "changeComputeType",
  runningMode: "switchRunningMode",
  rebuild: "rebuildWorkspace",
};

describe("directory self-service permissions", () => {
  const rows = (Object.keys(CHANGES) as (keyof typeof CHANGES)[]).flatMap((type) =>
    (["EMPLOYEE", "MANAGER", "ADMIN"] as RequesterRole[]).map((role) => ({
      type,
      role,
      codes: role === "ADMIN" ? [] : ["SELF_SERVICE_DISABLED"],
    })),
  );
  it.each(rows)("$type by $role with the switch off → $codes", ({ type, role, codes }) => {
    const permissions = { ...ALL_PERMISSIONS, [PERMISSION[type]]: false };
    const ctx = context({ requester: requester({ role }), directories: [directory({ selfServicePermissions: permissions })] });
    expect(codesOf(validateChange(ctx, CHANGES[type]))).toEqual(codes);
  });

  it.each(Object.keys(CHANGES) as (keyof typeof CHANGES)[])("%s with every switch on is allowed", (type) => {
    expect(codesOf(validateChange(context(), CHANGES[type]))).toEqual([]);
  });

  it("turning one switch off does not block other changes", () => {
    const ctx = context({ directories: [directory({ selfServicePermissions: { ...ALL_PERMISSIONS, rebuildWorkspace: false } })] });
    expect(codesOf(validateChange(ctx, CHANGES.reboot))).toEqual([]);
  });

  it("fails closed for employees when the directory is unknown, not for admins", () => {
    expect(codesOf(validateChange(context({ directories: [] }), CHANGES.reboot))).toEqual(["DIRECTORY_UNKNOWN"]);
    expect(codesOf(validateChange(context({ directories: [], requester: requester({ role: "ADMIN" }) }), CHANGES.reboot))).toEqual([]);
  });
});

describe("catalogOfferingFor", () => {
  const catalog = {
    byPersona: {
      employee: { bundleIds: ["wsb-standard"], directoryIds: ["d-employees"] },
      contractor: { bundleIds: ["wsb-value"], directoryIds: ["d-contractors"] },
    },
    byGroup: { designers: { bundleIds: ["wsb-g4dn"], directoryIds: [] } },
  };
  const directories = [
    directory(),
    directory({ id: "d-contractors", allowedPersonas: ["contractor"] }),
    directory({ id: "d-labs", allowedPersonas: [], allowedGroups: ["labs"] }),
  ];
  it.each([
    { persona: "employee", groups: [], bundleIds: ["wsb-standard"], directoryIds: ["d-employees"] },
    { persona: "employee", groups: ["designers"], bundleIds: ["wsb-g4dn", "wsb-standard"], directoryIds: ["d-employees"] },
    { persona: "contractor", groups: [], bundleIds: ["wsb-value"], directoryIds: ["d-contractors"] },
    { persona: "contractor", groups: ["labs"], bundleIds: ["wsb-value"], directoryIds: ["d-contractors", "d-labs"] },
    { persona: "visitor", groups: [], bundleIds: [], directoryIds: [] },
  ])("$persona in $groups", ({ persona, groups, bundleIds, directoryIds }) => {
    expect(catalogOfferingFor({ persona, groups }, directories, catalog)).toEqual({ bundleIds, directoryIds });
  });
});

describe("one change per request", () => {
  it.each([
    { name: "compute and volumes together", changes: [CHANGES.computeType, CHANGES.volumes], codes: ["COMPUTE_AND_VOLUMES_TOGETHER"] },
    {
      name: "root and user as two changes",
      changes: [
        { type: "volumes", workspaceId: "ws-1", rootVolumeGb: 175 },
        { type: "volumes", workspaceId: "ws-1", userVolumeGb: 100 },
      ] as Change[],
      codes: ["ROOT_AND_USER_TOGETHER"],
    },
    {
      name: "compute on one WorkSpace, volumes on another",
      changes: [CHANGES.computeType, { ...CHANGES.volumes, workspaceId: "ws-2" } as Change],
      codes: [],
    },
    { name: "a single change", changes: [CHANGES.volumes], codes: [] },
  ])("$name → $codes", ({ changes, codes }) => {
    expect(codesOf(validateChangeSet(changes))).toEqual(codes);
  });

  it("the input schema refuses compute and volume fields in one change", () => {
    expect(changeSchema.safeParse({ type: "computeType", workspaceId: "ws-1", computeType: "POWER", userVolumeGb: 100 }).success).toBe(
      false,
    );
    expect(changeSchema.safeParse({ type: "volumes", workspaceId: "ws-1", userVolumeGb: 100 }).success).toBe(true);
  });

  it("the schema's output is a Change", () => {
    const parsed = changeSchema.parse({ type: "runningMode", workspaceId: "ws-1", runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 120 });
    const asChange: Change = parsed;
    const type: ChangeType = asChange.type;
    expect(type).toBe("runningMode");
  });
});
