"use server";

import { revalidatePath } from "next/cache";
import { fleetIds } from "../queries/admin-fleet";
import { retryBulkFailures, startBulkOperation } from "../services/admin/bulk";
import { ServiceError } from "../core/errors";
import { startBulkInput } from "../schemas/admin";
import { bulkForFilterInput, bulkOperationRef } from "../schemas/admin-fleet";
import { authedAction } from "./client";

export const startBulkAction = authedAction({ name: "startBulkAction", role: "ADMIN", input: startBulkInput }, async ({ user, input }) =>
  startBulkOperation(user, input),
);

/** "Every WorkSpace matching the filter": the ids are resolved on the server from the filter, not sent by the browser. */
export const startBulkForFilterAction = authedAction(
  { name: "startBulkForFilterAction", role: "ADMIN", input: bulkForFilterInput },
  async ({ user, input }) => {
    const ids = await fleetIds(input.filter);
    if (!ids.length) throw new ServiceError("invalid", "No WorkSpace matches this filter.");
    return startBulkOperation(user, { workspaceIds: ids, params: input.params, confirmed: input.confirmed });
  },
);

export const retryBulkAction = authedAction(
  { name: "retryBulkAction", role: "ADMIN", input: bulkOperationRef },
  async ({ user, input }) => {
    const out = await retryBulkFailures(user, input.operationId);
    revalidatePath(`/admin/fleet/bulk/${input.operationId}`);
    return out;
  },
);
