"use server";

import { revalidatePath } from "next/cache";
import {
  createWebhook,
  deleteWebhook,
  redeliverWebhook,
  rotateWebhookSecret,
  setWebhookActive,
  setWebhookNetwork,
} from "../services/admin/webhooks";
import { webhookActiveInput, webhookCreateInput, webhookDeliveryIdInput, webhookIdInput, webhookNetworkInput } from "../schemas/webhooks";
import { authedAction } from "./client";

const done = <T>(value: T) => {
  revalidatePath("/admin/webhooks", "layout");
  return value;
};

export const createWebhookAction = authedAction({ role: "ADMIN", input: webhookCreateInput }, async ({ user, input }) =>
  done(await createWebhook(user, input)),
);
export const rotateWebhookSecretAction = authedAction({ role: "ADMIN", input: webhookIdInput }, async ({ user, input }) =>
  done(await rotateWebhookSecret(user, input)),
);
export const setWebhookActiveAction = authedAction({ role: "ADMIN", input: webhookActiveInput }, async ({ user, input }) =>
  done(await setWebhookActive(user, input)),
);
export const deleteWebhookAction = authedAction({ role: "ADMIN", input: webhookIdInput }, async ({ user, input }) =>
  done(await deleteWebhook(user, input)),
);
export const setWebhookNetworkAction = authedAction({ role: "ADMIN", input: webhookNetworkInput }, async ({ user, input }) =>
  done(await setWebhookNetwork(user, input)),
);
export const redeliverWebhookAction = authedAction({ role: "ADMIN", input: webhookDeliveryIdInput }, async ({ user, input }) =>
  done(await redeliverWebhook(user, input)),
);
