import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokenCreateForm } from "@/components/admin/api-tokens/token-create-form";
import { ApiTokenTable, type ApiTokenView } from "@/components/admin/api-tokens/token-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { relativeTime, utc } from "@/lib/presentation/format";
import { listApiTokens } from "@/lib/queries/admin-api-tokens";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  await requireRole("ADMIN");
  const now = new Date();
  const tokens: ApiTokenView[] = (await listApiTokens(now)).map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    mayActForPeople: t.mayActForPeople,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    createdAtText: utc(t.createdAt),
    expiresAt: t.expiresAt.toISOString(),
    expiresAtText: `${utc(t.expiresAt)} (${relativeTime(t.expiresAt, now)})`,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedText: t.lastUsedAt ? relativeTime(t.lastUsedAt, now) : "never",
    status: t.status,
    statusLabel: t.statusLabel,
  }));
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let IT service management tools such as ServiceNow or Jira, and scripts, use the portal's REST API."
      />
      <div className="mb-6 max-w-3xl space-y-2 text-sm text-slate-700">
        <p>
          Each token belongs to a service account of its own, named after the token: requests it makes are recorded as made by that account,
          and every call is audited with the token&apos;s name. A service account is not a person: it cannot sign in and never approves.
        </p>
        <p>
          The calling system sends the token in the <code>Authorization: Bearer …</code> header. With the right to act for people, it names
          the person in <code>X-On-Behalf-Of: &lt;email&gt;</code>. The endpoints and their scopes are described in the{" "}
          <Link href="/api/docs" className="text-brand-700 underline">
            API reference
          </Link>
          .
        </p>
      </div>
      <ApiTokenCreateForm />
      <h2 className="mb-2 text-lg font-medium text-brand-900">Tokens</h2>
      <ApiTokenTable tokens={tokens} />
    </>
  );
}
