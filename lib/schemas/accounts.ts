import { z } from "zod";
import { accountIdOfRoleArn, EXTERNAL_ID, REGION_NAME } from "../domain/accounts";

// Adding or changing another AWS account: shared by the form, the server action and the service.

export const MAX_ACCOUNT_REGIONS = 10;

export const accountInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the account a name people recognise, such as the business unit.")
    .max(60, "Keep the name under 60 characters."),
  roleArn: z
    .string()
    .trim()
    .refine((v) => accountIdOfRoleArn(v) !== undefined, "Enter a role ARN, for example arn:aws:iam::123456789012:role/WorkSpacesPortal."),
  externalId: z
    .string()
    .trim()
    .refine((v) => v === "" || EXTERNAL_ID.test(v), "An external id has 2 to 1,224 letters, digits or the characters + = , . @ : / - _.")
    .default(""),
  regions: z
    .array(z.string().trim().regex(REGION_NAME, "Enter Regions as AWS names them, for example us-east-1."))
    .min(1, "Name at least one Region the account has WorkSpaces in.")
    .max(MAX_ACCOUNT_REGIONS, `At most ${MAX_ACCOUNT_REGIONS} Regions per account.`),
});

export const accountRef = z.object({ accountId: z.string().min(1).max(64) });

export const updateAccountInput = accountInput.extend(accountRef.shape);

const thresholdCents = z
  .number({ error: "Give an amount in dollars, such as 25 or 25.50." })
  .int()
  .nonnegative("Give an amount of 0 or more.")
  .max(100_000_000, "Give an amount under $1,000,000.")
  .nullable();

/** An account's own approval thresholds; null follows the policy. */
export const accountPolicyInput = accountRef
  .extend({ managerThresholdCents: thresholdCents, adminThresholdCents: thresholdCents })
  .refine((i) => i.managerThresholdCents === null || i.adminThresholdCents === null || i.adminThresholdCents >= i.managerThresholdCents, {
    message: "The admin threshold must not be below the manager threshold.",
    path: ["adminThresholdCents"],
  });
