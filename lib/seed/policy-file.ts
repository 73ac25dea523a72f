import "server-only";
import { readFileSync } from "node:fs";
import { policySettingsSchema } from "../domain";
import type { PrismaClient } from "../generated/prisma/client";
import { POLICY_SETTING_KEY } from "../core/settings";

/**
 * POLICY_FILE gives a deployment its starting approval policy as JSON (thresholds, auto-approved
 * types, escalation and expiry, catalog by persona). It applies only while no policy is stored: after
 * that, admins own the policy in the portal. A file that does not validate stops start-up.
 */
export async function applyPolicyFile(db: PrismaClient, file: string): Promise<boolean> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`POLICY_FILE ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const parsed = policySettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`POLICY_FILE ${file} is not a valid policy: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const { count } = await db.setting.createMany({ data: [{ key: POLICY_SETTING_KEY, value: parsed.data }], skipDuplicates: true });
  return count === 1;
}
