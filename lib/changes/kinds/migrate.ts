import "server-only";
import type { RegionGateway, WorkspaceSummary } from "../../aws";
import type { MigrateChange } from "../../domain";
import { changeSchemaFor } from "../schema";
import type { BatchExecution, ChangeKind } from "../types";
import { costDelta, NOTHING_CALLED, oneByOne, sawTransition, validate, waiting } from "./shared";

// Migration to another bundle: AWS creates a new WorkSpace for the same user and terminates the old one.

/** The WorkSpace the migration produced: the user's other WorkSpace on the target bundle. */
async function migratedTo(
  gw: RegionGateway,
  change: MigrateChange,
  source: WorkspaceSummary | undefined,
): Promise<WorkspaceSummary | undefined> {
  if (!source) return undefined;
  const siblings = await gw.workspaces.listWorkspaces({ directoryId: source.directoryId, userName: source.userName });
  return siblings.find((w) => w.workspaceId !== source.workspaceId && w.bundleId === change.targetBundleId && w.state !== "TERMINATED");
}

const execution: BatchExecution<MigrateChange> = {
  awsOperation: "MigrateWorkspace",
  endsWorkspace: true,
  async call(gw, { change }) {
    const started = await gw.workspaces.migrate(change.workspaceId, change.targetBundleId);
    return { awsRequestIds: [started.requestId], resultWorkspaceId: started.targetWorkspaceId || undefined };
  },
  callBatch: (gw, changes) => oneByOne(changes, (c) => gw.workspaces.migrate(c.workspaceId, c.targetBundleId)),
  async alreadyApplied(gw, { change }, ws) {
    const result = await migratedTo(gw, change, ws);
    if (result) return { awsRequestIds: [], resultWorkspaceId: result.workspaceId };
    // The source going away also means the call was made.
    if (!ws || ws.state === "TERMINATED" || ws.state === "TERMINATING") return NOTHING_CALLED;
    return null;
  },
  progress(input) {
    const { result } = input;
    if (!result) return waiting(sawTransition(input));
    if (result.state === "AVAILABLE") return { kind: "done", resultWorkspaceId: result.workspaceId };
    if (result.state === "ERROR") return { kind: "failed", reason: result.errorMessage || "AWS could not create the WorkSpace." };
    return waiting(true);
  },
};

export const migrate = {
  type: "migrate",
  schema: changeSchemaFor<MigrateChange>("migrate"),
  validate,
  costDelta,
  execution,
} satisfies ChangeKind<MigrateChange>;
