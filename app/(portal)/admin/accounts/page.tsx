import type { Metadata } from "next";
import { AccountForm } from "@/components/admin/account-form";
import { AccountPolicyForm } from "@/components/admin/account-policy";
import { AccountRemove } from "@/components/admin/account-remove";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { cardClass } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getPolicySettings } from "@/lib/core/settings";
import { db } from "@/lib/db";
import { accountsForAdmin } from "@/lib/queries/admin-accounts";

export const metadata: Metadata = { title: "AWS accounts" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function AccountsPage() {
  await requireRole("ADMIN");
  const [accounts, policy] = await Promise.all([accountsForAdmin(), getPolicySettings(db())]);
  const defaultRegions = getConfig().aws.regions;
  return (
    <>
      <PageHeader
        title="AWS accounts"
        description={
          "The portal manages WorkSpaces in its own AWS account and in any account added here. For each one it assumes a role " +
          "you create in that account, so no long-lived keys are kept. Give that role only what the portal does there " +
          "(WorkSpaces and Directory Service, and reading CloudWatch's WorkSpaces metrics), and let only the portal's account assume it."
        }
      />
      <ul className="mb-6 space-y-3" aria-label="Accounts">
        {accounts.map((a) => (
          <li key={a.id} className={cardClass}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 space-y-1">
                <h2 className="text-base font-semibold">
                  {a.name}
                  {a.isDefault ? <span className="ml-2 text-sm font-normal text-slate-600">(the portal&apos;s own account)</span> : null}
                </h2>
                {a.awsAccountId ? (
                  <p className="text-sm">
                    AWS account <RawId value={a.awsAccountId} label="AWS account id" />
                  </p>
                ) : null}
                {a.roleArn ? (
                  <p className="text-sm break-all">
                    Role <RawId value={a.roleArn} label="role ARN" />
                    {a.externalId ? " · with an external id" : ""}
                  </p>
                ) : a.isDefault ? (
                  <p className="text-sm text-slate-700">Uses the credentials the portal runs with.</p>
                ) : null}
                <p className="text-sm text-slate-700">
                  Regions: {a.regions.join(", ")} · {a.workspaces === 1 ? "1 WorkSpace" : `${a.workspaces} WorkSpaces`}
                </p>
                {a.lastSync ? (
                  a.lastSync.failure ? (
                    <p role="alert" className="text-sm text-red-700">
                      The last inventory sync ({when(a.lastSync.at)}) could not read this account: {a.lastSync.failure}
                    </p>
                  ) : (
                    <p className="text-sm text-slate-700">Inventory last read {when(a.lastSync.at)}.</p>
                  )
                ) : a.isDefault ? null : (
                  <p className="text-sm text-slate-700">Waiting for its first inventory sync.</p>
                )}
              </div>
              {a.isDefault ? null : <AccountRemove accountId={a.id} name={a.name} />}
            </div>
            {a.isDefault ? null : <AccountPolicyForm accountId={a.id} accountName={a.name} override={a.policy} policy={policy} />}
          </li>
        ))}
      </ul>
      <section className={cardClass}>
        <AccountForm defaultRegions={[...defaultRegions]} />
      </section>
    </>
  );
}
