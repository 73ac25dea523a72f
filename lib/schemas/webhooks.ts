import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../domain";

// The webhook admin forms (/admin/webhooks). Whether an address is safe to call is checked by the
// service after DNS resolution; here only its shape.

const id = (what: string) => z.string().trim().min(1, `Choose ${what}.`).max(64, `That is not a valid ${what} id.`);

export const webhookCreateInput = z.object({
  name: z.string().trim().min(3, "Name the endpoint after the system that receives it.").max(80, "Keep the name under 80 characters."),
  url: z
    .string()
    .trim()
    .min(1, "Enter the address the events are sent to.")
    .max(2000, "Keep the address under 2,000 characters.")
    .refine((v) => URL.canParse(v), "Enter a full address, such as https://itsm.example.com/hooks/workspaces."),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, "Choose events from the list."))
    .min(1, "Choose at least one event.")
    .max(WEBHOOK_EVENT_TYPES.length),
});
export type WebhookCreateInput = z.input<typeof webhookCreateInput>;

export const webhookIdInput = z.object({ webhookId: id("an endpoint") });

export const webhookActiveInput = z.object({ webhookId: id("an endpoint"), active: z.boolean() });

export const webhookDeliveryIdInput = z.object({ deliveryId: id("a delivery") });

export const webhookNetworkInput = z.object({ allowPrivate: z.boolean() });

/** The delivery log's page (?page=2), from the URL. */
export const webhookLogQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
