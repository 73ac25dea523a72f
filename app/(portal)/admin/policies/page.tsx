import type { Metadata } from "next";
import { EncryptionKeysForm } from "@/components/admin/encryption-keys-form";
import { PolicyForm } from "@/components/admin/policy-form";
import { ReclaimSettingsForm } from "@/components/admin/reclaim-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getPolicySettings } from "@/lib/core/settings";
import { getReclaimSettings } from "@/lib/core/reclaim-settings";
import { RECLAIM_LIMITS } from "@/lib/domain/reclaim";
import { policyPickerOptions } from "@/lib/queries/admin-policies";
import { TagPolicyForm } from "@/components/tags/tag-policy-form";
import { tagPolicyOf } from "@/lib/domain/tags";

export const metadata: Metadata = { title: "Policies" };
export const dynamic = "force-dynamic";

export default async function PoliciesPage() {
  await requireRole("ADMIN");
  const [settings, reclaim, options] = await Promise.all([getPolicySettings(db()), getReclaimSettings(db()), policyPickerOptions()]);
  return (
    <>
      <PageHeader
        title="Policies"
        description={
          "Who approves what, how long approvals wait, and what each persona and group may have. " +
          "Saved changes apply to the next request."
        }
      />
      <PolicyForm settings={settings} bundles={options.bundles} directories={options.directories} personas={options.personas} />
      <ReclaimSettingsForm settings={reclaim} limits={RECLAIM_LIMITS} />
      <EncryptionKeysForm keys={settings.volumeEncryptionKeys} directories={options.directories} personas={options.personas} />
      <TagPolicyForm policy={tagPolicyOf(settings)} />
    </>
  );
}
