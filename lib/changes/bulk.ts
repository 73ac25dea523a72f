import "server-only";
import type { ExistingWorkspaceChange } from "../domain";
import { bulkParamsSchema, type BulkParams } from "../schemas/admin";

// A bulk operation is one change applied to many WorkSpaces: the admin's form says which change, and each
// item becomes that change for its WorkSpace, carried out through the same registry entry as a request.

/** A bulk operation's stored parameters, parsed where they are loaded. */
export function parseBulkParams(value: unknown): BulkParams {
  return bulkParamsSchema.parse(value);
}

/** The change one item of a bulk operation makes to its WorkSpace. */
export function changeForBulkItem(params: BulkParams, workspaceId: string): ExistingWorkspaceChange {
  switch (params.action) {
    case "reboot":
    case "start":
    case "stop":
    case "rebuild":
    case "terminate":
      return { type: params.action, workspaceId };
    case "migrate":
      return { type: "migrate", workspaceId, targetBundleId: params.bundleId };
    case "runningMode":
      return { type: "runningMode", workspaceId, runningMode: params.runningMode, autoStopTimeoutMinutes: params.autoStopTimeoutMinutes };
    case "tags":
      return { type: "tags", workspaceId, set: params.tags, remove: [] };
    case "maintenance":
      return { type: "maintenance", workspaceId, state: params.state };
  }
}
