import { z } from "zod";

/** A whole settings document; its shape is checked by the domain schema in the service. */
export const settingsInput = z.object({ value: z.unknown() });
