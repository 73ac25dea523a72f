import { z } from "zod";
import { fleetFilterSchema } from "./admin-fleet-filter";
import { bulkParamsSchema } from "./admin";

export const bulkForFilterInput = z.object({ filter: fleetFilterSchema, params: bulkParamsSchema, confirmed: z.boolean().optional() });
export const bulkOperationRef = z.object({ operationId: z.string().min(1).max(64) });
