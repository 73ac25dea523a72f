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

export const createWebhookAction = authedAction(
  { name: "createWebhookAction", role: "ADMIN", input: webhookCreateInput },
  async ({ user, input }) => done(await createWebhook(user, input)),
);
export const rotateWebhookSecretAction = authedAction(
  { name: "rotateWebhookSecretAction", role: "ADMIN", input: webhookIdInput },
  async ({ user, input }) => done(await rotateWebhookSecret(user, input)),
);
export const setWebhookActiveAction = authedAction(
  { name: "setWebhookActiveAction", role: "ADMIN", input: webhookActiveInput },
  async ({ user, input }) => done(await setWebhookActive(user, input)),
);
export const deleteWebhookAction = authedAction(
  { name: "deleteWebhookAction", role: "ADMIN", input: webhookIdInput },
  async ({ user, input }) => done(await deleteWebhook(user, input)),
);
export const setWebhookNetworkAction = authedAction(
  { name: "setWebhookNetworkAction", role: "ADMIN", input: webhookNetworkInput },
  async ({ user, input }) => done(await setWebhookNetwork(user, input)),
);
export const redeliverWebhookAction = authedAction(
  { name: "redeliverWebhookAction", role: "ADMIN", input: webhookDeliveryIdInput },
  async ({ user, input }) => done(await redeliverWebhook(user, input)),
);
