"use server";

import { refreshInventory, refreshWorkspace } from "../services/inventory";
import { markNotificationsRead } from "../services/inbox";
import { resetDirectoryPassword } from "../services/password";
import { authedAction } from "./client";
import { noInput, notificationIdsInput, passwordResetInput, workspaceIdInput } from "../schemas/workspaces";

export const resetMyPassword = authedAction({ name: "resetMyPassword", input: passwordResetInput }, async ({ user, input }) =>
  resetDirectoryPassword(user, { workspaceId: input.workspaceId, newPassword: input.newPassword }),
);

export const refreshMyWorkspace = authedAction({ name: "refreshMyWorkspace", input: workspaceIdInput }, async ({ user, input }) => {
  await refreshWorkspace(user, input.workspaceId);
  return { refreshed: true };
});

export const syncInventoryNow = authedAction({ name: "syncInventoryNow", role: "ADMIN", input: noInput }, async ({ user }) => {
  await refreshInventory(user);
  return { started: true };
});

export const markRead = authedAction({ name: "markRead", input: notificationIdsInput }, async ({ user, input }) => ({
  marked: await markNotificationsRead(user.id, input.ids),
}));
