import { z } from "zod";
import { dateInput } from "./fields";

// A manager hands their approvals to someone else for a period: the form, the action and the service parse these.

export const delegationInput = z
  .object({
    delegateId: z.string().min(1, "Choose a delegate.").max(64),
    startsAt: dateInput("start date"),
    endsAt: dateInput("end date"),
  })
  .refine((d) => d.endsAt > d.startsAt, { message: "The end must be after the start.", path: ["endsAt"] });
export type DelegationInput = z.infer<typeof delegationInput>;

export const delegationRef = z.object({ delegationId: z.string().min(1).max(64) });
