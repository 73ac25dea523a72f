"use server";

import { revalidatePath } from "next/cache";
import { editResourceTags, requestWorkspaceTagChange, updateTagPolicy } from "../services/tags";
import { resourceTagsInput, tagPolicyInput, workspaceTagsInput } from "../schemas/tags";
import { authedAction } from "./client";

/** The policies page's tag rules; the service parses again with the domain schema and audits. */
export const updateTagPolicyAction = authedAction(
  { name: "updateTagPolicyAction", role: "ADMIN", input: tagPolicyInput },
  async ({ user, input }) => {
    await updateTagPolicy(user, input);
    revalidatePath("/admin/policies");
    return { saved: true };
  },
);

/** A tag edit from the WorkSpace page, as a request; the request service checks that the WorkSpace is the caller's. */
export const requestWorkspaceTagsAction = authedAction(
  { name: "requestWorkspaceTagsAction", input: workspaceTagsInput },
  async ({ user, input }) => {
    const result = await requestWorkspaceTagChange(user, input);
    if (result.ok) revalidatePath(`/workspaces/${input.workspaceId}`);
    return result;
  },
);

/** An admin's tag edit of a custom bundle or an IP group, sent to AWS at once. */
export const editResourceTagsAction = authedAction(
  { name: "editResourceTagsAction", role: "ADMIN", input: resourceTagsInput },
  async ({ user, input }) => {
    const out = await editResourceTags(user, input);
    revalidatePath(input.resourceId.startsWith("wsb-") ? `/admin/bundles/${input.resourceId}` : `/admin/ip-groups/${input.resourceId}`);
    return out;
  },
);
